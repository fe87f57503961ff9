#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/config.hpp"

namespace frontdesk::calendar {

/// What a live check does when Google cannot answer in time.
enum class FreeBusyPolicy {
    kConfirm,  // book anyway and flag the booking for the owner (default)
    kReject,   // refuse the booking as if the slot were taken
};

/// On a shared facility calendar, what an event that names no court blocks.
enum class UnmatchedEventPolicy {
    kWholeFacility,  // every court (default)
    kIgnore,         // nothing
};

inline constexpr const char* kDefaultCalendarBaseUrl = "https://www.googleapis.com/calendar/v3";
inline constexpr const char* kCalendarScope = "https://www.googleapis.com/auth/calendar";

/// Google Calendar settings, from the environment. Sync is enabled when a service-account key
/// file is named.
struct CalendarConfig {
    std::string service_account_file;  // GOOGLE_SERVICE_ACCOUNT_FILE; empty: sync disabled
    std::optional<std::string> default_calendar_id;  // GOOGLE_CALENDAR_ID
    std::string base_url = kDefaultCalendarBaseUrl;  // GOOGLE_CALENDAR_BASE_URL, no trailing '/'
    std::optional<std::string> impersonate_subject;  // GOOGLE_IMPERSONATE_SUBJECT (JWT `sub`)
    std::chrono::seconds sync_interval{60};           // GOOGLE_SYNC_INTERVAL_SECONDS, 1..86400
    std::chrono::milliseconds freebusy_timeout{1500};  // GOOGLE_FREEBUSY_TIMEOUT_MS, 50..30000
    FreeBusyPolicy freebusy_policy = FreeBusyPolicy::kConfirm;  // GOOGLE_FREEBUSY_POLICY
    UnmatchedEventPolicy unmatched_events = UnmatchedEventPolicy::kWholeFacility;
    // ^ GOOGLE_UNMATCHED_EVENTS: facility|ignore

    [[nodiscard]] bool enabled() const noexcept { return !service_account_file.empty(); }
};

/// Reads the GOOGLE_* variables. Throws frontdesk::ConfigError naming the variable and the
/// problem with its value.
[[nodiscard]] CalendarConfig parse_calendar_config(const EnvLookup& env);

}  // namespace frontdesk::calendar
