// The booking tools: availability, facility info, quote → confirm, find, cancel, reschedule.
#include "core/json_fields.hpp"
#include "core/phone.hpp"
#include "tools/booking_json.hpp"
#include "tools/booking_requests.hpp"
#include "tools/tool_registry.hpp"
#include "tools/tool_schemas.hpp"

namespace frontdesk::tools {
namespace {

using nlohmann::json;

// Enough choices to offer without flooding a spoken or chat context.
constexpr std::size_t kMaxSlotsListed = 12;
constexpr std::size_t kMaxAlternatives = 3;

ToolResult ok(json body) {
    body["ok"] = true;
    return ToolResult{std::move(body)};
}

/// A booking the caller may touch: same facility, and made with the caller's number when the
/// caller's number is known (a phone caller cannot change someone else's booking).
booking::Booking own_booking(booking::BookingService& bookings, const json& args,
                             const ToolContext& context) {
    auto found = bookings.get_booking(required_string(args, "booking_id"));
    if (found.facility_id != context.facility_id) {
        throw NotFound("BOOKING_NOT_FOUND", "I can't find that booking here.");
    }
    if (!context.caller_phone.empty() && !found.customer.phone.empty() &&
        !same_phone_number(found.customer.phone, context.caller_phone)) {
        throw Forbidden("NOT_YOUR_BOOKING",
                        "That booking was made with another phone number, so I can't change it "
                        "on this call.");
    }
    return found;
}

std::vector<booking::SlotOption> nearest_starts(const booking::DayAvailability& day,
                                                Instant wanted) {
    std::vector<booking::SlotOption> slots = day.slots;
    std::sort(slots.begin(), slots.end(), [wanted](const auto& a, const auto& b) {
        return std::chrono::abs(a.start - wanted) < std::chrono::abs(b.start - wanted);
    });
    if (slots.size() > kMaxAlternatives) slots.resize(kMaxAlternatives);
    std::sort(slots.begin(), slots.end(),
              [](const auto& a, const auto& b) { return a.start < b.start; });
    return slots;
}

ToolResult check_availability(booking::BookingService& bookings, const json& args,
                              const ToolContext& context) {
    const auto& facility = bookings.facilities().get(context.facility_id);
    booking::SlotRequest slot;
    slot.date = parse_date_field("date", required_string(args, "date"));
    if (auto start = optional_string(args, "start_time")) {
        slot.start_time = parse_time_field("start_time", *start);
    }
    slot.duration_minutes =
        optional_int(args, "duration_minutes", 1, kMaxDurationMinutes).value_or(0);
    slot.number_of_resources =
        optional_int(args, "number_of_courts", 1, kMaxResourcesPerRequest).value_or(1);
    slot.service_id = optional_string(args, "service_id");
    slot.resource_ids = optional_string_list(args, "resource_ids");

    auto day = bookings.availability(facility.id, slot, slot.date).front();
    auto slots = std::exchange(day.slots, {});
    json out = day_json(facility, day);
    out["available"] = !slots.empty();
    const auto listed = std::min(slots.size(), kMaxSlotsListed);
    out["slots"] = slots_json(facility, std::span{slots.data(), listed});
    out["more_slots"] = slots.size() - listed;
    if (slot.start_time && slots.empty() && day.open) {
        auto whole_day = slot;
        whole_day.start_time.reset();
        const auto all = bookings.availability(facility.id, whole_day, slot.date).front();
        const auto wanted = facility.time_zone.to_instant(slot.date, *slot.start_time);
        if (wanted) {
            const auto options = nearest_starts(all, *wanted);
            out["alternatives"] = json::array();
            for (const auto& option : options)
                out["alternatives"].push_back(slot_json(facility, option));
        }
    }
    return ok(std::move(out));
}

ToolResult get_facility_info(booking::BookingService& bookings, const json&,
                             const ToolContext& context) {
    const auto& facility = bookings.facilities().get(context.facility_id);
    json out = facility_detail_json(facility);
    const auto now = bookings.clock().now();
    out["today"] = format_date(facility.time_zone.today(now));
    out["now"] = facility.time_zone.format_rfc3339(now);
    return ok(std::move(out));
}

ToolResult create_quote(booking::BookingService& bookings, const json& args,
                        const ToolContext& context) {
    const auto& facility = bookings.facilities().get(context.facility_id);
    auto request = booking_request_from_json(args, facility.id, context.source);
    if (request.customer.phone.empty()) request.customer.phone = context.caller_phone;
    json out = quote_json(facility, bookings.create_quote(request));
    out["next_step"] =
        "Read the summary and price to the customer and ask for an explicit yes "
        "before calling confirm_booking. Nothing is booked yet.";
    return ok(std::move(out));
}

ToolResult confirm_booking(booking::BookingService& bookings, const json& args,
                           const ToolContext& context) {
    const auto quote_id = required_string(args, "quote_id");
    if (bookings.get_quote(quote_id).facility_id != context.facility_id) {
        throw NotFound("QUOTE_NOT_FOUND", "I can't find that quote; let me make a new one.");
    }
    const auto& facility = bookings.facilities().get(context.facility_id);
    return ok(booking_json(facility, bookings.confirm_quote(quote_id)));
}

ToolResult find_bookings(booking::BookingService& bookings, const json& args,
                         const ToolContext& context) {
    auto phone = optional_string(args, "phone");
    const auto email = optional_string(args, "email");
    if (!phone && !email && !context.caller_phone.empty()) phone = context.caller_phone;
    if (!phone && !email) {
        throw InvalidArgument("CONTACT_REQUIRED",
                              "Which phone number or email is the booking under?");
    }
    const auto& facility = bookings.facilities().get(context.facility_id);
    json list = json::array();
    for (const auto& found : bookings.find_upcoming(facility.id, phone, email)) {
        list.push_back(booking_json(facility, found));
    }
    return ok({{"bookings", list}, {"count", list.size()}});
}

ToolResult cancel_booking(booking::BookingService& bookings, const json& args,
                          const ToolContext& context) {
    const auto target = own_booking(bookings, args, context);
    const auto& facility = bookings.facilities().get(context.facility_id);
    return ok(booking_json(facility, bookings.cancel_booking(target.id, true)));
}

ToolResult reschedule_booking(booking::BookingService& bookings, const json& args,
                              const ToolContext& context) {
    const auto target = own_booking(bookings, args, context);
    booking::RescheduleRequest move;
    if (auto date = optional_string(args, "date")) move.date = parse_date_field("date", *date);
    if (auto start = optional_string(args, "start_time")) {
        move.start_time = parse_time_field("start_time", *start);
    }
    move.duration_minutes = optional_int(args, "duration_minutes", 1, kMaxDurationMinutes);
    const auto& facility = bookings.facilities().get(context.facility_id);
    return ok(booking_json(facility, bookings.reschedule_booking(target.id, move, true)));
}

using Handler = ToolResult (*)(booking::BookingService&, const json&, const ToolContext&);

ToolDefinition define(booking::BookingService& bookings, const char* name, const char* description,
                      json parameters, Handler handler) {
    return {name, description, std::move(parameters),
            [&bookings, handler](const json& args, const ToolContext& context) {
                return handler(bookings, args, context);
            }};
}

}  // namespace

std::vector<ToolDefinition> booking_tools(booking::BookingService& bookings) {
    using namespace schema;
    const json contact = {
        {"customer_name", string("The customer's name.")},
        {"customer_phone", string("Phone, E.164. Defaults to the caller's number.")},
        {"customer_email", string("Email, when given instead of a phone.")}};
    json quote_fields = {
        {"date", date()},
        {"start_time", start_time()},
        {"duration_minutes", duration()},
        {"number_of_courts", courts()},
        {"resource_ids", string_list("Specific court or stylist ids, if asked for.")},
        {"service_id", string("A service id from get_facility_info.")},
        {"notes", string("Anything the customer wants the facility to know.")}};
    quote_fields.update(contact);
    return {
        define(bookings, "check_availability",
               "Free start times on a date, with which courts are free. Give start_time to check "
               "one slot; alternatives are offered when it is taken.",
               object({{"date", date()},
                       {"start_time", start_time()},
                       {"duration_minutes", duration()},
                       {"number_of_courts", courts()},
                       {"service_id", string("A service id, for appointment businesses.")},
                       {"resource_ids", string_list("Only these courts or stylists.")}},
                      {"date"}),
               check_availability),
        define(bookings, "get_facility_info",
               "Hours, holidays, prices, rentals, coaching, rules, today's date and time there.",
               object(json::object(), json::array()), get_facility_info),
        define(bookings, "create_quote",
               "Price and hold a slot for a few minutes. NOT a booking: read it back and ask for "
               "a yes, then call confirm_booking.",
               object(quote_fields, {"date", "start_time", "customer_name"}), create_quote),
        define(bookings, "confirm_booking",
               "Book a quoted slot. Only after the customer explicitly agreed. Safe to retry.",
               object({{"quote_id", string("quote_id from create_quote.")}}, {"quote_id"}),
               confirm_booking),
        define(bookings, "find_bookings",
               "The customer's upcoming bookings, by phone (default: the caller's) or email.",
               object({{"phone", string("Phone number, E.164.")}, {"email", string("Email.")}},
                      json::array()),
               find_bookings),
        define(bookings, "cancel_booking",
               "Cancel a booking (find it first with find_bookings). Respects the cancellation "
               "notice.",
               object({{"booking_id", booking_id()}}, {"booking_id"}), cancel_booking),
        define(bookings, "reschedule_booking",
               "Move a booking to another date, time or length. The new slot is secured before "
               "the old one is released.",
               object({{"booking_id", booking_id()},
                       {"date", date()},
                       {"start_time", start_time()},
                       {"duration_minutes", duration()}},
                      {"booking_id"}),
               reschedule_booking),
    };
}

}  // namespace frontdesk::tools
