// End to end through the real binary: a fake Twilio caller rings, the server bridges the call to
// a fake OpenAI Realtime peer over TLS (test CA via SSL_CERT_FILE), the model books a court with
// create_quote → confirm_booking, then ends the call. The booking is in the store with the
// caller's number, and the call's transcript is in the owner API. With TWILIO_AUTH_TOKEN set the
// caller does what Twilio does: a signed webhook first, then the stream its TwiML names, with
// exactly its parameters (stream token included).
#include <condition_variable>
#include <functional>
#include <map>
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
#include "support/twilio_webhook_call.hpp"

namespace frontdesk::test {
namespace {

using nlohmann::json;
constexpr auto kDeadline = kModelDeadline;
constexpr const char* kCaller = "+919800000001";
constexpr const char* kAuthToken = "twilio-token";
constexpr const char* kPublicUrl = "https://desk.example.test";
constexpr const char* kAccountSid = "AC00000000000000000000000000000001";
constexpr int kCloseNormal = 1000;
constexpr int kClosePolicy = 1008;

/// What the fake model saw, shared with the test thread.
struct ModelLog {
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    json booking;
    json transfer;
    std::string session_update_format;
};

void finish(ModelLog& log) {
    std::lock_guard lock{log.mutex};
    log.finished = true;
    log.done.notify_all();
}

/// Twilio as configured in production: signatures and stream tokens on, REST at `rest`.
std::map<std::string, std::string> twilio_env(const FakeHttpsServer& rest) {
    return {{"TWILIO_ACCOUNT_SID", kAccountSid},
            {"TWILIO_AUTH_TOKEN", kAuthToken},
            {"TWILIO_API_BASE_URL", rest.url()},
            {"FRONTDESK_PUBLIC_URL", kPublicUrl}};
}

FakeHttpResponse twilio_call_updated(const FakeHttpRequest&) {
    return FakeHttpResponse::json(200, R"({"sid":"CA1","status":"in-progress"})");
}

/// Runs `ioc` on the test thread until `done()` holds or the deadline passes; the final done().
/// `ioc` must hold a work guard, so each step waits for the next handler instead of spinning.
bool run_until(boost::asio::io_context& ioc, const std::function<bool()>& done) {
    const auto until = std::chrono::steady_clock::now() + kDeadline;
    while (!done() && std::chrono::steady_clock::now() < until) {
        ioc.run_one_for(std::chrono::milliseconds{50});
    }
    return done();
}

void book_by_voice(FakeWsConnection& connection, ModelLog& log, const std::string& date) {
    const auto format = accept_session(connection);
    if (!format) return;
    if (!read_until(connection, "response.create")) return;
    say(connection, "greeting");
    auto booking = book_court(connection, date, "Asha");
    if (!booking || !end_call(connection)) return;
    say(connection, "goodbye");
    {
        std::lock_guard lock{log.mutex};
        log.session_update_format = *format;
        log.booking = *booking;
    }
    finish(log);
}

/// The caller asks for a person: the model calls transfer_call, says it is connecting them and
/// stays connected until the server ends the session (as the real API would).
void transfer_by_voice(FakeWsConnection& connection, ModelLog& log) {
    if (!accept_session(connection) || !read_until(connection, "response.create")) return;
    say(connection, "greeting");
    call_tool(connection, "transfer_call", {{"reason", "asked for the front desk"}}, "t1");
    auto transfer = tool_output(connection, "t1");
    if (!transfer || !read_until(connection, "response.create")) return;
    // As the real API does, announce the response first: the server marks the end of the
    // goodbye it names, and transfers once the caller has heard it.
    connection.send_text(
        json{{"type", "response.created"}, {"response", {{"id", "connecting"}}}}.dump());
    say(connection, "connecting");
    {
        std::lock_guard lock{log.mutex};
        log.transfer = *transfer;
    }
    finish(log);
    (void)read_until(connection, "never.sent");  // returns once the server closed the session
}

/// Greets, then holds the session open until the server closes it.
void greet_and_listen(FakeWsConnection& connection, ModelLog& log) {
    if (!accept_session(connection) || !read_until(connection, "response.create")) return;
    say(connection, "greeting");
    finish(log);
    (void)read_until(connection, "never.sent");
}

class VoiceCallTest : public ModelServerTest {
protected:
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
    const auto date = local_date_in("Asia/Kolkata", 2);
    ModelLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { book_by_voice(connection, model, date); });
    start_server_with_model(openai.port());

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
    const auto date = local_date_in("Asia/Kolkata", 3);
    ModelLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { book_by_voice(connection, model, date); });
    FakeHttpsServer twilio_rest([](const FakeHttpRequest&) {
        return FakeHttpResponse::json(200, R"({"sid":"CA1","status":"completed"})");
    });
    start_server_with_model(openai.port(), twilio_env(twilio_rest));

    // Twilio asks the signed webhook what to do, then opens the stream the TwiML names.
    auto http = client();
    const auto answer =
        ring_voice_webhook(http, {kPublicUrl, kAuthToken, kAccountSid,
                                  "CA0123456789abcdef0123456789abcdef", kCaller, "+919876543210"});
    ASSERT_EQ(answer.status, 200) << answer.twiml;
    ASSERT_TRUE(answer.call) << answer.twiml;
    EXPECT_EQ(answer.stream_url, "wss://desk.example.test/voice/stream");
    EXPECT_EQ(answer.parameters.at("facility_id"), "pickle_x_mysore");
    EXPECT_EQ(answer.parameters.at("caller"), kCaller);
    ASSERT_TRUE(answer.parameters.contains("stream_token")) << answer.twiml;
    const auto& call = *answer.call;

    boost::asio::io_context ioc;
    auto work = boost::asio::make_work_guard(ioc);
    FakeTwilioCaller caller{ioc.get_executor(), server_->port(), call,
                            CallerScript{.media_frames = 10}};
    std::thread loop{[&ioc] { ioc.run(); }};
    caller.start();

    ASSERT_TRUE(wait_for(model));
    ASSERT_TRUE(twilio_rest.wait_for_requests(1, kDeadline)) << server_->log();
    const auto hang_up = twilio_rest.requests()[0];
    EXPECT_EQ(hang_up.method, "POST");
    EXPECT_EQ(hang_up.path, std::string{"/2010-04-01/Accounts/"} + kAccountSid + "/Calls/" +
                                call.call_sid + ".json");
    EXPECT_EQ(hang_up.form_param("Status"), "completed");
    EXPECT_TRUE(hang_up.header("authorization").has_value());
    ASSERT_TRUE(model.booking.value("ok", false)) << model.booking;

    work.reset();
    caller.close();
    ioc.stop();
    loop.join();
    const auto log = server_->log();
    EXPECT_EQ(log.find(kAuthToken), std::string::npos) << "the auth token reached the log";
    EXPECT_EQ(log.find(answer.parameters.at("stream_token")), std::string::npos)
        << "the stream token reached the log";
}

TEST_F(VoiceCallTest, TransferCallRedirectsTheLiveCallToTheFacilityNumber) {
    ModelLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { transfer_by_voice(connection, model); });
    FakeHttpsServer twilio_rest(twilio_call_updated);
    start_server_with_model(openai.port(), twilio_env(twilio_rest));

    auto http = client();
    const std::string call_sid = "CA00000000000000000000000000000042";
    const auto answer = ring_voice_webhook(
        http, {kPublicUrl, kAuthToken, kAccountSid, call_sid, "+13125550142", "+13125550100"});
    ASSERT_TRUE(answer.call) << answer.twiml;
    EXPECT_EQ(answer.parameters.at("facility_id"), "lakeside_club");

    boost::asio::io_context ioc;
    auto work = boost::asio::make_work_guard(ioc);
    FakeTwilioCaller caller{ioc.get_executor(), server_->port(), *answer.call,
                            CallerScript{.media_frames = 25}};
    caller.start();
    // The transfer ends our leg: Twilio runs the new TwiML and closes the stream's socket.
    ASSERT_TRUE(run_until(ioc, [&] { return caller.observations().closed; })) << server_->log();
    ASSERT_TRUE(wait_for(model));
    EXPECT_EQ(model.transfer.value("ok", false), true) << model.transfer;
    const auto heard = caller.observations();
    EXPECT_EQ(heard.close_code, kCloseNormal) << heard.close_reason;
    EXPECT_GT(heard.media_frames_heard, 0U);

    ASSERT_EQ(twilio_rest.request_count(), 1U) << server_->log();
    const auto redirect = twilio_rest.requests()[0];
    EXPECT_EQ(redirect.method, "POST");
    EXPECT_EQ(redirect.path,
              std::string{"/2010-04-01/Accounts/"} + kAccountSid + "/Calls/" + call_sid + ".json");
    const auto twiml = redirect.form_param("Twiml").value_or("");
    EXPECT_NE(twiml.find("<Dial>+13125550199</Dial>"), std::string::npos) << twiml;
    EXPECT_FALSE(redirect.form_param("Status")) << "a transfer must not hang the call up";
    EXPECT_TRUE(redirect.header("authorization").has_value());

    // The call is over and counted as completed, not failed.
    json status;
    ASSERT_TRUE(run_until(ioc, [&] {
        status = http.get("/voice/status").json();
        return status.value("active_calls", -1) == 0;
    })) << status;
    EXPECT_EQ(status.value("total_calls", -1), 1) << status;
    EXPECT_EQ(status.value("completed_calls", -1), 1) << status;
    EXPECT_EQ(status.value("failed_calls", -1), 0) << status;
    EXPECT_GE(status.value("tool_calls", -1), 1) << status;
    // Settled: nothing (no hang-up) followed the transfer.
    EXPECT_EQ(twilio_rest.request_count(), 1U);

    work.reset();
    ioc.run_for(std::chrono::milliseconds{100});
}

TEST_F(VoiceCallTest, AReplayedOrTamperedStreamIsRefusedAtStart) {
    ModelLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { greet_and_listen(connection, model); });
    FakeHttpsServer twilio_rest(twilio_call_updated);
    start_server_with_model(openai.port(), twilio_env(twilio_rest));

    auto http = client();
    const auto answer =
        ring_voice_webhook(http, {kPublicUrl, kAuthToken, kAccountSid,
                                  "CA00000000000000000000000000000051", kCaller, "+919876543210"});
    ASSERT_TRUE(answer.call) << answer.twiml;
    boost::asio::io_context ioc;
    auto work = boost::asio::make_work_guard(ioc);
    FakeTwilioCaller genuine{ioc.get_executor(), server_->port(), *answer.call,
                             CallerScript{.media_frames = 1000}};
    genuine.start();
    ASSERT_TRUE(run_until(ioc, [&] { return genuine.observations().media_frames_heard > 0; }))
        << server_->log();

    // Someone who captured the upgrade and the start replays both on a second connection.
    auto replay = *answer.call;
    replay.stream_sid = "MZ00000000000000000000000000000099";
    FakeTwilioCaller replayer{ioc.get_executor(), server_->port(), replay, CallerScript{}};
    replayer.start();
    ASSERT_TRUE(run_until(ioc, [&] { return replayer.observations().closed; })) << server_->log();
    const auto replayed = replayer.observations();
    EXPECT_TRUE(replayed.handshake_done) << "the upgrade signature is valid; the token stops it";
    EXPECT_EQ(replayed.close_code, kClosePolicy);
    EXPECT_EQ(replayed.close_reason, "stream token already used");

    // A fresh call's genuine token, with the parameters pointed at another facility.
    const auto second =
        ring_voice_webhook(http, {kPublicUrl, kAuthToken, kAccountSid,
                                  "CA00000000000000000000000000000052", kCaller, "+919876543210"});
    ASSERT_TRUE(second.call) << second.twiml;
    auto tampered = *second.call;
    tampered.parameters["facility_id"] = "bishops_tempe";
    FakeTwilioCaller forger{ioc.get_executor(), server_->port(), tampered, CallerScript{}};
    forger.start();
    ASSERT_TRUE(run_until(ioc, [&] { return forger.observations().closed; })) << server_->log();
    const auto forged = forger.observations();
    EXPECT_TRUE(forged.handshake_done);
    EXPECT_EQ(forged.close_code, kClosePolicy);
    EXPECT_EQ(forged.close_reason, "stream token does not match the call");

    // Neither refused stream got a model session or counted as a call; the genuine one goes on.
    EXPECT_EQ(openai.upgrades().size(), 1U);
    EXPECT_EQ(http.get("/voice/status").json().value("total_calls", -1), 1);
    EXPECT_FALSE(genuine.observations().closed);
    const auto log = server_->log();
    EXPECT_NE(log.find("stream token already used"), std::string::npos) << log;
    EXPECT_EQ(log.find(answer.parameters.at("stream_token")), std::string::npos);
    EXPECT_EQ(log.find(kAuthToken), std::string::npos);

    genuine.close();
    ASSERT_TRUE(run_until(ioc, [&] { return genuine.observations().closed; }));
    work.reset();
    ioc.run_for(std::chrono::milliseconds{100});
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
