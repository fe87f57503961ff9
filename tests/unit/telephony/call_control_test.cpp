#include "telephony/twilio_call_control.hpp"

#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "telephony/form_body.hpp"

namespace frontdesk::telephony {
namespace {

/// Records requests and answers with a scripted response. Any thread.
class FakeHttpsClient : public net::HttpsClient {
public:
    explicit FakeHttpsClient(net::HttpsResponse answer) : answer_(std::move(answer)) {}
    net::HttpsResponse send(const net::HttpsRequest& request) override {
        const std::lock_guard lock{mutex_};
        requests_.push_back(request);
        return answer_;
    }
    std::vector<net::HttpsRequest> requests() const {
        const std::lock_guard lock{mutex_};
        return requests_;
    }

private:
    net::HttpsResponse answer_;
    mutable std::mutex mutex_;
    std::vector<net::HttpsRequest> requests_;
};

TwilioCredentials credentials() {
    return {"AC00000000000000000000000000000001", Secret{"token-xyz"}, "http://127.0.0.1:9/"};
}

// Runs jobs inline: the test's "pool" is the calling thread.
const PostToPool kInline = [](std::function<void()> job) {
    job();
    return true;
};

std::string header(const net::HttpsRequest& request, std::string_view name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name) return value;
    }
    return {};
}

TEST(TwilioCallControl, HangUpRequestShape) {
    FakeHttpsClient client{{200, {}, "{}", ""}};
    const TwilioCallControl control{credentials(), client, kInline};
    const auto request = control.hang_up_request("CA00000000000000000000000000000009");
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url,
              "http://127.0.0.1:9/2010-04-01/Accounts/AC00000000000000000000000000000001/Calls/"
              "CA00000000000000000000000000000009.json");
    EXPECT_EQ(request.body, "Status=completed");
    EXPECT_EQ(header(request, "Content-Type"), "application/x-www-form-urlencoded");
    // base64("AC00000000000000000000000000000001:token-xyz")
    EXPECT_EQ(header(request, "Authorization"),
              "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMTp0b2tlbi14eXo=");
}

TEST(TwilioCallControl, TransferSendsDialTwiml) {
    FakeHttpsClient client{{200, {}, "{}", ""}};
    const TwilioCallControl control{credentials(), client, kInline};
    const auto request = control.transfer_request("CA1", "+15550100777");
    const auto form = parse_form_body(request.body);
    ASSERT_TRUE(form);
    EXPECT_EQ(find_param(*form, "Twiml"), "<Response><Dial>+15550100777</Dial></Response>");
}

TEST(TwilioCallControl, ResultsArePostedToTheCallersExecutor) {
    FakeHttpsClient client{{404, {}, R"({"code":20404,"status":404})", ""}};
    const TwilioCallControl control{credentials(), client, kInline};
    boost::asio::io_context ioc;
    std::optional<CallControlResult> hung_up;
    std::optional<CallControlResult> transferred;
    control.hang_up("CA1", ioc.get_executor(), [&](CallControlResult r) { hung_up = r; });
    control.transfer("CA1", "+15550100777", ioc.get_executor(),
                     [&](CallControlResult r) { transferred = r; });
    EXPECT_FALSE(hung_up);  // not before the executor runs it
    ioc.run();
    ASSERT_TRUE(hung_up && transferred);
    EXPECT_TRUE(hung_up->ok);  // 20404: the call had already ended
    EXPECT_FALSE(transferred->ok);
    EXPECT_EQ(transferred->http_status, 404);
    EXPECT_EQ(client.requests().size(), 2U);
}

TEST(TwilioCallControl, FailuresAreReportedNotThrown) {
    FakeHttpsClient client{{0, {}, "", "connect timeout"}};
    const TwilioCallControl busy{credentials(), client, [](auto&&) { return false; }};
    const TwilioCallControl down{credentials(), client, kInline};
    const TwilioCallControl unconfigured{{}, client, kInline};
    boost::asio::io_context ioc;
    std::vector<CallControlResult> results;
    const auto record = [&](CallControlResult r) { results.push_back(std::move(r)); };
    busy.hang_up("CA1", ioc.get_executor(), record);
    down.hang_up("CA1", ioc.get_executor(), record);
    unconfigured.hang_up("CA1", ioc.get_executor(), record);
    ioc.run();
    ASSERT_EQ(results.size(), 3U);
    EXPECT_EQ(results[0].detail, "worker pool busy");
    EXPECT_EQ(results[1].detail, "twilio unreachable: connect timeout");
    EXPECT_EQ(results[2].detail, "twilio call control is not configured");
    for (const auto& result : results) {
        EXPECT_FALSE(result.ok);
        EXPECT_EQ(result.detail.find("token-xyz"), std::string::npos);
    }
    EXPECT_EQ(client.requests().size(), 1U);
}

}  // namespace
}  // namespace frontdesk::telephony
