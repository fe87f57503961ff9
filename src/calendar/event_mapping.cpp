#include "calendar/event_mapping.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "booking/money.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::calendar {
namespace {

using booking::Booking;
using booking::Facility;
using booking::Resource;

std::string lower(std::string_view text) {
    std::string out{text};
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// `needle` occurs in `haystack` not followed by a digit ("court 1" is not in "court 12").
bool mentions(const std::string& haystack, const std::string& needle) {
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1)) {
        const auto next = at + needle.size();
        if (next >= haystack.size() || std::isdigit(static_cast<unsigned char>(haystack[next])) == 0) {
            return true;
        }
    }
    return false;
}

// The resource a title names: by name ("Center Court") or as "<kind> N" ("court 3").
const Resource* named_resource(const Facility& facility, std::string_view title) {
    const auto text = lower(title);
    const Resource* best = nullptr;
    for (const auto& resource : facility.resources) {
        const auto name = lower(resource.name);
        const auto numbered = lower(facility.resource_kind) + " " + std::to_string(resource.number);
        const bool named = !name.empty() && mentions(text, name);
        if ((named || mentions(text, numbered)) &&
            (best == nullptr || resource.name.size() > best->name.size())) {
            best = &resource;
        }
    }
    return best;
}

std::vector<const Resource*> resources_of(const Booking& booking, const Facility& facility) {
    std::vector<const Resource*> found;
    for (const auto& id : booking.resource_ids) {
        if (const auto* resource = facility.find_resource(id)) found.push_back(resource);
    }
    return found;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : std::string{separator}) + part;
    return out;
}

std::string description(const Booking& booking, const Facility& facility,
                        const std::vector<std::string>& names,
                        const std::vector<std::string>& numbers) {
    const auto start = facility.time_zone.to_local(booking.start);
    const auto end = facility.time_zone.to_local(booking.end);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(booking.end - booking.start);
    return "Customer Name: " + booking.customer.name + "\nPhone: " + booking.customer.phone +
           "\nFacility: " + facility.name + " (" + facility.id + ")" + "\nCourt Number: " +
           joined(numbers, ", ") + " (" + joined(names, ", ") + ")" +
           "\nDate: " + format_date(start.date) + "\nStart Time: " + format_time_of_day(start.time) +
           "\nEnd Time: " + format_time_of_day(end.time) +
           "\nDuration: " + std::to_string(minutes.count()) + " minutes" + "\nPrice: " +
           booking.price.currency + " " +
           booking::format_money(booking.price.total, facility.currency_minor_digits) +
           "\nBooking ID: " + booking.id;
}

std::optional<Instant> all_day_start(const Facility& facility, const std::string& date) {
    const auto day = parse_date(date);
    if (!day) return std::nullopt;
    return facility.time_zone.to_instant(*day, TimeOfDay{0});
}

// The event's span: timed events by their instants, all-day events by the facility's midnights.
std::optional<std::pair<Instant, Instant>> event_span(const CalendarEvent& event,
                                                      const Facility& facility) {
    std::optional<Instant> start;
    std::optional<Instant> end;
    if (event.start_date_time && event.end_date_time) {
        start = parse_rfc3339(*event.start_date_time);
        end = parse_rfc3339(*event.end_date_time);
    } else if (event.start_date && event.end_date) {
        start = all_day_start(facility, *event.start_date);
        end = all_day_start(facility, *event.end_date);
    }
    if (!start || !end || !(*start < *end)) return std::nullopt;
    return std::pair{*start, *end};
}

}  // namespace

std::string event_id_for(std::string_view booking_id) {
    static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuv";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : booking_id) {
        buffer = (buffer << 8U) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU];
    return out;
}

std::optional<std::string> calendar_for(const Booking& booking, const Facility& facility,
                                        const std::optional<std::string>& default_calendar_id) {
    const auto resources = resources_of(booking, facility);
    if (!resources.empty() && resources.front()->calendar_id) return resources.front()->calendar_id;
    if (facility.calendar_id) return facility.calendar_id;
    return default_calendar_id;
}

nlohmann::json booking_event(const Booking& booking, const Facility& facility) {
    std::vector<std::string> names;
    std::vector<std::string> numbers;
    for (const auto* resource : resources_of(booking, facility)) {
        names.push_back(resource->name);
        numbers.push_back(std::to_string(resource->number));
    }
    const auto& zone = facility.time_zone;
    return {
        {"id", event_id_for(booking.id)},
        {"summary", joined(names, " & ") + " Booking - " + booking.customer.name},
        {"description", description(booking, facility, names, numbers)},
        {"start", {{"dateTime", zone.format_rfc3339(booking.start)}, {"timeZone", zone.name()}}},
        {"end", {{"dateTime", zone.format_rfc3339(booking.end)}, {"timeZone", zone.name()}}},
        {"status", "confirmed"},
        {"transparency", "opaque"},
        {"extendedProperties",
         {{"private",
           {{"booking_id", booking.id},
            {"facility_id", facility.id},
            {"court", joined(numbers, ",")}}}}},
    };
}

std::vector<CalendarSource> calendar_sources(const booking::FacilityDirectory& facilities,
                                             const std::optional<std::string>& default_calendar_id) {
    std::vector<CalendarSource> sources;
    for (const auto& facility : facilities.all()) {
        for (const auto& resource : facility.resources) {
            if (resource.calendar_id) {
                sources.push_back({*resource.calendar_id, facility.id, resource.id});
            }
        }
        if (const auto shared = facility.calendar_id ? facility.calendar_id : default_calendar_id) {
            sources.push_back({*shared, facility.id, std::nullopt});
        }
    }
    return sources;
}

std::optional<booking::ExternalBlock> block_for(const CalendarEvent& event,
                                                const CalendarSource& source,
                                                const Facility& facility,
                                                UnmatchedEventPolicy unmatched, Instant now) {
    if (event.cancelled || event.transparent || event.private_properties.contains("booking_id")) {
        return std::nullopt;
    }
    const auto span = event_span(event, facility);
    if (!span) return std::nullopt;
    std::string resource_id;
    if (source.resource_id) {
        resource_id = *source.resource_id;
    } else if (const auto* named = named_resource(facility, event.summary)) {
        resource_id = named->id;
    } else if (unmatched == UnmatchedEventPolicy::kIgnore) {
        return std::nullopt;
    }
    return booking::ExternalBlock{facility.id,       resource_id, span->first, span->second,
                                  source.calendar_id, event.id,   event.summary, now};
}

}  // namespace frontdesk::calendar
