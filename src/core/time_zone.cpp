#include "core/time_zone.hpp"

#include <cstdio>
#include <sstream>

#include <date/tz.h>

#include "core/error.hpp"

namespace frontdesk {
namespace {

const date::time_zone* as_zone(const void* zone) {
    return static_cast<const date::time_zone*>(zone);
}

}  // namespace

TimeZone TimeZone::locate(std::string_view iana_name) {
    try {
        const date::time_zone* zone = date::locate_zone(iana_name);
        return TimeZone{std::string{iana_name}, zone};
    } catch (const std::exception&) {
        throw InvalidArgument("INVALID_TIMEZONE",
                              "Unknown time zone '" + std::string{iana_name} +
                                  "'; use an IANA name such as America/Chicago.");
    }
}

std::optional<Instant> TimeZone::to_instant(LocalDate date, TimeOfDay time) const {
    const auto local = date::local_seconds{date::local_days{
                           date::year_month_day{date::year{static_cast<int>(date.year())},
                                                date::month{static_cast<unsigned>(date.month())},
                                                date::day{static_cast<unsigned>(date.day())}}}} +
                       std::chrono::duration_cast<std::chrono::seconds>(time);
    const auto info = as_zone(zone_)->get_info(local);
    switch (info.result) {
        case date::local_info::unique:
            return Instant{local.time_since_epoch() - info.first.offset};
        case date::local_info::ambiguous:
            return Instant{local.time_since_epoch() - info.first.offset};
        case date::local_info::nonexistent:
            return std::nullopt;
    }
    return std::nullopt;
}

TimeZone::Local TimeZone::to_local(Instant t) const {
    const auto info = as_zone(zone_)->get_info(date::sys_seconds{t.time_since_epoch()});
    const auto local = t.time_since_epoch() + info.offset;
    const auto days = std::chrono::floor<std::chrono::days>(local);
    const LocalDate date{std::chrono::sys_days{days}};
    const auto time = std::chrono::duration_cast<std::chrono::minutes>(local - days);
    return Local{date, time, std::chrono::duration_cast<std::chrono::minutes>(info.offset)};
}

std::string TimeZone::format_rfc3339(Instant t) const {
    const auto local = to_local(t);
    const auto seconds = (t.time_since_epoch() % std::chrono::minutes{1}).count();
    const auto offset = local.offset.count();
    const auto abs_offset = offset < 0 ? -offset : offset;
    char out[40];
    std::snprintf(out, sizeof out, "%sT%s:%02d%c%02d:%02d", format_date(local.date).c_str(),
                  format_time_of_day(local.time).c_str(), static_cast<int>(seconds),
                  offset < 0 ? '-' : '+', static_cast<int>(abs_offset / 60),
                  static_cast<int>(abs_offset % 60));
    return out;
}

std::optional<Instant> parse_rfc3339(std::string_view text) {
    std::istringstream in{std::string{text}};
    date::sys_seconds parsed;
    if (text.size() >= 20 && (text.back() == 'Z' || text.back() == 'z')) {
        in >> date::parse("%FT%TZ", parsed);
    } else {
        in >> date::parse("%FT%T%Ez", parsed);
    }
    if (in.fail()) return std::nullopt;
    in.peek();
    if (!in.eof()) return std::nullopt;
    return Instant{parsed.time_since_epoch()};
}

std::string format_rfc3339_utc(Instant t) {
    return date::format("%FT%TZ", date::sys_seconds{t.time_since_epoch()});
}

}  // namespace frontdesk
