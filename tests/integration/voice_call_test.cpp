// End to end through the real binary: a fake Twilio caller rings, the server bridges the call to
// a fake OpenAI Realtime peer over TLS (test CA via SSL_CERT_FILE), the model books a court with
// create_quote → confirm_booking, then ends the call. The booking is in the store with the
// caller's number, and the call's transcript is in the owner API.
#include <condition_variable>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "integration/fake_model_script.hpp"
#include "integration/integration_fixture.hpp"
#include "support/fake_https_server.hpp"
#include "support/fake_twilio_caller.hpp"
#include "support/fake_wss_server.hpp"
#include "support/test_ca.hpp"
#include "telephony/twilio_signature.hpp"

namespace frontdesk::test {
namespace {

using nlohmann::json;
constexpr auto kDeadline = kModelDeadline;
constexpr const char* kCaller = "+919800000001";

/// What the fake model saw, shared with the test thread.
struct ModelLog {
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    json quote;
    json booking;
    std::string session_update_format;
};

void book_by_voice(FakeWsConnection& connection, ModelLog& log, const std::string& date) {
    const auto format = accept_session(connection);
    if (!format) return;
    if (!read_until(connection, "response.create")) return;
    say(connection, "greeting");
    call_tool(connection, "create_quote",
              {{"date", date}, {"start_time", "18:00"}, {"customer_name", "Asha"}}, "q1");
    auto quote = tool_output(connection, "q1");
    if (!quote) return;
    call_tool(connection, "confirm_booking", {{"quote_id", quote->value("quote_id", "")}}, "c1");
    auto booking = tool_output(connection, "c1");
    if (!booking) return;
    call_tool(connection, "end_call", {{"reason", "booked"}}, "e1");
    if (!tool_output(connection, "e1") || !read_until(connection, "response.create")) return;
    say(connection, "goodbye");
    std::lock_guard lock{log.mutex};
    log.session_update_format = *format;
    log.quote = *quote;
    log.booking = *booking;
    log.finished = true;
    log.done.notify_all();
}

class VoiceCallTest : public ServerTest {
protected:
    void SetUp() override {}  // the server starts once the fake model is listening

    /// Waits (bounded) until the model's script finished; false with the server log otherwise.
    ::testing::AssertionResult wait_for(ModelLog& model) {
        std::unique_lock lock{model.mutex};
        if (model.done.wait_for(lock, kDeadline, [&] { return model.finished; })) {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure()
               << "the fake model did not complete its script; server log:\n"
               << server_->log();
    }
};

TEST_F(VoiceCallTest, ACallerBooksACourtByVoiceThroughTheFakeModel) {
    const auto& certificates = test_certificates();
    const auto date = local_date_in("Asia/Kolkata", 2);
    ModelLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { book_by_voice(connection, model, date); });
    start_server(FRONTDESK_FACILITIES_DIR,
                 {{"OPENAI_API_KEY", "sk-test-key"},
                  {"OPENAI_BASE_URL", "https://127.0.0.1:" + std::to_string(openai.port()) + "/v1"},
                  {"SSL_CERT_FILE", certificates.ca_cert.string()}});

    boost::asio::io_context ioc;
    auto work = boost::asio::make_work_guard(ioc);
    FakeTwilioCall call;
    call.parameters = {{"facility_id", "pickle_x_mysore"},
                       {"caller", kCaller},
                       {"called", "+919876543210"},
                       {"call_sid", call.call_sid}};
    FakeTwilioCaller caller{ioc.get_executor(), server_->port(), call,
                            CallerScript{.media_frames = 25}};
    std::thread loop{[&ioc] { ioc.run(); }};
    caller.start();

    ASSERT_TRUE(wait_for(model));
    EXPECT_EQ(model.session_update_format, "audio/pcmu");  // μ-law passed straight through
    ASSERT_TRUE(model.booking.value("ok", false)) << model.booking;
    const auto booking_id = model.booking["booking_id"].get<std::string>();

    auto http = client();
    auto stored = http.get("/owner/bookings/" + booking_id, owner_auth());
    ASSERT_EQ(stored.status, 200) << stored.body;
    const auto booking = stored.json();
    EXPECT_EQ(booking["status"], "confirmed");
    EXPECT_EQ(booking["start_time"], "18:00");
    EXPECT_EQ(booking["customer"]["phone"], kCaller);  // caller ID pre-filled the contact
    EXPECT_EQ(booking["source"], "voice");

    // The caller heard the agent, and the call ended after the goodbye.
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (!caller.observations().closed && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
    }
    const auto heard = caller.observations();
    EXPECT_TRUE(heard.closed) << server_->log();
    EXPECT_GT(heard.media_frames_heard, 0U);
    EXPECT_FALSE(heard.marks.empty());

    work.reset();
    caller.close();
    ioc.stop();
    loop.join();

    auto calls = http.get("/owner/conversations?channel=twilio", owner_auth());
    ASSERT_EQ(calls.status, 200) << calls.body;
    const auto listed = calls.json();
    ASSERT_FALSE(listed["conversations"].empty()) << listed;
    const auto id = listed["conversations"][0]["conversation_id"].get<std::string>();
    const auto transcript = http.get("/owner/conversations/" + id, owner_auth()).json();
    int tool_entries = 0;
    for (const auto& entry : transcript["transcript"]) tool_entries += entry["speaker"] == "tool";
    EXPECT_GE(tool_entries, 2) << transcript;
}

TEST_F(VoiceCallTest, EndCallHangsUpThroughTwilioRestWithASignedStream) {
    const auto& certificates = test_certificates();
    const auto date = local_date_in("Asia/Kolkata", 3);
    const std::string token = "twilio-token";
    ModelLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { book_by_voice(connection, model, date); });
    FakeHttpsServer twilio_rest([](const FakeHttpRequest&) {
        return FakeHttpResponse::json(200, R"({"sid":"CA1","status":"completed"})");
    });
    start_server(FRONTDESK_FACILITIES_DIR,
                 {{"OPENAI_API_KEY", "sk-test-key"},
                  {"OPENAI_BASE_URL", "https://127.0.0.1:" + std::to_string(openai.port()) + "/v1"},
                  {"TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000001"},
                  {"TWILIO_AUTH_TOKEN", token},
                  {"TWILIO_API_BASE_URL", twilio_rest.url()},
                  {"FRONTDESK_PUBLIC_URL", "https://desk.example.test"},
                  {"SSL_CERT_FILE", certificates.ca_cert.string()}});

    boost::asio::io_context ioc;
    auto work = boost::asio::make_work_guard(ioc);
    FakeTwilioCall call;
    call.parameters = {{"facility_id", "pickle_x_mysore"}, {"caller", kCaller}};
    // Twilio signs the stream URL our TwiML advertised (derived from the public URL).
    call.signature = telephony::compute_twilio_signature(
        Secret{token}, "wss://desk.example.test/voice/stream", {});
    FakeTwilioCaller caller{ioc.get_executor(), server_->port(), call,
                            CallerScript{.media_frames = 10}};
    std::thread loop{[&ioc] { ioc.run(); }};
    caller.start();

    ASSERT_TRUE(wait_for(model));
    ASSERT_TRUE(twilio_rest.wait_for_requests(1, kDeadline)) << server_->log();
    const auto hang_up = twilio_rest.requests()[0];
    EXPECT_EQ(hang_up.method, "POST");
    EXPECT_EQ(hang_up.path, "/2010-04-01/Accounts/AC00000000000000000000000000000001/Calls/" +
                                call.call_sid + ".json");
    EXPECT_EQ(hang_up.form_param("Status"), "completed");
    EXPECT_TRUE(hang_up.header("authorization").has_value());

    work.reset();
    caller.close();
    ioc.stop();
    loop.join();
    EXPECT_EQ(server_->log().find(token), std::string::npos) << "the auth token reached the log";
}

TEST_F(VoiceCallTest, AForgedStreamSignatureIsRefused) {
    start_server(FRONTDESK_FACILITIES_DIR, {{"TWILIO_AUTH_TOKEN", "twilio-token"}});
    boost::asio::io_context ioc;
    FakeTwilioCall call;
    call.parameters = {{"facility_id", "pickle_x_mysore"}};
    call.signature = "forged";
    FakeTwilioCaller caller{ioc.get_executor(), server_->port(), call, CallerScript{}};
    caller.start();
    const auto until = std::chrono::steady_clock::now() + kDeadline;
    while (!caller.observations().handshake_failed && std::chrono::steady_clock::now() < until) {
        ioc.run_one_for(std::chrono::milliseconds{100});  // returns as soon as a handler ran
    }
    EXPECT_TRUE(caller.observations().handshake_failed);
    EXPECT_EQ(caller.observations().handshake_status, 403U);
}

}  // namespace
}  // namespace frontdesk::test
