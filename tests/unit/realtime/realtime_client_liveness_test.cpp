// The model leg never hangs silently: the real RealtimeClient against a peer that accepts TCP
// but never speaks TLS (the connect deadline), a fake OpenAI server that stops reading (our writes back up until the write-stall watchdog fires), one that goes silent
// (Beast's keep-alive ping goes unanswered), one that is quiet but alive (its pongs keep it), a
// close the server never answers, and a CallSession taken down its model-failure path by a stall.
#include <gtest/gtest.h>

#include "net/tls_context.hpp"
#include "realtime/realtime_client.hpp"
#include "realtime_test_support.hpp"
#include "support/fake_wss_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::realtime::test {
namespace {

using frontdesk::test::FakeWsConnection;
using frontdesk::test::FakeWssServer;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kShortLimit{300};
constexpr milliseconds kLongLimit{60000};  // a limit that must not be the one to fire
/// Generous for a busy machine, yet far below what a missing watchdog would take (forever).
constexpr milliseconds kReportedWithin{4000};

/// Opens a gate when the test leaves scope, so a script waiting on it never outlives a failure
/// by more than a moment.
struct OpenOnExit {
    Gate& gate;
    ~OpenOnExit() { gate.open(); }
};

class RealtimeClientLivenessTest : public AsyncTest {
protected:
    static std::string base_url(std::uint16_t port) {
        return "https://127.0.0.1:" + std::to_string(port) + "/v1";
    }
    static std::string base_url(const FakeWssServer& fake) { return base_url(fake.port()); }

    std::shared_ptr<RealtimeClient> make_client(std::uint16_t port, RealtimeClientLimits limits) {
        limits.queue = {8000, 1 << 20};
        return std::make_shared<RealtimeClient>(strand_, tls_,
                                                *realtime_endpoint(base_url(port), "gpt-realtime"),
                                                Secret{"sk-test"}, limits, "call_sid=test");
    }
    std::shared_ptr<RealtimeClient> make_client(const FakeWssServer& fake,
                                                RealtimeClientLimits limits) {
        return make_client(fake.port(), limits);
    }

    /// Drops the test's reference and waits until no coroutine or timer holds the client.
    void expect_released(std::shared_ptr<RealtimeClient>& client) {
        const std::weak_ptr<RealtimeClient> weak = client;
        client.reset();
        EXPECT_TRUE(run_until([&] { return weak.expired(); }, "the client to be released"));
    }

    frontdesk::test::ScopedSslCertFile trust_{frontdesk::test::test_certificates().ca_cert};
    asio::ssl::context tls_ = net::make_client_tls_context();
    RecordingListener listener_;
};

TEST_F(RealtimeClientLivenessTest, APeerThatNeverAnswersTlsFailsTheConnectAtItsDeadline) {
    // The kernel completes the TCP handshake from the backlog; nobody ever reads or writes.
    asio::ip::tcp::acceptor silent{ioc_, {asio::ip::address_v4::loopback(), 0}};
    RealtimeClientLimits limits;
    limits.connect_timeout = kShortLimit;
    limits.write_stall = kLongLimit;
    limits.idle_timeout = kLongLimit;
    auto client = make_client(silent.local_endpoint().port(), limits);
    const auto began = Clock::now();
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.ended.has_value(); }, "the connect failure"));
    const auto took = Clock::now() - began;
    EXPECT_EQ(listener_.ended, ModelEnd::kConnectFailed);
    EXPECT_GE(took, kShortLimit - milliseconds{10});
    EXPECT_LT(took, kReportedWithin);
    expect_released(client);
}

TEST_F(RealtimeClientLivenessTest, CloseWhileConnectingReportsNothingAndReleasesTheClient) {
    asio::ip::tcp::acceptor silent{ioc_, {asio::ip::address_v4::loopback(), 0}};
    RealtimeClientLimits limits;
    limits.connect_timeout = kShortLimit;
    auto client = make_client(silent.local_endpoint().port(), limits);
    client->start(listener_);
    run_ready();
    client->close();
    expect_released(client);
    EXPECT_FALSE(listener_.ended.has_value());
}

TEST_F(RealtimeClientLivenessTest, AServerThatStopsReadingIsCutAtTheWriteStallLimit) {
    Gate release;
    // Never reads: once the TCP buffers are full our next write cannot complete. It sends
    // nothing either, so the idle timeout is set far away to leave the watchdog to fire.
    FakeWssServer fake([&](FakeWsConnection&) { (void)release.wait(kTestDeadline); });
    const OpenOnExit open_on_exit{release};
    RealtimeClientLimits limits;
    limits.write_stall = kShortLimit;
    limits.idle_timeout = kLongLimit;
    auto client = make_client(fake, limits);
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.connected; }, "connected"));

    const std::vector<std::uint8_t> chunk(8000, 0x55);  // 1 s of μ-law per append
    const auto began = Clock::now();
    ASSERT_TRUE(run_until(
        [&] {
            if (!listener_.ended) client->send_audio(chunk);
            return listener_.ended.has_value();
        },
        "the write-stall report"));
    const auto took = Clock::now() - began;
    EXPECT_EQ(listener_.ended, ModelEnd::kWriteStalled);
    EXPECT_EQ(listener_.end_detail, "model write stalled for 300 ms");
    EXPECT_GE(took, kShortLimit);
    EXPECT_LT(took, kReportedWithin);
    expect_released(client);
}

TEST_F(RealtimeClientLivenessTest, AServerThatGoesSilentIsDroppedWithinTheIdleTimeout) {
    Gate release;
    // Connected, then nothing: no events and no pong for our keep-alive ping.
    FakeWssServer fake([&](FakeWsConnection&) { (void)release.wait(kTestDeadline); });
    const OpenOnExit open_on_exit{release};
    RealtimeClientLimits limits;
    limits.idle_timeout = kShortLimit;
    limits.write_stall = kLongLimit;
    auto client = make_client(fake, limits);
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.connected; }, "connected"));
    const auto connected_at = Clock::now();
    ASSERT_TRUE(run_until([&] { return listener_.ended.has_value(); }, "the idle timeout"));
    const auto took = Clock::now() - connected_at;
    EXPECT_EQ(listener_.ended, ModelEnd::kTimedOut);
    EXPECT_NE(listener_.end_detail.find("ping unanswered"), std::string::npos)
        << listener_.end_detail;
    EXPECT_GE(took, kShortLimit / 2);  // the ping goes out at half the timeout
    EXPECT_LT(took, kShortLimit + kReportedWithin);
    expect_released(client);
}

TEST_F(RealtimeClientLivenessTest, AQuietServerThatAnswersPingsStaysConnected) {
    Gate release;
    // Reading is what answers pings (Beast replies with a pong while a read is pending).
    FakeWssServer fake([&](FakeWsConnection& connection) {
        while (!release.is_open() && !connection.closed()) {
            (void)connection.read_text(milliseconds{20});
        }
    });
    const OpenOnExit open_on_exit{release};
    RealtimeClientLimits limits;
    // Longer than the other limits: a pong must come within half of it on a busy machine.
    limits.idle_timeout = 2 * kShortLimit;
    auto client = make_client(fake, limits);
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.connected; }, "connected"));
    // Three idle timeouts of silence from the server's side, pongs aside.
    const auto until = Clock::now() + 3 * limits.idle_timeout;
    run_until([&] { return listener_.ended.has_value() || Clock::now() >= until; },
              "three idle timeouts");
    EXPECT_FALSE(listener_.ended.has_value()) << listener_.end_detail;
    release.open();
    client->close();
    EXPECT_TRUE(run_until([&] { return fake.wait_for_scripts_done(milliseconds{0}); },
                          "the script to finish"));
    expect_released(client);
}

TEST_F(RealtimeClientLivenessTest, ACloseTheServerNeverAnswersIsCutAtTheCloseTimeout) {
    Gate release;
    FakeWssServer fake([&](FakeWsConnection&) { (void)release.wait(kTestDeadline); });
    const OpenOnExit open_on_exit{release};
    RealtimeClientLimits limits;
    limits.close_timeout = kShortLimit;
    limits.idle_timeout = kLongLimit;
    limits.connect_timeout = kLongLimit;  // Beast's own close-handshake bound must not fire first
    auto client = make_client(fake, limits);
    client->start(listener_);
    ASSERT_TRUE(run_until([&] { return listener_.connected; }, "connected"));
    const auto began = Clock::now();
    client->close();
    client->close();  // idempotent
    expect_released(client);
    const auto took = Clock::now() - began;
    EXPECT_GE(took, kShortLimit);  // the close frame went out; no answer came
    EXPECT_LT(took, kReportedWithin);
    EXPECT_FALSE(listener_.ended.has_value());  // close() is never reported back
}

/// A CallSession on the real client: the model stops reading mid-call while the caller talks;
/// the stall is reported and the call takes the model-failure path (apology, then transfer).
TEST_F(RealtimeClientLivenessTest, AStalledModelTakesTheCallToTheApologyAndATransfer) {
    Inbox inbox;
    Gate release;
    FakeWssServer fake([&](FakeWsConnection& connection) {
        if (!read_until(connection, inbox, "session.update")) return;
        connection.send_text(session_updated(media::kTwilioFormat).dump());
        if (!read_until(connection, inbox, "response.create")) return;
        (void)release.wait(kTestDeadline);  // stops reading
    });
    const OpenOnExit open_on_exit{release};
    ServicesFixture fx;
    RealtimeClientLimits limits;
    limits.write_stall = kShortLimit;
    limits.idle_timeout = kLongLimit;
    fx.services->connect_model = make_realtime_connector(
        tls_, *realtime_endpoint(base_url(fake), "m"), Secret{"sk-test"}, limits);
    auto leg = std::make_shared<FakeLeg>(strand_);
    auto session = CallSession::start(leg, *fx.services);
    leg->start_call(twilio_start("lakeside_club"));
    ASSERT_TRUE(run_until([&] { return !inbox.of_type("response.create").empty(); },
                          "the greeting request at the server"));

    // The caller keeps talking; each step sends a second of 20 ms frames.
    const std::vector<std::uint8_t> frame(160, 0x2A);
    const auto began = Clock::now();
    ASSERT_TRUE(run_until(
        [&] {
            if (leg->audio.empty()) {
                for (int i = 0; i < 50; ++i) leg->caller_audio(frame);
            }
            return !leg->audio.empty();
        },
        "the apology after the stall"));
    EXPECT_LT(Clock::now() - began, kReportedWithin);
    EXPECT_EQ(leg->audio.size(), fx.apology.size());  // the apology, and nothing half-said
    EXPECT_GE(fx.stats.snapshot().model_errors, 1U);
    leg->echo_marks();  // the apology played: Lakeside has a person to transfer to
    ASSERT_TRUE(run_until([&] { return session->has_ended(); }, "the transfer"));
    EXPECT_EQ(leg->transferred_to, "+13125550199");
    EXPECT_EQ(fx.recorder.ended->end_reason, "transferred");
    release.open();
    EXPECT_TRUE(run_until([&] { return fake.wait_for_scripts_done(milliseconds{0}); },
                          "the script to finish"));
}

}  // namespace
}  // namespace frontdesk::realtime::test
