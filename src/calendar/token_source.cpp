#include "calendar/token_source.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/logging.hpp"

namespace frontdesk::calendar {
namespace {

spdlog::logger& auth_log() {
    static const auto logger = frontdesk::logger("calendar");
    return *logger;
}

// google-auth treats these token-endpoint errors as retryable (PROTOCOLS §10.6).
bool retryable_oauth_error(std::string_view error) {
    return error == "internal_failure" || error == "server_error" ||
           error == "temporarily_unavailable";
}

std::optional<long long> expires_in(const nlohmann::json& body) {
    const auto it = body.find("expires_in");
    if (it == body.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<long long>();
    if (it->is_string()) {
        try {
            return std::stoll(it->get<std::string>());
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

[[noreturn]] void throw_for_failure(const net::HttpsResponse& response) {
    if (response.transport_failed()) {
        throw Unavailable("GOOGLE_AUTH_UNAVAILABLE",
                          "The Google token endpoint could not be reached: " + response.error);
    }
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    std::string error = "http_" + std::to_string(response.status);
    if (body.is_object() && body.contains("error") && body["error"].is_string()) {
        error = body["error"].get<std::string>();
    }
    if (response.status >= 500 || response.status == 429 || retryable_oauth_error(error)) {
        throw Unavailable("GOOGLE_AUTH_UNAVAILABLE", "Google's token endpoint answered " +
                                                         std::to_string(response.status) + " (" +
                                                         error + ")");
    }
    throw Unauthorized("GOOGLE_AUTH_REJECTED", "Google refused the service-account key (" +
                                                   error + "); check the key and that the "
                                                   "calendar is shared with it.");
}

}  // namespace

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                                c == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4U];
            out += kHex[u & 0x0FU];
        }
    }
    return out;
}

ServiceAccountTokenSource::ServiceAccountTokenSource(ServiceAccountKey key,
                                                     std::optional<std::string> subject,
                                                     net::HttpsClient& http, const Clock& clock,
                                                     TokenSettings settings)
    : key_(std::move(key)),
      subject_(std::move(subject)),
      http_(http),
      clock_(clock),
      settings_(std::move(settings)) {}

Secret ServiceAccountTokenSource::token() {
    std::lock_guard lock{mutex_};
    const Instant now = clock_.now();
    if (!cached_ || now >= cached_->refresh_at) cached_ = fetch(now);
    return cached_->token;
}

void ServiceAccountTokenSource::invalidate() noexcept {
    std::lock_guard lock{mutex_};
    cached_.reset();
}

int ServiceAccountTokenSource::fetches() const {
    std::lock_guard lock{mutex_};
    return fetches_;
}

ServiceAccountTokenSource::Cached ServiceAccountTokenSource::fetch(Instant now) {
    const JwtClaims claims{key_.client_email, settings_.scope,      key_.token_uri,
                           now,               now + settings_.lifetime, subject_};
    net::HttpsRequest request;
    request.method = "POST";
    request.url = key_.token_uri;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "grant_type=" + percent_encode("urn:ietf:params:oauth:grant-type:jwt-bearer") +
                   "&assertion=" + percent_encode(sign_jwt(key_, claims));
    request.total_timeout = settings_.request_timeout;
    const auto response = http_.send(request);
    ++fetches_;
    if (response.status != 200) throw_for_failure(response);
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
        throw Unavailable("GOOGLE_AUTH_UNAVAILABLE", "Google's token answer had no access_token.");
    }
    const std::chrono::seconds lifetime{expires_in(body).value_or(settings_.lifetime.count())};
    // Short-lived tokens (tests, odd proxies) are refreshed half-way rather than never cached.
    const auto margin = std::min(settings_.refresh_margin, lifetime / 2);
    auth_log().info("google access token for {} fetched, valid {} s", key_.client_email,
                    lifetime.count());
    return Cached{Secret{body["access_token"].get<std::string>()}, now + lifetime - margin};
}

}  // namespace frontdesk::calendar
