#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "calendar/service_account.hpp"
#include "core/clock.hpp"
#include "core/secret.hpp"
#include "net/https_client.hpp"

namespace frontdesk::calendar {

/// Bearer tokens for Google APIs.
/// Threads: any worker thread; implementations are internally synchronised.
class AccessTokenSource {
public:
    virtual ~AccessTokenSource() = default;
    /// A token valid for a while yet; fetched or refreshed when needed (blocks on the network).
    /// Throws Unavailable("GOOGLE_AUTH_UNAVAILABLE") when the token endpoint cannot answer now
    /// (retry later) and Unauthorized("GOOGLE_AUTH_REJECTED") when it refuses the key.
    [[nodiscard]] virtual Secret token() = 0;
    /// Drops the cached token (an API call answered 401).
    virtual void invalidate() noexcept = 0;
};

struct TokenSettings {
    std::string scope = "https://www.googleapis.com/auth/calendar";
    std::chrono::seconds lifetime{3600};        // JWT exp - iat; Google allows at most 3600
    std::chrono::seconds refresh_margin{300};   // refresh this long before expiry
    std::chrono::milliseconds request_timeout{10000};
};

/// The service-account JWT bearer flow (PROTOCOLS §10): signs an RS256 assertion, exchanges it
/// at the key's token_uri and caches the access token until `refresh_margin` before it expires
/// (by the injected clock). One fetch at a time: concurrent callers wait for it.
/// Borrows `http` and `clock` (the composition root keeps them alive).
class ServiceAccountTokenSource final : public AccessTokenSource {
public:
    ServiceAccountTokenSource(ServiceAccountKey key, std::optional<std::string> subject,
                              net::HttpsClient& http, const Clock& clock,
                              TokenSettings settings = {});

    [[nodiscard]] Secret token() override;
    void invalidate() noexcept override;

    /// How many tokens were fetched so far (tests, metrics).
    [[nodiscard]] int fetches() const;

private:
    struct Cached {
        Secret token;
        Instant refresh_at;
    };
    Cached fetch(Instant now);  // called with mutex_ held

    const ServiceAccountKey key_;
    const std::optional<std::string> subject_;
    net::HttpsClient& http_;  // borrowed
    const Clock& clock_;      // borrowed
    const TokenSettings settings_;
    mutable std::mutex mutex_;      // guards cached_ and fetches_; held across a fetch
    std::optional<Cached> cached_;  // guarded by mutex_
    int fetches_ = 0;               // guarded by mutex_
};

/// Percent-encodes everything but RFC 3986 unreserved characters (paths, queries, forms).
[[nodiscard]] std::string percent_encode(std::string_view text);

}  // namespace frontdesk::calendar
