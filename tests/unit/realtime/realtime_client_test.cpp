// The real RealtimeClient against the fake OpenAI Realtime server over TLS (test CA through
// SSL_CERT_FILE, verification on), alone and under a CallSession: the upgrade request, events
// both ways, barge-in end to end, a refused certificate, and OpenAI dropping mid-call.
#include "realtime/realtime_client.hpp"

#include <gtest/gtest.h>

#include "media/base64.hpp"
#include "net/tls_context.hpp"
#include "realtime_test_support.hpp"
#include "support/fake_wss_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::realtime::test {
namespace {

using frontdesk::test::FakeWsConnection;
using frontdesk::test::FakeWssServer;

class RealtimeClientTest : public AsyncTest {
protected:
    std::shared_ptr<RealtimeClient> make_client(const FakeWssServer& fake) {
        const auto base = "https://127.0.0.1:" + std::to_string(fake.port()) + "/v1";
        RealtimeClientLimits limits;
        limits.queue = {8000, 1 << 20};
        return std::make_shared<RealtimeClient>(strand_, tls_,
                                                *realtime_endpoint(base, "gpt-realtime"),
                                                Secret{"sk-test"}, limits, "call_sid=test");
    }

    frontdesk::test::ScopedSslCertFile trust_{frontdesk::test::test_certificates().ca_cert};
    asio::ssl::context tls_ = net::make_client_tls_context();
    RecordingListener listener_;
};

TEST_F(RealtimeClientTest, UpgradesWithTheKeyAndModelAndCarriesEventsBothWays) {
    Inbox inbox;
    FakeWssServer fake([&](FakeWsConnection& connection) {
        if (!read_until(connection, inbox, "session.update")) return;
        connection.send_text(session_updated(media::kTwilioFormat).dump());
        const std::vector<std::uint8_t> audio(160, 0x7F);
        connection.send_text(audio_delta("item_1", audio).dump());
        read_until(connection, inbox, "input_audio_buffer.append");
    });
    auto client = make_client(fake);
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.connected; }, "connected"));
    client->send_event(build_session_update(SessionSettings{}));
    ASSERT_TRUE(run_until([&] { return listener_.events.size() >= 2; }, "two server events"));
    EXPECT_TRUE(std::holds_alternative<SessionApplied>(listener_.events[0]));
    ASSERT_TRUE(std::holds_alternative<AudioDelta>(listener_.events[1]));
    const std::vector<std::uint8_t> frame(160, 0xFF);
    client->send_audio(frame);
    ASSERT_TRUE(run_until([&] { return !inbox.of_type("input_audio_buffer.append").empty(); },
                          "the append at the server"));
    EXPECT_EQ(media::base64_decode(
                  inbox.of_type("input_audio_buffer.append")[0]["audio"].get<std::string>()),
              frame);

    const auto upgrades = fake.upgrades();
    ASSERT_EQ(upgrades.size(), 1U);
    EXPECT_EQ(upgrades[0].target, "/v1/realtime?model=gpt-realtime");
    EXPECT_EQ(upgrades[0].header("authorization"), "Bearer sk-test");
    EXPECT_FALSE(upgrades[0].header("openai-beta").has_value());  // GA protocol
    client->close();
    client->close();  // idempotent
    // The close handshake needs this loop running while the fake answers it.
    EXPECT_TRUE(run_until([&] { return fake.wait_for_scripts_done(std::chrono::milliseconds{0}); },
                          "the script to finish"));
    EXPECT_FALSE(listener_.ended.has_value());  // nothing is reported after close()
}

TEST_F(RealtimeClientTest, AServerDropIsReportedOnce) {
    FakeWssServer fake([](FakeWsConnection& connection) {
        connection.send_text(R"({"type":"session.created","session":{}})");
        connection.drop();
    });
    auto client = make_client(fake);
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.ended.has_value(); }, "the drop"));
    EXPECT_EQ(listener_.ended, ModelEnd::kDropped);
}

TEST_F(RealtimeClientTest, AnUntrustedCertificateNeverConnects) {
    const frontdesk::test::ScopedSslCertFile wrong{
        frontdesk::test::test_certificates().other_ca_cert};
    asio::ssl::context wrong_trust = net::make_client_tls_context();
    FakeWssServer fake([](FakeWsConnection&) {});
    RealtimeClientLimits limits;
    limits.queue = {8000, 1 << 20};
    auto client = std::make_shared<RealtimeClient>(
        strand_, wrong_trust,
        *realtime_endpoint("https://127.0.0.1:" + std::to_string(fake.port()), "m"),
        Secret{"sk-test"}, limits, "call_sid=test");
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.ended.has_value(); }, "the refusal"));
    EXPECT_EQ(listener_.ended, ModelEnd::kConnectFailed);
    EXPECT_FALSE(listener_.connected);
}

/// A CallSession wired to the real client: the fake model greets, talks, is interrupted,
/// receives the truncate, then drops.
TEST_F(RealtimeClientTest, ACallBargesInThenSurvivesOpenAiDroppingWithTheApology) {
    Inbox inbox;
    Gate marks_echoed;
    FakeWssServer fake([&](FakeWsConnection& connection) {
        if (!read_until(connection, inbox, "session.update")) return;
        connection.send_text(session_updated(media::kTwilioFormat).dump());
        if (!read_until(connection, inbox, "response.create")) return;
        const std::vector<std::uint8_t> chunk(800, 0x55);  // 100 ms of μ-law
        for (int i = 0; i < 3; ++i) connection.send_text(audio_delta("item_1", chunk).dump());
        if (!marks_echoed.wait()) return;
        connection.send_text(R"({"type":"input_audio_buffer.speech_started","item_id":"in_1"})");
        if (!read_until(connection, inbox, "conversation.item.truncate")) return;
        connection.drop();
    });
    ServicesFixture fx;
    fx.services->connect_model = make_realtime_connector(
        tls_, *realtime_endpoint("https://127.0.0.1:" + std::to_string(fake.port()) + "/v1", "m"),
        Secret{"sk-test"});
    auto leg = std::make_shared<FakeLeg>(strand_);
    auto session = CallSession::start(leg, *fx.services);
    leg->start_call(twilio_start());

    ASSERT_TRUE(run_until([&] { return leg->marks.size() == 3; }, "three chunks with marks"));
    leg->echo_marks(1);  // the caller heard the first 100 ms
    marks_echoed.open();
    ASSERT_TRUE(run_until([&] { return !inbox.of_type("conversation.item.truncate").empty(); },
                          "the truncate at the server"));
    EXPECT_EQ(inbox.of_type("conversation.item.truncate")[0]["audio_end_ms"], 100);
    EXPECT_GE(leg->clears, 1U);  // the barge-in's (the apology clears too)
    EXPECT_EQ(session->record().counters.barge_ins, 1U);

    ASSERT_TRUE(run_until([&] { return leg->audio.size() == 2400 + fx.apology.size(); },
                          "the apology after the drop"));
    leg->echo_marks();
    ASSERT_TRUE(run_until([&] { return leg->closed.has_value(); }, "the leg closed"));
    EXPECT_EQ(leg->hang_ups, 1U);
    EXPECT_EQ(leg->closed, telephony::LegEnd::kLocalHangup);  // hang_up() closes the leg
    EXPECT_EQ(fx.recorder.ended->end_reason, "model_failure");
    EXPECT_TRUE(session->has_ended());
    EXPECT_TRUE(fake.wait_for_scripts_done(kScriptDeadline));
    run_ready();
}

}  // namespace
}  // namespace frontdesk::realtime::test
