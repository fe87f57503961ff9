#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/local_time.hpp"

namespace frontdesk {

/// An IANA time zone. The one place that converts between instants and local wall time; it wraps
/// Howard Hinnant's date/tz (g++ 12 has no std::chrono tzdb), kept out of this header.
/// Cheap to copy; any thread (the zone database is immutable once loaded).
class TimeZone {
public:
    /// Throws InvalidArgument("INVALID_TIMEZONE") when the name is not a known IANA zone.
    static TimeZone locate(std::string_view iana_name);

    [[nodiscard]] const std::string& name() const noexcept { return name_; }

    /// The instant a local wall time denotes: nullopt when it does not exist (spring-forward
    /// gap); the earlier instant when it occurs twice (fall-back repeat).
    [[nodiscard]] std::optional<Instant> to_instant(LocalDate date, TimeOfDay time) const;

    struct Local {
        LocalDate date;
        TimeOfDay time;               // minutes since local midnight
        std::chrono::minutes offset;  // local minus UTC
    };
    [[nodiscard]] Local to_local(Instant t) const;

    /// RFC 3339 with the local offset, e.g. "2026-03-08T03:00:00-05:00".
    [[nodiscard]] std::string format_rfc3339(Instant t) const;

    /// The local date "now" falls on in this zone.
    [[nodiscard]] LocalDate today(Instant now) const { return to_local(now).date; }

private:
    TimeZone(std::string name, const void* zone) : name_(std::move(name)), zone_(zone) {}

    std::string name_;
    const void* zone_;  // const date::time_zone*, owned by the process-wide tz database
};

/// Parses an RFC 3339 instant ("2026-11-21T18:00:00Z" or with an offset); nullopt otherwise.
[[nodiscard]] std::optional<Instant> parse_rfc3339(std::string_view text);

/// "2026-11-21T18:00:00Z".
[[nodiscard]] std::string format_rfc3339_utc(Instant t);

}  // namespace frontdesk
