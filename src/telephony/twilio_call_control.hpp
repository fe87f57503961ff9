#pragma once

#include <functional>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "core/secret.hpp"
#include "net/https_client.hpp"
#include "telephony/carrier.hpp"

namespace frontdesk::telephony {

struct TwilioCredentials {
    std::string account_sid;                        // TWILIO_ACCOUNT_SID
    Secret auth_token;                              // TWILIO_AUTH_TOKEN
    std::string api_base_url = "https://api.twilio.com";  // TWILIO_API_BASE_URL (tests: a fake)

    [[nodiscard]] bool configured() const noexcept {
        return !account_sid.empty() && !auth_token.empty();
    }
};

/// Queues a blocking job on the worker pool; false when the pool is saturated or stopping
/// (e.g. `[&pool](auto job) { return pool.try_post(std::move(job)); }`).
using PostToPool = std::function<bool(std::function<void()>)>;

/// Twilio REST call control (PROTOCOLS §4.2): hang up (Status=completed) and transfer (Twiml
/// with <Dial>). Requests run on the worker pool through net::HttpsClient (it blocks); results
/// are posted to the executor the caller names (the call strand).
/// Any thread. Borrows the HttpsClient, which must outlive every job queued (drain the pool
/// first); owns the credentials, whose token only reaches the Authorization header.
class TwilioCallControl {
public:
    TwilioCallControl(TwilioCredentials credentials, net::HttpsClient& client,
                      PostToPool post_to_pool);

    /// POST …/Calls/{call_sid}.json Status=completed. A 404 with Twilio code 20404 counts as
    /// success: the call had already ended.
    void hang_up(const std::string& call_sid, const boost::asio::any_io_executor& reply_on,
                 CallControlDone done) const;
    /// POST …/Calls/{call_sid}.json Twiml=<Response><Dial>number</Dial></Response>.
    void transfer(const std::string& call_sid, const std::string& phone_number,
                  const boost::asio::any_io_executor& reply_on, CallControlDone done) const;

    // The requests, exposed for tests.
    [[nodiscard]] net::HttpsRequest hang_up_request(const std::string& call_sid) const;
    [[nodiscard]] net::HttpsRequest transfer_request(const std::string& call_sid,
                                                     const std::string& phone_number) const;
    /// How a Twilio answer reads as a result (never includes the body in `detail`, which may
    /// echo request data).
    [[nodiscard]] static CallControlResult interpret(const net::HttpsResponse& response,
                                                     bool missing_is_success);

private:
    [[nodiscard]] net::HttpsRequest update_request(const std::string& call_sid,
                                                   std::string form_body) const;
    void run(net::HttpsRequest request, bool missing_is_success,
             const boost::asio::any_io_executor& reply_on, CallControlDone done) const;

    TwilioCredentials credentials_;
    net::HttpsClient& client_;  // borrowed; outlives the pool's jobs
    PostToPool post_to_pool_;
};

}  // namespace frontdesk::telephony
