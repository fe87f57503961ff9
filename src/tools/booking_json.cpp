#include "tools/booking_json.hpp"

#include "core/time_zone.hpp"

namespace frontdesk::tools {
namespace {

using nlohmann::json;

constexpr const char* kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                     "thursday", "friday", "saturday"};

json intervals_json(const std::vector<booking::DayInterval>& intervals) {
    json out = json::array();
    for (const auto& interval : intervals) {
        out.push_back({{"open", format_time_of_day(interval.start)},
                       {"close", format_time_of_day(interval.end)}});
    }
    return out;
}

/// Local date, times and RFC 3339 instants of a span, as every rendering shows them.
void add_span(json& out, const booking::Facility& facility, Instant start, Instant end) {
    const auto& zone = facility.time_zone;
    const auto local_start = zone.to_local(start);
    const auto local_end = zone.to_local(end);
    out["date"] = format_date(local_start.date);
    out["start_time"] = format_time_of_day(local_start.time);
    out["end_time"] = format_time_of_day(local_end.time);
    out["start"] = zone.format_rfc3339(start);
    out["end"] = zone.format_rfc3339(end);
    out["duration_minutes"] = std::chrono::duration_cast<std::chrono::minutes>(end - start).count();
    out["timezone"] = zone.name();
}

json resources_json(const booking::Facility& facility, const std::vector<std::string>& ids) {
    json out = json::array();
    for (const auto& id : ids) out.push_back(resource_json(facility, id));
    return out;
}

json contact_json(const booking::Contact& contact) {
    return {{"name", contact.name}, {"phone", contact.phone}, {"email", contact.email}};
}

}  // namespace

json money_json(const booking::Facility& facility, booking::Money amount) {
    return {{"amount", booking::format_money(amount, facility.currency_minor_digits)},
            {"amount_minor", amount},
            {"currency", facility.currency}};
}

json facility_summary_json(const booking::Facility& facility) {
    return {{"facility_id", facility.id},
            {"facility_name", facility.name},
            {"phone_numbers", facility.phone_numbers},
            {"timezone", facility.time_zone.name()},
            {"currency", facility.currency},
            {"resource_kind", facility.resource_kind},
            {"number_of_resources", facility.resources.size()}};
}

json facility_detail_json(const booking::Facility& facility) {
    json out = facility_summary_json(facility);
    json hours = json::object();
    json breaks = json::object();
    for (unsigned day = 0; day < 7; ++day) {
        hours[kWeekdays[day]] = intervals_json(facility.weekly_hours[day]);
        breaks[kWeekdays[day]] = intervals_json(facility.breaks[day]);
    }
    out["hours"] = hours;
    out["breaks"] = breaks;
    out["closed_dates"] = facility.closed_dates;
    out["resources"] = json::array();
    for (const auto& resource : facility.resources) {
        out["resources"].push_back(resource_json(facility, resource.id));
    }
    out["services"] = json::array();
    for (const auto& service : facility.services) {
        out["services"].push_back(service_json(facility, service));
    }
    const auto& rules = facility.rules;
    out["booking_rules"] = {{"minimum_duration_minutes", rules.minimum_duration_minutes},
                            {"duration_multiple_minutes", rules.duration_multiple_minutes},
                            {"maximum_duration_minutes", rules.maximum_duration_minutes},
                            {"slot_granularity_minutes", rules.slot_granularity_minutes},
                            {"minimum_notice_minutes", rules.minimum_notice_minutes},
                            {"maximum_days_ahead", rules.maximum_days_ahead},
                            {"buffer_minutes", rules.buffer_minutes},
                            {"cancellation_notice_minutes", rules.cancellation_notice_minutes}};
    out["pricing"] = {
        {"weekday_per_hour", money_json(facility, facility.pricing.weekday_per_hour)},
        {"weekend_per_hour", money_json(facility, facility.pricing.weekend_per_hour)}};
    out["rentals"] = json::array();
    for (const auto& item : facility.rentals) {
        out["rentals"].push_back(
            {{"id", item.id}, {"name", item.name}, {"price", money_json(facility, item.price)}});
    }
    const auto& coaching = facility.coaching;
    out["coaching"] = {{"available", coaching.available},
                       {"fee", money_json(facility, coaching.fee)},
                       {"timings", coaching.timings}};
    if (coaching.age_below) out["coaching"]["age_below"] = *coaching.age_below;
    return out;
}

json resource_json(const booking::Facility& facility, std::string_view resource_id) {
    const auto* resource = facility.find_resource(resource_id);
    if (resource == nullptr) return {{"id", resource_id}, {"name", resource_id}};
    return {{"id", resource->id}, {"name", resource->name}, {"number", resource->number}};
}

json service_json(const booking::Facility& facility, const booking::Service& service) {
    return {{"service_id", service.id},
            {"name", service.name},
            {"description", service.description},
            {"duration_minutes", service.duration_minutes},
            {"price", money_json(facility, service.price)},
            {"stylist_ids", service.resource_ids}};
}

json price_json(const booking::Facility& facility, const booking::Price& price) {
    json lines = json::array();
    for (const auto& line : price.lines) {
        lines.push_back({{"description", line.description},
                         {"resource_id", line.resource_id},
                         {"amount", money_json(facility, line.amount)}});
    }
    json out = money_json(facility, price.total);
    out["lines"] = lines;
    return out;
}

json slot_json(const booking::Facility& facility, const booking::SlotOption& slot) {
    json out = json::object();
    add_span(out, facility, slot.start, slot.end);
    out["free_resources"] = resources_json(facility, slot.free_resource_ids);
    return out;
}

json slots_json(const booking::Facility& facility, std::span<const booking::SlotOption> slots) {
    json out = json::array();
    for (const auto& slot : slots) out.push_back(slot_json(facility, slot));
    return out;
}

json day_json(const booking::Facility& facility, const booking::DayAvailability& day) {
    json out = {{"date", format_date(day.date)}, {"open", day.open}};
    if (!day.closed_reason.empty()) out["closed_reason"] = day.closed_reason;
    if (!day.note.empty()) out["note"] = day.note;
    out["slots"] = slots_json(facility, day.slots);
    return out;
}

json quote_json(const booking::Facility& facility, const booking::Quote& quote) {
    json out = {{"quote_id", quote.id}, {"facility_id", quote.facility_id}};
    add_span(out, facility, quote.start, quote.end);
    out["resources"] = resources_json(facility, quote.resource_ids);
    if (quote.service_id) out["service_id"] = *quote.service_id;
    out["customer"] = contact_json(quote.customer);
    out["price"] = price_json(facility, quote.price);
    out["status"] = booking::to_string(quote.status);
    out["holds_slot"] = quote.holds_slot;
    out["expires_at"] = format_rfc3339_utc(quote.expires_at);
    if (quote.booking_id) out["booking_id"] = *quote.booking_id;
    return out;
}

json booking_json(const booking::Facility& facility, const booking::Booking& booking) {
    json out = {{"booking_id", booking.id}, {"facility_id", booking.facility_id}};
    add_span(out, facility, booking.start, booking.end);
    out["resources"] = resources_json(facility, booking.resource_ids);
    if (booking.service_id) out["service_id"] = *booking.service_id;
    out["customer"] = contact_json(booking.customer);
    out["price"] = price_json(facility, booking.price);
    out["status"] = booking::to_string(booking.status);
    out["source"] = booking.source;
    out["notes"] = booking.notes;
    if (booking.quote_id) out["quote_id"] = *booking.quote_id;
    out["created_at"] = format_rfc3339_utc(booking.created_at);
    out["updated_at"] = format_rfc3339_utc(booking.updated_at);
    if (booking.cancelled_at) out["cancelled_at"] = format_rfc3339_utc(*booking.cancelled_at);
    return out;
}

}  // namespace frontdesk::tools
