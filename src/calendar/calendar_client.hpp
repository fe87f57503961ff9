#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "calendar/token_source.hpp"
#include "core/clock.hpp"
#include "net/https_client.hpp"

namespace frontdesk::calendar {

/// A failed Calendar call, classified per PROTOCOLS §9.5.
struct CalendarError {
    enum class Kind {
        kRetryable,   // transport failure, 403 rate limits, 429, 5xx, token endpoint down
        kPermanent,   // 400, other 403s, 404 on a write, 412, refused credentials: never retried
        kNotFound,    // 404 (or 410 on an event): the event is not there
        kDuplicate,   // 409 duplicate: the client-chosen event id already exists
        kSyncExpired  // 410 on a list with a sync token: full resync
    };
    Kind kind = Kind::kPermanent;
    int status = 0;  // 0: no HTTP answer
    std::string reason;
    std::string message;
    std::optional<std::chrono::seconds> retry_after;  // from a 429/503 Retry-After

    [[nodiscard]] bool retryable() const noexcept { return kind == Kind::kRetryable; }
    /// "429 rateLimitExceeded: Rate Limit Exceeded": no credentials, safe to log and store.
    [[nodiscard]] std::string describe() const;
};

/// Classifies a response: nullopt for 2xx. `listing`: a 410 means the sync token expired.
[[nodiscard]] std::optional<CalendarError> classify_response(const net::HttpsResponse& response,
                                                             bool listing = false);

struct BackoffSettings {
    std::chrono::seconds initial{2};
    std::chrono::seconds max{600};
};
/// Exponential backoff with jitter: a random delay in [d/2, d] for d = initial * 2^attempts
/// (capped at max), and never sooner than Retry-After. `random` is any uniform 64-bit value.
[[nodiscard]] std::chrono::seconds backoff_delay(int attempts,
                                                 std::optional<std::chrono::seconds> retry_after,
                                                 const BackoffSettings& settings,
                                                 std::uint64_t random);

/// The fields of a Calendar event the importer and the confirm check read.
struct CalendarEvent {
    std::string id;
    bool cancelled = false;
    bool transparent = false;  // "show as available": blocks nothing
    std::string summary;
    std::optional<std::string> start_date_time;  // RFC 3339, timed events
    std::optional<std::string> end_date_time;
    std::optional<std::string> start_date;  // "YYYY-MM-DD", all-day events (end exclusive)
    std::optional<std::string> end_date;
    std::map<std::string, std::string> private_properties;  // extendedProperties.private
};

struct ListQuery {
    std::optional<std::string> sync_token;  // incremental; otherwise a full list from time_min
    std::optional<Instant> time_min;
    std::optional<Instant> time_max;
    std::optional<std::string> page_token;
    int max_results = 250;
    std::optional<std::chrono::milliseconds> timeout;  // the client's request timeout if unset
};

struct EventsPage {
    std::optional<CalendarError> error;
    std::vector<CalendarEvent> items;
    std::optional<std::string> next_page_token;
    std::optional<std::string> next_sync_token;  // last page only
};

struct BusyPeriod {
    Instant start;
    Instant end;
};
struct FreeBusyResult {
    std::optional<CalendarError> error;
    std::map<std::string, std::vector<BusyPeriod>> busy;        // by calendar id
    std::map<std::string, std::vector<std::string>> failures;   // per-calendar errors[].reason
};

struct ClientSettings {
    std::string base_url = "https://www.googleapis.com/calendar/v3";  // no trailing '/'
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds request_timeout{10000};
};

/// Google Calendar v3 over HttpsClient: one attempt per call (retries are the caller's, with
/// backoff_delay), except that a 401 refreshes the token and tries once more. Never throws for
/// Google's or the network's failures: they come back as CalendarError.
/// Threads: any worker thread (blocks on the network). Borrows `http` and `tokens`.
class CalendarClient {
public:
    CalendarClient(net::HttpsClient& http, AccessTokenSource& tokens, ClientSettings settings);

    /// POST events with the event's own `id`. kDuplicate when that id exists.
    [[nodiscard]] std::optional<CalendarError> insert_event(const std::string& calendar_id,
                                                            const nlohmann::json& event);
    [[nodiscard]] std::optional<CalendarError> patch_event(const std::string& calendar_id,
                                                           const std::string& event_id,
                                                           const nlohmann::json& patch);
    /// 404 and 410 count as done (nullopt).
    [[nodiscard]] std::optional<CalendarError> delete_event(const std::string& calendar_id,
                                                            const std::string& event_id);
    /// One page of events.list with singleEvents=true (recurring events expanded).
    [[nodiscard]] EventsPage list_events(const std::string& calendar_id, const ListQuery& query);
    /// freeBusy.query for [from, to) within `timeout`.
    [[nodiscard]] FreeBusyResult free_busy(const std::vector<std::string>& calendar_ids,
                                           Instant from, Instant to,
                                           std::chrono::milliseconds timeout);

private:
    struct Answer {
        std::optional<CalendarError> error;
        std::string body;
    };
    Answer call(net::HttpsRequest request, bool listing);
    [[nodiscard]] std::string events_url(const std::string& calendar_id) const;

    net::HttpsClient& http_;       // borrowed
    AccessTokenSource& tokens_;    // borrowed
    const ClientSettings settings_;
};

}  // namespace frontdesk::calendar
