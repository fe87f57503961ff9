#include "calendar/calendar_config.hpp"

#include <charconv>
#include <string_view>

namespace frontdesk::calendar {
namespace {

[[noreturn]] void reject(std::string_view name, const std::string& value, std::string_view why) {
    throw ConfigError(std::string{name} + ": '" + value + "' " + std::string{why});
}

long long parse_ranged(std::string_view name, const std::string& value, long long min,
                       long long max) {
    long long parsed = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, parsed);
    if (ec != std::errc{} || ptr != end || parsed < min || parsed > max) {
        reject(name, value,
               "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return parsed;
}

std::optional<std::string> non_empty(const EnvLookup& env, const char* name) {
    auto value = env(name);
    if (value && value->empty()) return std::nullopt;
    return value;
}

void parse_policies(const EnvLookup& env, CalendarConfig& config) {
    if (const auto v = non_empty(env, "GOOGLE_FREEBUSY_POLICY")) {
        if (*v == "confirm") {
            config.freebusy_policy = FreeBusyPolicy::kConfirm;
        } else if (*v == "reject") {
            config.freebusy_policy = FreeBusyPolicy::kReject;
        } else {
            reject("GOOGLE_FREEBUSY_POLICY", *v, "must be confirm or reject");
        }
    }
    if (const auto v = non_empty(env, "GOOGLE_UNMATCHED_EVENTS")) {
        if (*v == "facility") {
            config.unmatched_events = UnmatchedEventPolicy::kWholeFacility;
        } else if (*v == "ignore") {
            config.unmatched_events = UnmatchedEventPolicy::kIgnore;
        } else {
            reject("GOOGLE_UNMATCHED_EVENTS", *v, "must be facility or ignore");
        }
    }
}

}  // namespace

CalendarConfig parse_calendar_config(const EnvLookup& env) {
    constexpr long long kMaxIntervalSeconds = 86400;
    constexpr long long kMinTimeoutMs = 50;
    constexpr long long kMaxTimeoutMs = 30000;
    CalendarConfig config;
    if (auto v = non_empty(env, "GOOGLE_SERVICE_ACCOUNT_FILE")) config.service_account_file = *v;
    config.default_calendar_id = non_empty(env, "GOOGLE_CALENDAR_ID");
    config.impersonate_subject = non_empty(env, "GOOGLE_IMPERSONATE_SUBJECT");
    if (auto v = non_empty(env, "GOOGLE_CALENDAR_BASE_URL")) {
        if (v->rfind("https://", 0) != 0 && v->rfind("http://", 0) != 0) {
            reject("GOOGLE_CALENDAR_BASE_URL", *v, "must start with https://");
        }
        while (!v->empty() && v->back() == '/') v->pop_back();
        config.base_url = *v;
    }
    if (auto v = non_empty(env, "GOOGLE_SYNC_INTERVAL_SECONDS")) {
        config.sync_interval = std::chrono::seconds{
            parse_ranged("GOOGLE_SYNC_INTERVAL_SECONDS", *v, 1, kMaxIntervalSeconds)};
    }
    if (auto v = non_empty(env, "GOOGLE_FREEBUSY_TIMEOUT_MS")) {
        config.freebusy_timeout = std::chrono::milliseconds{
            parse_ranged("GOOGLE_FREEBUSY_TIMEOUT_MS", *v, kMinTimeoutMs, kMaxTimeoutMs)};
    }
    parse_policies(env, config);
    return config;
}

}  // namespace frontdesk::calendar
