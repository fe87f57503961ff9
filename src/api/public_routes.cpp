// The public booking API a ChatGPT Custom GPT calls through Actions (seed 000): business info,
// services, stylists (resources), availability, quote → confirm, booking lookup.
#include "api/auth.hpp"
#include "api/conflict_response.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "tools/booking_json.hpp"
#include "tools/booking_requests.hpp"

namespace frontdesk::api {
namespace {

using nlohmann::json;

constexpr int kMaxAvailabilityDays = 14;

const booking::Facility& facility_from_query(net::HttpRequest& request, const ApiContext& context) {
    return authorize_public(request, context, request.query_param("facility_id"));
}

/// The facility a quote or booking belongs to, if the caller may see it; another facility's
/// record answers 404 as if it did not exist.
const booking::Facility& facility_of_record(const PublicCaller& caller, const ApiContext& context,
                                            const std::string& facility_id, const char* code,
                                            const char* what, const std::string& id) {
    if (caller.own_facility != nullptr && caller.own_facility->id != facility_id) {
        throw NotFound(code, std::string{"No "} + what + " with id '" + id + "'.");
    }
    return context.bookings.facilities().get(facility_id);
}

/// The slot an availability query asks about: date, start_time, duration_minutes, service_id,
/// stylist_id | resource_id, number_of_courts.
booking::SlotRequest slot_request_from_query(const net::HttpRequest& request) {
    booking::SlotRequest slot;
    const auto date = request.query_param("date");
    if (!date) throw InvalidArgument("MISSING_FIELD", "Query parameter 'date' is required.");
    slot.date = parse_date_field("date", *date);
    if (auto start = request.query_param("start_time")) {
        slot.start_time = parse_time_field("start_time", *start);
    }
    slot.duration_minutes =
        query_int(request, "duration_minutes", 1, tools::kMaxDurationMinutes).value_or(0);
    slot.number_of_resources =
        query_int(request, "number_of_courts", 1, tools::kMaxResourcesPerRequest).value_or(1);
    slot.service_id = request.query_param("service_id");
    auto resource = request.query_param("stylist_id");
    if (!resource) resource = request.query_param("resource_id");
    if (resource) slot.resource_ids = {*resource};
    return slot;
}

net::HttpResponse business(net::HttpRequest& request, ApiContext& context) {
    const auto& facility = facility_from_query(request, context);
    json out = tools::facility_detail_json(facility);
    const auto now = context.bookings.clock().now();
    out["today"] = format_date(facility.time_zone.today(now));
    out["now"] = facility.time_zone.format_rfc3339(now);
    return net::json_response(out);
}

net::HttpResponse services(net::HttpRequest& request, ApiContext& context) {
    const auto& facility = facility_from_query(request, context);
    json list = json::array();
    for (const auto& service : facility.services)
        list.push_back(tools::service_json(facility, service));
    json out = {{"facility_id", facility.id}, {"services", list}};
    if (facility.services.empty()) {
        out["hourly_pricing"] = {
            {"weekday_per_hour", tools::money_json(facility, facility.pricing.weekday_per_hour)},
            {"weekend_per_hour", tools::money_json(facility, facility.pricing.weekend_per_hour)},
            {"minimum_duration_minutes", facility.rules.minimum_duration_minutes}};
    }
    return net::json_response(out);
}

net::HttpResponse stylists(net::HttpRequest& request, ApiContext& context) {
    const auto& facility = facility_from_query(request, context);
    json list = json::array();
    for (const auto& resource : facility.resources) {
        list.push_back(tools::resource_json(facility, resource.id));
    }
    return net::json_response({{"facility_id", facility.id},
                               {"resource_kind", facility.resource_kind},
                               {"stylists", list}});
}

net::HttpResponse availability(net::HttpRequest& request, ApiContext& context) {
    const auto& facility = facility_from_query(request, context);
    const auto slot = slot_request_from_query(request);
    LocalDate last = slot.date;
    if (auto end_date = request.query_param("end_date")) {
        last = parse_date_field("end_date", *end_date);
        const int span = days_between(slot.date, last);
        if (span < 0 || span >= kMaxAvailabilityDays) {
            throw InvalidArgument("INVALID_DATE",
                                  "'end_date' must be on or after 'date' and at "
                                  "most 13 days later.");
        }
    }
    const auto days = context.bookings.availability(facility.id, slot, last);
    json out = {{"facility_id", facility.id},
                {"timezone", facility.time_zone.name()},
                {"number_of_courts", slot.number_of_resources},
                {"days", json::array()}};
    bool any = false;
    for (const auto& day : days) {
        out["days"].push_back(tools::day_json(facility, day));
        any = any || !day.slots.empty();
    }
    out["available"] = any;
    return net::json_response(out);
}

net::HttpResponse quote(net::HttpRequest& request, ApiContext& context) {
    const auto body = net::parse_json_body(request);
    const auto& facility = authorize_public(request, context, optional_string(body, "facility_id"));
    const auto booking_request = tools::booking_request_from_json(body, facility.id, "api");
    return answering_conflicts(facility, request, [&] {
        const auto created = context.bookings.create_quote(booking_request);
        json out = tools::quote_json(facility, created);
        out["next_step"] =
            "Read this summary to the customer and call confirmBooking with quote_id only after "
            "they explicitly agree.";
        return net::json_response(out);
    });
}

net::HttpResponse confirm(net::HttpRequest& request, ApiContext& context) {
    const auto body = net::parse_json_body(request);
    const auto caller = authenticate_public(request, context);
    const auto quote_id = required_string(body, "quote_id");
    const auto found = context.bookings.get_quote(quote_id);
    const auto& facility = facility_of_record(caller, context, found.facility_id, "QUOTE_NOT_FOUND",
                                              "quote", quote_id);
    return answering_conflicts(facility, request, [&] {
        return net::json_response(
            tools::booking_json(facility, context.bookings.confirm_quote(quote_id)));
    });
}

net::HttpResponse get_booking(net::HttpRequest& request, ApiContext& context) {
    const auto caller = authenticate_public(request, context);
    const auto found = context.bookings.get_booking(request.path_param("id"));
    const auto& facility = facility_of_record(caller, context, found.facility_id,
                                              "BOOKING_NOT_FOUND", "booking", found.id);
    return net::json_response(tools::booking_json(facility, found));
}

}  // namespace
void register_public_routes(net::Router& router, ApiContext& context) {
    router.add("GET", "/public/business", with_context(context, business));
    router.add("GET", "/public/services", with_context(context, services));
    router.add("GET", "/public/stylists", with_context(context, stylists));
    router.add("GET", "/public/availability", with_context(context, availability));
    router.add("POST", "/public/booking/quote", with_context(context, quote));
    router.add("POST", "/public/booking/confirm", with_context(context, confirm));
    router.add("GET", "/public/booking/{id}", with_context(context, get_booking));
}

}  // namespace frontdesk::api
