// The owner's booking API (seed 002): list, create (manual, idempotent), get, patch
// (reschedule, notes), cancel. Authorization: Bearer $OWNER_API_KEY.
#include "api/auth.hpp"
#include "api/conflict_response.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "calendar/calendar_mirror.hpp"
#include "core/time_zone.hpp"
#include "tools/booking_json.hpp"
#include "tools/booking_requests.hpp"

namespace frontdesk::api {
namespace {

using nlohmann::json;

constexpr int kMaxListed = 1000;

booking::BookingFilter filter_from_query(const net::HttpRequest& request, ApiContext& context) {
    booking::BookingFilter filter;
    filter.facility_id = request.query_param("facility_id");
    if (auto date = request.query_param("date")) {
        if (!filter.facility_id) {
            throw InvalidArgument("MISSING_FIELD", "Filtering by 'date' needs 'facility_id'.");
        }
        const auto& facility = context.bookings.facilities().get(*filter.facility_id);
        const auto day = parse_date_field("date", *date);
        const auto span = booking::day_span(facility, day, day);
        filter.starts_from = span.from;
        filter.starts_before = span.to;
    }
    if (auto from = query_instant(request, "from")) filter.starts_from = from;
    if (auto to = query_instant(request, "to")) filter.starts_before = to;
    if (auto status = request.query_param("status")) {
        filter.status = booking::parse_booking_status(*status);
        if (!filter.status) {
            throw InvalidArgument("INVALID_PARAMETER", "'status' must be confirmed or cancelled.");
        }
    }
    filter.phone = request.query_param("phone");
    filter.email = request.query_param("email");
    filter.limit = query_int(request, "limit", 1, kMaxListed).value_or(filter.limit);
    return filter;
}

const booking::Facility& facility_of(ApiContext& context, const booking::Booking& booking) {
    return context.bookings.facilities().get(booking.facility_id);
}

/// A booking as the owner sees it: with its Google Calendar sync state when sync is on.
json owner_booking_json(ApiContext& context, const booking::Booking& booking) {
    json out = tools::booking_json(facility_of(context, booking), booking);
    if (context.calendar_sync != nullptr) {
        out["calendar"] = calendar::calendar_sync_json(*context.calendar_sync, booking.id);
    }
    return out;
}

net::HttpResponse list(net::HttpRequest& request, ApiContext& context) {
    authorize_owner(request, context);
    json items = json::array();
    for (const auto& found : context.bookings.list_bookings(filter_from_query(request, context))) {
        items.push_back(owner_booking_json(context, found));
    }
    return net::json_response({{"bookings", items}, {"count", items.size()}});
}

net::HttpResponse create(net::HttpRequest& request, ApiContext& context) {
    authorize_owner(request, context);
    const auto body = net::parse_json_body(request);
    const auto& facility = context.bookings.facilities().get(required_string(body, "facility_id"));
    const auto booking_request = tools::booking_request_from_json(body, facility.id, "owner");
    const auto key = optional_string(body, "idempotency_key");
    return answering_conflicts(facility, request, [&] {
        const auto created = context.bookings.create_booking(booking_request, key);
        return net::json_response(owner_booking_json(context, created), 201);
    });
}

net::HttpResponse get(net::HttpRequest& request, ApiContext& context) {
    authorize_owner(request, context);
    const auto found = context.bookings.get_booking(request.path_param("id"));
    return net::json_response(owner_booking_json(context, found));
}

booking::RescheduleRequest reschedule_from_json(const json& body) {
    booking::RescheduleRequest move;
    if (auto date = optional_string(body, "date")) move.date = parse_date_field("date", *date);
    if (auto start = optional_string(body, "start_time")) {
        move.start_time = parse_time_field("start_time", *start);
    }
    move.duration_minutes = optional_int(body, "duration_minutes", 1, 24 * 60);
    move.resource_ids = optional_string_list(body, "resource_ids");
    return move;
}

net::HttpResponse patch(net::HttpRequest& request, ApiContext& context) {
    authorize_owner(request, context);
    const auto body = net::parse_json_body(request);
    const auto& id = request.path_param("id");
    auto current = context.bookings.get_booking(id);
    const auto& facility = facility_of(context, current);
    const auto move = reschedule_from_json(body);
    const bool moves =
        move.date || move.start_time || move.duration_minutes || !move.resource_ids.empty();
    return answering_conflicts(facility, request, [&] {
        if (moves) current = context.bookings.reschedule_booking(id, move, false);
        if (auto notes = optional_string(body, "notes")) {
            current = context.bookings.update_notes(id, *notes);
        }
        return net::json_response(owner_booking_json(context, current));
    });
}

net::HttpResponse cancel(net::HttpRequest& request, ApiContext& context) {
    authorize_owner(request, context);
    const auto cancelled = context.bookings.cancel_booking(request.path_param("id"), false);
    return net::json_response(owner_booking_json(context, cancelled));
}

}  // namespace

void register_owner_routes(net::Router& router, ApiContext& context) {
    router.add("GET", "/owner/bookings", with_context(context, list));
    router.add("POST", "/owner/bookings", with_context(context, create));
    router.add("GET", "/owner/bookings/{id}", with_context(context, get));
    router.add("PATCH", "/owner/bookings/{id}", with_context(context, patch));
    router.add("DELETE", "/owner/bookings/{id}", with_context(context, cancel));
}

}  // namespace frontdesk::api
