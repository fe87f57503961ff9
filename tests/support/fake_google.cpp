#include "support/fake_google.hpp"

#include <algorithm>
#include <memory>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/time_zone.hpp"

namespace frontdesk::test {
namespace {

using json = nlohmann::json;

template <auto Fn>
struct CDeleter {
    void operator()(auto* p) const noexcept { Fn(p); }
};
using BioPtr = std::unique_ptr<BIO, CDeleter<BIO_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, CDeleter<EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, CDeleter<EVP_MD_CTX_free>>;

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string base64url_decode(std::string_view text) {
    std::string b64{text};
    for (char& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (b64.size() % 4 != 0) b64 += '=';
    std::string out(b64.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(b64.data()),
                                  static_cast<int>(b64.size()));
    if (n < 0) return {};
    const auto padding = static_cast<std::size_t>(std::count(b64.end() - 2, b64.end(), '='));
    out.resize(static_cast<std::size_t>(n) - padding);
    return out;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(std::string{text.substr(i + 1, 2)}, nullptr, 16));
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_form(std::string_view text) {
    std::map<std::string, std::string> fields;
    while (!text.empty()) {
        const auto amp = text.find('&');
        const auto part = text.substr(0, amp);
        const auto eq = part.find('=');
        fields[percent_decode(part.substr(0, eq))] =
            eq == std::string_view::npos ? "" : percent_decode(part.substr(eq + 1));
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    }
    return fields;
}

net::HttpsResponse answer(int status, const json& body,
                          std::vector<std::pair<std::string, std::string>> headers = {}) {
    return net::HttpsResponse{status, std::move(headers), body.dump(), {}};
}

net::HttpsResponse google_error(int status, const std::string& reason, const std::string& message) {
    return answer(status, {{"error",
                            {{"code", status},
                             {"message", message},
                             {"errors", json::array({{{"domain", "global"},
                                                      {"reason", reason},
                                                      {"message", message}}})}}}});
}

bool base32hex_id(const std::string& id) {
    return id.size() >= 5 && id.size() <= 1024 &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'v');
           });
}

// The event's [start, end) in instants (all-day dates as UTC midnights: good enough here).
std::pair<Instant, Instant> span_of(const json& event) {
    auto at = [&](const char* key) {
        const auto& part = event.at(key);
        if (part.contains("dateTime")) return parse_rfc3339(part["dateTime"].get<std::string>()).value();
        const auto day = parse_date(part["date"].get<std::string>()).value();
        return Instant{std::chrono::sys_days{day}};
    };
    return {at("start"), at("end")};
}

bool cancelled(const json& event) { return event.value("status", "") == "cancelled"; }

}  // namespace

TestKeyPair make_test_rsa_key() {
    constexpr unsigned kBits = 2048;
    PkeyPtr key{EVP_RSA_gen(kBits)};
    BioPtr priv{BIO_new(BIO_s_mem())};
    BioPtr pub{BIO_new(BIO_s_mem())};
    PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    return {bio_text(priv.get()), bio_text(pub.get())};
}

std::string service_account_json(const std::string& client_email, const std::string& private_pem,
                                 const std::string& token_uri) {
    return json{{"type", "service_account"},       {"project_id", "frontdesk-test"},
                {"private_key_id", "test-key-1"},  {"private_key", private_pem},
                {"client_email", client_email},    {"client_id", "1234567890"},
                {"token_uri", token_uri}}
        .dump(2);
}

std::optional<json> verify_jwt(const std::string& jwt, const std::string& public_pem) {
    const auto first = jwt.find('.');
    const auto second = jwt.rfind('.');
    if (first == std::string::npos || second == first) return std::nullopt;
    const std::string input = jwt.substr(0, second);
    const std::string signature = base64url_decode(jwt.substr(second + 1));
    BioPtr bio{BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()))};
    PkeyPtr key{PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)};
    MdCtxPtr ctx{EVP_MD_CTX_new()};
    if (!key || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                         input.size()) != 1) {
        return std::nullopt;
    }
    const auto header = json::parse(base64url_decode(jwt.substr(0, first)), nullptr, false);
    if (!header.is_object() || header.value("alg", "") != "RS256") return std::nullopt;
    auto claims = json::parse(base64url_decode(jwt.substr(first + 1, second - first - 1)), nullptr,
                              false);
    if (!claims.is_object()) return std::nullopt;
    return claims;
}

FakeGoogle::FakeGoogle(std::string base, std::string public_key_pem, const Clock& clock)
    : base_(std::move(base)), public_key_pem_(std::move(public_key_pem)), clock_(clock) {}

net::HttpsResponse FakeGoogle::handle(const net::HttpsRequest& request) {
    if (latency_ > request.total_timeout) {
        return net::HttpsResponse{0, {}, {}, "Operation timed out (fake latency)"};
    }
    if (request.url.rfind(base_, 0) != 0) return net::HttpsResponse{0, {}, {}, "unknown host"};
    const std::string rest = request.url.substr(base_.size());
    const auto q = rest.find('?');
    const std::string path = rest.substr(0, q);
    const auto query = q == std::string::npos ? Query{} : parse_form(rest.substr(q + 1));
    if (path == "/token") return token(request);
    std::lock_guard lock{mutex_};
    ++api_requests_;
    if (!authorised(request)) return google_error(401, "authError", "Invalid Credentials");
    if (fail_count_ > 0) {
        --fail_count_;
        auto failure = google_error(fail_status_, fail_reason_, "injected failure");
        if (fail_retry_after_) failure.headers.emplace_back("retry-after", std::to_string(*fail_retry_after_));
        return failure;
    }
    return api(request.method, path, query, request.body);
}

FakeHttpResponse FakeGoogle::serve(const FakeHttpRequest& request) {
    net::HttpsRequest forwarded;
    forwarded.method = request.method;
    forwarded.url = base_ + request.target;
    forwarded.headers.assign(request.headers.begin(), request.headers.end());
    forwarded.body = request.body;
    forwarded.total_timeout = std::chrono::hours{1};  // the real client times out by itself
    auto answer = handle(forwarded);
    FakeHttpResponse response{answer.status, {}, std::move(answer.body), {}, false};
    response.headers.assign(answer.headers.begin(), answer.headers.end());
    response.headers.emplace_back("Content-Type", "application/json");
    std::lock_guard lock{mutex_};
    response.delay = latency_;
    return response;
}

void FakeGoogle::set_base(std::string base) { base_ = std::move(base); }

bool FakeGoogle::authorised(const net::HttpsRequest& request) const {
    for (const auto& [name, value] : request.headers) {
        const bool auth = name == "Authorization" || name == "authorization";
        if (!auth || value.rfind("Bearer ", 0) != 0) continue;
        const auto it = tokens_.find(value.substr(7));
        return it != tokens_.end() && clock_.now() < it->second;
    }
    return false;
}

net::HttpsResponse FakeGoogle::token(const net::HttpsRequest& request) {
    const auto form = parse_form(request.body);
    const auto grant = form.find("grant_type");
    const auto assertion = form.find("assertion");
    if (grant == form.end() || grant->second != "urn:ietf:params:oauth:grant-type:jwt-bearer" ||
        assertion == form.end()) {
        return answer(400, {{"error", "unsupported_grant_type"}});
    }
    const auto claims = verify_jwt(assertion->second, public_key_pem_);
    if (!claims) return answer(400, {{"error", "invalid_grant"}, {"error_description", "Invalid JWT Signature."}});
    const auto iat = claims->value("iat", 0LL);
    const auto exp = claims->value("exp", 0LL);
    if (claims->value("aud", "") != token_uri() || claims->value("iss", "").empty() ||
        claims->value("scope", "").empty() || exp <= iat || exp - iat > 3600) {
        return answer(400, {{"error", "invalid_grant"}, {"error_description", "Bad claims."}});
    }
    std::lock_guard lock{mutex_};
    const std::string access = "ya29.fake-" + std::to_string(++tokens_issued_);
    tokens_[access] = clock_.now() + token_lifetime_;
    return answer(200, {{"access_token", access},
                        {"expires_in", token_lifetime_.count()},
                        {"token_type", "Bearer"}});
}

net::HttpsResponse FakeGoogle::api(const std::string& method, const std::string& path,
                                   const Query& query, const std::string& body) {
    const std::string prefix = "/calendar/v3";
    if (path == prefix + "/freeBusy" && method == "POST") return free_busy(body);
    const std::string calendars = prefix + "/calendars/";
    if (path.rfind(calendars, 0) != 0) return google_error(404, "notFound", "Not Found");
    const auto rest = path.substr(calendars.size());
    const auto slash = rest.find("/events");
    if (slash == std::string::npos) return google_error(404, "notFound", "Not Found");
    const auto calendar_id = percent_decode(rest.substr(0, slash));
    const auto tail = rest.substr(slash + 7);
    const auto event_id = tail.empty() ? std::string{} : percent_decode(tail.substr(1));
    return events(method, calendar_id, event_id, query, body);
}

net::HttpsResponse FakeGoogle::events(const std::string& method, const std::string& calendar_id,
                                      const std::string& event_id, const Query& query,
                                      const std::string& body) {
    auto& calendar = calendars_[calendar_id];
    if (event_id.empty()) {
        if (method == "GET") return list(calendar, query);
        if (method == "POST") return insert(calendar, body);
        return google_error(400, "badRequest", "bad method");
    }
    const auto it = calendar.events.find(event_id);
    if (it == calendar.events.end()) return google_error(404, "notFound", "Not Found");
    if (method == "DELETE") {
        if (cancelled(it->second.body)) return google_error(410, "deleted", "Resource has been deleted");
        it->second.body["status"] = "cancelled";
        it->second.seq = ++seq_;
        return net::HttpsResponse{204, {}, {}, {}};
    }
    if (method == "PATCH") {
        const auto patch = json::parse(body, nullptr, false);
        if (!patch.is_object()) return google_error(400, "parseError", "bad body");
        for (const auto& [key, value] : patch.items()) it->second.body[key] = value;
        it->second.seq = ++seq_;
        return answer(200, it->second.body);
    }
    return google_error(400, "badRequest", "bad method");
}

net::HttpsResponse FakeGoogle::insert(Calendar& calendar, const std::string& body) {
    auto event = json::parse(body, nullptr, false);
    if (!event.is_object() || !event.contains("start") || !event.contains("end")) {
        return google_error(400, "required", "Missing start or end");
    }
    const auto id = event.value("id", "");
    if (!base32hex_id(id)) return google_error(400, "invalid", "Invalid resource id value.");
    if (calendar.events.contains(id)) {
        ++duplicates_;
        return google_error(409, "duplicate", "The requested identifier already exists.");
    }
    event["status"] = event.value("status", "confirmed");
    calendar.events[id] = StoredEvent{event, ++seq_};
    ++inserts_;
    return answer(200, event);
}

net::HttpsResponse FakeGoogle::list(Calendar& calendar, const Query& query) {
    long long since = 0;
    std::optional<Instant> time_min;
    std::optional<Instant> time_max;
    if (const auto it = query.find("syncToken"); it != query.end()) {
        since = std::stoll(it->second.substr(2));
        if (since < sync_floor_) return google_error(410, "fullSyncRequired", "Sync token is no longer valid.");
    }
    if (const auto it = query.find("timeMin"); it != query.end()) time_min = parse_rfc3339(it->second);
    if (const auto it = query.find("timeMax"); it != query.end()) time_max = parse_rfc3339(it->second);
    std::vector<json> matching;
    for (const auto& [id, stored] : calendar.events) {
        if (stored.seq <= since) continue;
        const auto [start, end] = span_of(stored.body);
        if ((time_min && end <= *time_min) || (time_max && start >= *time_max)) continue;
        if (since == 0 && cancelled(stored.body) && query.count("showDeleted") == 0) continue;
        matching.push_back(stored.body);
    }
    const auto offset = query.count("pageToken") != 0 ? std::stoul(query.at("pageToken")) : 0UL;
    const auto page = static_cast<std::size_t>(page_size_);
    json body = {{"kind", "calendar#events"}, {"items", json::array()}};
    for (std::size_t i = offset; i < std::min(matching.size(), offset + page); ++i) {
        body["items"].push_back(matching[i]);
    }
    if (offset + page < matching.size()) {
        body["nextPageToken"] = std::to_string(offset + page);
    } else {
        body["nextSyncToken"] = "s-" + std::to_string(seq_);
    }
    return answer(200, body);
}

net::HttpsResponse FakeGoogle::free_busy(const std::string& body) {
    const auto request = json::parse(body, nullptr, false);
    const auto from = parse_rfc3339(request.value("timeMin", ""));
    const auto to = parse_rfc3339(request.value("timeMax", ""));
    if (!from || !to || !(*from < *to)) return google_error(400, "timeRangeEmpty", "The specified time range is empty.");
    json calendars = json::object();
    for (const auto& item : request.value("items", json::array())) {
        const auto id = item.value("id", "");
        json busy = json::array();
        for (const auto& [event_id, stored] : calendars_[id].events) {
            if (cancelled(stored.body) || stored.body.value("transparency", "") == "transparent") continue;
            const auto [start, end] = span_of(stored.body);
            if (start < *to && *from < end) {
                busy.push_back({{"start", format_rfc3339_utc(start)}, {"end", format_rfc3339_utc(end)}});
            }
        }
        calendars[id] = {{"busy", busy}};
    }
    return answer(200, {{"kind", "calendar#freeBusy"}, {"calendars", calendars}});
}

std::string FakeGoogle::store(const std::string& calendar_id, json event) {
    const std::string id = "staff" + std::to_string(++next_staff_id_) + "x";
    event["id"] = id;
    event["status"] = "confirmed";
    calendars_[calendar_id].events[id] = StoredEvent{std::move(event), ++seq_};
    return id;
}

std::string FakeGoogle::add_event(const std::string& calendar_id, const std::string& summary,
                                  Instant start, Instant end) {
    std::lock_guard lock{mutex_};
    return store(calendar_id, {{"summary", summary},
                               {"start", {{"dateTime", format_rfc3339_utc(start)}}},
                               {"end", {{"dateTime", format_rfc3339_utc(end)}}}});
}

std::string FakeGoogle::add_all_day_event(const std::string& calendar_id,
                                          const std::string& summary,
                                          const std::string& first_date,
                                          const std::string& end_date) {
    std::lock_guard lock{mutex_};
    return store(calendar_id, {{"summary", summary},
                               {"start", {{"date", first_date}}},
                               {"end", {{"date", end_date}}}});
}

std::string FakeGoogle::add_daily_series(const std::string& calendar_id,
                                         const std::string& summary, Instant first_start,
                                         std::chrono::minutes length, int count) {
    std::lock_guard lock{mutex_};
    const std::string series = "series" + std::to_string(++next_staff_id_);
    for (int i = 0; i < count; ++i) {
        const Instant start = first_start + std::chrono::days{i};
        const std::string id = series + "_" + std::to_string(i);
        json instance = {{"id", id},
                         {"summary", summary},
                         {"status", "confirmed"},
                         {"recurringEventId", series},
                         {"start", {{"dateTime", format_rfc3339_utc(start)}}},
                         {"end", {{"dateTime", format_rfc3339_utc(start + length)}}}};
        calendars_[calendar_id].events[id] = StoredEvent{std::move(instance), ++seq_};
    }
    return series;
}

void FakeGoogle::cancel_event(const std::string& calendar_id, const std::string& event_id) {
    std::lock_guard lock{mutex_};
    auto& stored = calendars_[calendar_id].events.at(event_id);
    stored.body["status"] = "cancelled";
    stored.seq = ++seq_;
}

void FakeGoogle::fail_next(int count, int status, const std::string& reason,
                           std::optional<int> retry_after_seconds) {
    std::lock_guard lock{mutex_};
    fail_count_ = count;
    fail_status_ = status;
    fail_reason_ = reason;
    fail_retry_after_ = retry_after_seconds;
}

void FakeGoogle::expire_sync_tokens() {
    std::lock_guard lock{mutex_};
    sync_floor_ = seq_ + 1;
}

void FakeGoogle::set_latency(std::chrono::milliseconds latency) {
    std::lock_guard lock{mutex_};
    latency_ = latency;
}

void FakeGoogle::set_token_lifetime(std::chrono::seconds lifetime) {
    std::lock_guard lock{mutex_};
    token_lifetime_ = lifetime;
}

void FakeGoogle::set_page_size(int page_size) {
    std::lock_guard lock{mutex_};
    page_size_ = page_size;
}

std::optional<json> FakeGoogle::event(const std::string& calendar_id,
                                      const std::string& event_id) const {
    std::lock_guard lock{mutex_};
    const auto cal = calendars_.find(calendar_id);
    if (cal == calendars_.end()) return std::nullopt;
    const auto it = cal->second.events.find(event_id);
    if (it == cal->second.events.end()) return std::nullopt;
    return it->second.body;
}

int FakeGoogle::live_events(const std::string& calendar_id) const {
    std::lock_guard lock{mutex_};
    const auto cal = calendars_.find(calendar_id);
    if (cal == calendars_.end()) return 0;
    return static_cast<int>(std::count_if(cal->second.events.begin(), cal->second.events.end(),
                                          [](const auto& e) { return !cancelled(e.second.body); }));
}

int FakeGoogle::inserts() const { std::lock_guard lock{mutex_}; return inserts_; }
int FakeGoogle::duplicates() const { std::lock_guard lock{mutex_}; return duplicates_; }
int FakeGoogle::tokens_issued() const { std::lock_guard lock{mutex_}; return tokens_issued_; }
int FakeGoogle::api_requests() const { std::lock_guard lock{mutex_}; return api_requests_; }

}  // namespace frontdesk::test
