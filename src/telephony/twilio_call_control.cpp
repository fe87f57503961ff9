#include "telephony/twilio_call_control.hpp"

#include <cstdint>
#include <exception>
#include <memory>
#include <span>
#include <utility>

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "media/base64.hpp"
#include "telephony/form_body.hpp"
#include "telephony/twiml.hpp"

namespace frontdesk::telephony {
namespace {

constexpr int kHttpNotFound = 404;
constexpr int kFirstSuccess = 200;
constexpr int kFirstNonSuccess = 300;
constexpr int kTwilioResourceNotFound = 20404;

[[nodiscard]] std::string basic_auth(const std::string& user, const Secret& password) {
    const std::string pair = user + ":" + password.reveal();
    return "Basic " + media::base64_encode(std::span<const std::uint8_t>{
                          reinterpret_cast<const std::uint8_t*>(pair.data()), pair.size()});
}

[[nodiscard]] std::string trim_slashes(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

}  // namespace

TwilioCallControl::TwilioCallControl(TwilioCredentials credentials, net::HttpsClient& client,
                                     PostToPool post_to_pool)
    : credentials_(std::move(credentials)), client_(client), post_to_pool_(std::move(post_to_pool)) {}

net::HttpsRequest TwilioCallControl::update_request(const std::string& call_sid,
                                                    std::string form_body) const {
    net::HttpsRequest request;
    request.method = "POST";
    request.url = trim_slashes(credentials_.api_base_url) + "/2010-04-01/Accounts/" +
                  percent_encode(credentials_.account_sid) + "/Calls/" +
                  percent_encode(call_sid) + ".json";
    request.headers = {
        {"Authorization", basic_auth(credentials_.account_sid, credentials_.auth_token)},
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Accept", "application/json"},
    };
    request.body = std::move(form_body);
    return request;
}

net::HttpsRequest TwilioCallControl::hang_up_request(const std::string& call_sid) const {
    return update_request(call_sid, form_encode({{"Status", "completed"}}));
}

net::HttpsRequest TwilioCallControl::transfer_request(const std::string& call_sid,
                                                      const std::string& phone_number) const {
    return update_request(call_sid, form_encode({{"Twiml", dial_twiml(phone_number)}}));
}

CallControlResult TwilioCallControl::interpret(const net::HttpsResponse& response,
                                               bool missing_is_success) {
    if (response.transport_failed()) return {false, 0, "twilio unreachable: " + response.error};
    if (response.status >= kFirstSuccess && response.status < kFirstNonSuccess) {
        return {true, response.status, "ok"};
    }
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    const bool gone = response.status == kHttpNotFound && body.is_object() &&
                      body.contains("code") && body["code"].is_number_integer() &&
                      body["code"].get<int>() == kTwilioResourceNotFound;
    if (gone && missing_is_success) return {true, response.status, "call already ended"};
    return {false, response.status, "twilio answered " + std::to_string(response.status)};
}

void TwilioCallControl::run(net::HttpsRequest request, bool missing_is_success,
                            const boost::asio::any_io_executor& reply_on,
                            CallControlDone done) const {
    auto shared_done = std::make_shared<CallControlDone>(std::move(done));
    if (!credentials_.configured()) {
        boost::asio::post(reply_on, [shared_done] {
            (*shared_done)({false, 0, "twilio call control is not configured"});
        });
        return;
    }
    auto job = [client = &client_, request = std::move(request), missing_is_success, reply_on,
                shared_done] {
        CallControlResult result{false, 0, "call control failed"};
        try {
            result = interpret(client->send(request), missing_is_success);
        } catch (const std::exception& e) {
            result.detail = std::string{"call control failed: "} + e.what();
        }
        boost::asio::post(reply_on, [shared_done, result = std::move(result)] {
            (*shared_done)(result);
        });
    };
    if (!post_to_pool_(std::move(job))) {
        boost::asio::post(reply_on,
                          [shared_done] { (*shared_done)({false, 0, "worker pool busy"}); });
    }
}

void TwilioCallControl::hang_up(const std::string& call_sid,
                                const boost::asio::any_io_executor& reply_on,
                                CallControlDone done) const {
    run(hang_up_request(call_sid), true, reply_on, std::move(done));
}

void TwilioCallControl::transfer(const std::string& call_sid, const std::string& phone_number,
                                 const boost::asio::any_io_executor& reply_on,
                                 CallControlDone done) const {
    run(transfer_request(call_sid, phone_number), false, reply_on, std::move(done));
}

}  // namespace frontdesk::telephony
