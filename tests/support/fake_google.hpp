#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "net/https_client.hpp"
#include "support/fake_https_server.hpp"

// A fake Google (OAuth token endpoint + Calendar v3) for tests. The request handler is pure
// (HttpsRequest in, HttpsResponse out), so it can sit behind a TLS loopback server
// (fake_https_server.hpp) or, where a socket adds nothing, behind FakeGoogleClient.
namespace frontdesk::test {

/// An RSA-2048 key pair made at run time (nothing committed can leak or expire).
struct TestKeyPair {
    std::string private_pem;  // PKCS#8
    std::string public_pem;   // SubjectPublicKeyInfo
};
[[nodiscard]] TestKeyPair make_test_rsa_key();

/// The text of a service-account key file.
[[nodiscard]] std::string service_account_json(const std::string& client_email,
                                               const std::string& private_pem,
                                               const std::string& token_uri);

/// Checks an RS256 JWT against a public key; the decoded claims when the signature holds.
[[nodiscard]] std::optional<nlohmann::json> verify_jwt(const std::string& jwt,
                                                       const std::string& public_pem);

/// Google, faked. Calendars spring into existence when first used. Any thread.
class FakeGoogle {
public:
    /// `base` is what URLs start with ("https://127.0.0.1:port"); the token endpoint is
    /// base + "/token", the Calendar API base + "/calendar/v3". `clock` decides token expiry.
    FakeGoogle(std::string base, std::string public_key_pem, const Clock& clock);

    [[nodiscard]] net::HttpsResponse handle(const net::HttpsRequest& request);

    /// The same behind a FakeHttpsServer (TLS on loopback): set_base(server.url()) first.
    /// Latency becomes a real answer delay there, so the client's own timeout decides.
    [[nodiscard]] FakeHttpResponse serve(const FakeHttpRequest& request);
    void set_base(std::string base);

    [[nodiscard]] std::string token_uri() const { return base_ + "/token"; }
    [[nodiscard]] std::string api_base() const { return base_ + "/calendar/v3"; }

    // Faults.
    /// The next `count` Calendar requests answer `status` (403 with reason, 429, 5xx).
    void fail_next(int count, int status, const std::string& reason,
                   std::optional<int> retry_after_seconds = std::nullopt);
    /// Every sync token handed out so far is refused with 410 from now on.
    void expire_sync_tokens();
    /// Answers take this long; a request whose total_timeout is shorter fails as a timeout
    /// (status 0) without waiting.
    void set_latency(std::chrono::milliseconds latency);
    void set_token_lifetime(std::chrono::seconds lifetime);
    void set_page_size(int page_size);

    // What staff do in the Google Calendar UI.
    std::string add_event(const std::string& calendar_id, const std::string& summary,
                          Instant start, Instant end);
    std::string add_all_day_event(const std::string& calendar_id, const std::string& summary,
                                  const std::string& first_date, const std::string& end_date);
    /// `count` daily instances of a recurring event (as singleEvents=true shows them).
    std::string add_daily_series(const std::string& calendar_id, const std::string& summary,
                                 Instant first_start, std::chrono::minutes length, int count);
    void cancel_event(const std::string& calendar_id, const std::string& event_id);

    // Inspection.
    [[nodiscard]] std::optional<nlohmann::json> event(const std::string& calendar_id,
                                                      const std::string& event_id) const;
    [[nodiscard]] int live_events(const std::string& calendar_id) const;
    [[nodiscard]] int inserts() const;        // successful inserts
    [[nodiscard]] int duplicates() const;     // inserts refused with 409
    [[nodiscard]] int tokens_issued() const;
    [[nodiscard]] int api_requests() const;

private:
    struct StoredEvent {
        nlohmann::json body;
        long long seq = 0;
    };
    struct Calendar {
        std::map<std::string, StoredEvent> events;
    };
    using Query = std::map<std::string, std::string>;

    net::HttpsResponse token(const net::HttpsRequest& request);
    net::HttpsResponse api(const std::string& method, const std::string& path, const Query& query,
                           const std::string& body);
    net::HttpsResponse events(const std::string& method, const std::string& calendar_id,
                              const std::string& event_id, const Query& query,
                              const std::string& body);
    net::HttpsResponse list(Calendar& calendar, const Query& query);
    net::HttpsResponse insert(Calendar& calendar, const std::string& body);
    net::HttpsResponse free_busy(const std::string& body);
    std::string store(const std::string& calendar_id, nlohmann::json event);  // mutex_ held
    bool authorised(const net::HttpsRequest& request) const;

    std::string base_;  // set before requests arrive
    const std::string public_key_pem_;
    const Clock& clock_;  // borrowed
    mutable std::mutex mutex_;
    std::map<std::string, Calendar> calendars_;
    std::map<std::string, Instant> tokens_;  // access token -> expiry
    long long seq_ = 0;
    long long sync_floor_ = 0;  // tokens below this answer 410
    int fail_count_ = 0;
    int fail_status_ = 0;
    std::string fail_reason_;
    std::optional<int> fail_retry_after_;
    std::chrono::milliseconds latency_{0};
    std::chrono::seconds token_lifetime_{3600};
    int page_size_ = 250;
    int inserts_ = 0;
    int duplicates_ = 0;
    int tokens_issued_ = 0;
    int api_requests_ = 0;
    int next_staff_id_ = 0;
};

/// HttpsClient that hands requests straight to a FakeGoogle (no socket).
class FakeGoogleClient final : public net::HttpsClient {
public:
    explicit FakeGoogleClient(FakeGoogle& google) : google_(google) {}
    [[nodiscard]] net::HttpsResponse send(const net::HttpsRequest& request) override {
        return google_.handle(request);
    }

private:
    FakeGoogle& google_;  // borrowed
};

}  // namespace frontdesk::test
