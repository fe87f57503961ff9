#include "calendar/calendar_client.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::calendar {
namespace {

using json = nlohmann::json;
using Kind = CalendarError::Kind;

std::optional<std::chrono::seconds> parse_retry_after(const std::string& value) {
    long long seconds = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, seconds);
    if (ec != std::errc{} || ptr != end || seconds < 0) return std::nullopt;
    return std::chrono::seconds{seconds};
}

// The header's value (names are lower-cased by HttpsClient), or "".
std::string header_value(const net::HttpsResponse& response, std::string_view lower_name) {
    for (const auto& [name, value] : response.headers) {
        if (name == lower_name) return value;
    }
    return {};
}

// error.errors[0].reason and error.message of Google's error body, when present.
std::pair<std::string, std::string> reason_and_message(const std::string& body) {
    const auto doc = json::parse(body, nullptr, false);
    if (!doc.is_object() || !doc.contains("error") || !doc["error"].is_object()) return {};
    const auto& error = doc["error"];
    std::string reason;
    std::string message = error.value("message", std::string{});
    if (const auto it = error.find("errors"); it != error.end() && it->is_array() && !it->empty()) {
        const auto& first = it->front();
        if (first.is_object()) reason = first.value("reason", std::string{});
    }
    return {reason, message};
}

Kind kind_for(int status, const std::string& reason, bool listing) {
    if (status == 403) {
        const bool rate = reason == "rateLimitExceeded" || reason == "userRateLimitExceeded";
        return rate ? Kind::kRetryable : Kind::kPermanent;
    }
    if (status == 404) return Kind::kNotFound;
    if (status == 409) return Kind::kDuplicate;
    if (status == 410) return listing ? Kind::kSyncExpired : Kind::kNotFound;
    if (status == 429 || status >= 500) return Kind::kRetryable;
    return Kind::kPermanent;
}

std::optional<std::string> text_at(const json& object, const char* key, const char* field) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_object()) return std::nullopt;
    const auto value = it->find(field);
    if (value == it->end() || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

CalendarEvent parse_event(const json& item) {
    CalendarEvent event;
    event.id = item.value("id", std::string{});
    event.cancelled = item.value("status", std::string{}) == "cancelled";
    event.transparent = item.value("transparency", std::string{}) == "transparent";
    event.summary = item.value("summary", std::string{});
    event.start_date_time = text_at(item, "start", "dateTime");
    event.end_date_time = text_at(item, "end", "dateTime");
    event.start_date = text_at(item, "start", "date");
    event.end_date = text_at(item, "end", "date");
    const auto props = item.find("extendedProperties");
    if (props != item.end() && props->is_object() && props->contains("private") &&
        (*props)["private"].is_object()) {
        for (const auto& [key, value] : (*props)["private"].items()) {
            if (value.is_string()) event.private_properties[key] = value.get<std::string>();
        }
    }
    return event;
}

std::optional<std::string> string_field(const json& doc, const char* key) {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

void read_free_busy(const json& doc, FreeBusyResult& result) {
    const auto calendars = doc.find("calendars");
    if (calendars == doc.end() || !calendars->is_object()) return;
    for (const auto& [id, entry] : calendars->items()) {
        if (!entry.is_object()) continue;
        for (const auto& failure : entry.value("errors", json::array())) {
            result.failures[id].push_back(failure.value("reason", std::string{"unknown"}));
        }
        auto& busy = result.busy[id];
        for (const auto& period : entry.value("busy", json::array())) {
            const auto start = parse_rfc3339(period.value("start", std::string{}));
            const auto end = parse_rfc3339(period.value("end", std::string{}));
            if (start && end && *start < *end) busy.push_back(BusyPeriod{*start, *end});
        }
    }
}

}  // namespace

std::string CalendarError::describe() const {
    std::string text = status == 0 ? std::string{"no answer"} : std::to_string(status);
    if (!reason.empty()) text += " " + reason;
    if (!message.empty()) text += ": " + message;
    return text;
}

std::optional<CalendarError> classify_response(const net::HttpsResponse& response, bool listing) {
    if (response.status >= 200 && response.status < 300) return std::nullopt;
    if (response.transport_failed()) {
        return CalendarError{Kind::kRetryable, 0, "transport", response.error, std::nullopt};
    }
    auto [reason, message] = reason_and_message(response.body);
    CalendarError error{kind_for(response.status, reason, listing), response.status,
                        std::move(reason), std::move(message), std::nullopt};
    if (error.kind == Kind::kRetryable) {
        error.retry_after = parse_retry_after(header_value(response, "retry-after"));
    }
    return error;
}

std::chrono::seconds backoff_delay(int attempts, std::optional<std::chrono::seconds> retry_after,
                                   const BackoffSettings& settings, std::uint64_t random) {
    constexpr int kMaxDoublings = 20;
    const int doublings = std::clamp(attempts, 0, kMaxDoublings);
    const std::chrono::seconds grown{settings.initial.count() * (std::int64_t{1} << doublings)};
    const auto full = std::min(settings.max, grown);
    const auto half = full.count() / 2;
    const auto span = static_cast<std::uint64_t>(full.count() - half + 1);
    const std::chrono::seconds jittered{half + static_cast<std::chrono::seconds::rep>(random % span)};
    return std::max(jittered, retry_after.value_or(std::chrono::seconds{0}));
}

CalendarClient::CalendarClient(net::HttpsClient& http, AccessTokenSource& tokens,
                               ClientSettings settings)
    : http_(http), tokens_(tokens), settings_(std::move(settings)) {}

std::string CalendarClient::events_url(const std::string& calendar_id) const {
    return settings_.base_url + "/calendars/" + percent_encode(calendar_id) + "/events";
}

CalendarClient::Answer CalendarClient::call(net::HttpsRequest request, bool listing) {
    request.connect_timeout = std::min(request.connect_timeout, settings_.connect_timeout);
    for (int attempt = 0; attempt < 2; ++attempt) {
        Secret token;
        try {
            token = tokens_.token();
        } catch (const Unavailable& e) {
            return {CalendarError{Kind::kRetryable, 0, "authUnavailable", e.what(), {}}, {}};
        } catch (const Error& e) {
            return {CalendarError{Kind::kPermanent, 401, "authRejected", e.what(), {}}, {}};
        }
        auto with_auth = request;
        with_auth.headers.emplace_back("Authorization", "Bearer " + token.reveal());
        auto response = http_.send(with_auth);
        if (response.status == 401 && attempt == 0) {
            tokens_.invalidate();  // expired or revoked: one fresh token, one more try
            continue;
        }
        return {classify_response(response, listing), std::move(response.body)};
    }
    return {CalendarError{Kind::kPermanent, 401, "authError", "token refused twice", {}}, {}};
}

std::optional<CalendarError> CalendarClient::insert_event(const std::string& calendar_id,
                                                          const json& event) {
    net::HttpsRequest request{"POST", events_url(calendar_id) + "?sendUpdates=none",
                              {{"Content-Type", "application/json"}}, event.dump(),
                              settings_.connect_timeout, settings_.request_timeout};
    return call(std::move(request), false).error;
}

std::optional<CalendarError> CalendarClient::patch_event(const std::string& calendar_id,
                                                         const std::string& event_id,
                                                         const json& patch) {
    net::HttpsRequest request{"PATCH",
                              events_url(calendar_id) + "/" + percent_encode(event_id) +
                                  "?sendUpdates=none",
                              {{"Content-Type", "application/json"}}, patch.dump(),
                              settings_.connect_timeout, settings_.request_timeout};
    return call(std::move(request), false).error;
}

std::optional<CalendarError> CalendarClient::delete_event(const std::string& calendar_id,
                                                          const std::string& event_id) {
    net::HttpsRequest request{"DELETE",
                              events_url(calendar_id) + "/" + percent_encode(event_id) +
                                  "?sendUpdates=none",
                              {}, {}, settings_.connect_timeout, settings_.request_timeout};
    auto error = call(std::move(request), false).error;
    if (error && error->kind == Kind::kNotFound) return std::nullopt;  // already gone
    return error;
}

EventsPage CalendarClient::list_events(const std::string& calendar_id, const ListQuery& query) {
    std::string url = events_url(calendar_id) + "?singleEvents=true&showDeleted=true&maxResults=" +
                      std::to_string(query.max_results);
    if (query.sync_token) {
        url += "&syncToken=" + percent_encode(*query.sync_token);
    } else {
        if (query.time_min) url += "&timeMin=" + percent_encode(format_rfc3339_utc(*query.time_min));
        if (query.time_max) url += "&timeMax=" + percent_encode(format_rfc3339_utc(*query.time_max));
    }
    if (query.page_token) url += "&pageToken=" + percent_encode(*query.page_token);
    const auto timeout = query.timeout.value_or(settings_.request_timeout);
    auto answer = call(net::HttpsRequest{"GET", url, {}, {},
                                         std::min(timeout, settings_.connect_timeout), timeout},
                       true);
    EventsPage page;
    page.error = std::move(answer.error);
    if (page.error) return page;
    const auto doc = json::parse(answer.body, nullptr, false);
    if (!doc.is_object()) {
        page.error = CalendarError{Kind::kRetryable, 200, "badBody", "events.list: not JSON", {}};
        return page;
    }
    for (const auto& item : doc.value("items", json::array())) {
        if (item.is_object()) page.items.push_back(parse_event(item));
    }
    page.next_page_token = string_field(doc, "nextPageToken");
    page.next_sync_token = string_field(doc, "nextSyncToken");
    return page;
}

FreeBusyResult CalendarClient::free_busy(const std::vector<std::string>& calendar_ids,
                                         Instant from, Instant to,
                                         std::chrono::milliseconds timeout) {
    json body = {{"timeMin", format_rfc3339_utc(from)},
                 {"timeMax", format_rfc3339_utc(to)},
                 {"items", json::array()}};
    for (const auto& id : calendar_ids) body["items"].push_back({{"id", id}});
    auto answer = call(net::HttpsRequest{"POST", settings_.base_url + "/freeBusy",
                                         {{"Content-Type", "application/json"}}, body.dump(),
                                         std::min(timeout, settings_.connect_timeout), timeout},
                       false);
    FreeBusyResult result;
    result.error = std::move(answer.error);
    if (result.error) return result;
    const auto doc = json::parse(answer.body, nullptr, false);
    if (!doc.is_object()) {
        result.error = CalendarError{Kind::kRetryable, 200, "badBody", "freeBusy: not JSON", {}};
        return result;
    }
    read_free_busy(doc, result);
    return result;
}

}  // namespace frontdesk::calendar
