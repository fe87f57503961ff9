#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "session_harness.hpp"
#include "support/fake_twilio_caller.hpp"
#include "telephony/stream_token.hpp"
#include "telephony/twilio_signature.hpp"

namespace frontdesk::telephony::test {
namespace {

using frontdesk::test::CallerScript;
using frontdesk::test::FakeTwilioCall;
using frontdesk::test::FakeTwilioCaller;

constexpr int kCloseNormal = 1000;
constexpr int kClosePolicy = 1008;

FakeTwilioCall twilio_call(int n = 1) {
    FakeTwilioCall call;
    call.call_sid = "CA0000000000000000000000000000000" + std::to_string(n);
    call.stream_sid = "MZ0000000000000000000000000000000" + std::to_string(n);
    call.parameters = {
        {"facility_id", "race_club"}, {"caller", "+15550100123"}, {"called", "+15550100999"}};
    return call;
}

CallerScript paced(std::size_t frames) {
    CallerScript script;
    script.media_frames = frames;
    return script;
}

TEST(TwilioSession, BridgesAudioMarksDtmfAndStop) {
    SessionHarness harness{{}, {}};
    FakeTwilioCaller caller{harness.executor(), harness.port(), twilio_call(), paced(10)};
    caller.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(
        harness.run_until([&] { return !calls.empty() && calls[0].listener->audio_bytes >= 1600; },
                          "10 frames of caller audio"));
    auto& listener = *calls[0].listener;
    ASSERT_TRUE(listener.started);
    EXPECT_EQ(listener.started->carrier, "twilio");
    EXPECT_EQ(listener.started->call_id, "CA00000000000000000000000000000001");
    EXPECT_EQ(listener.started->facility_id, "race_club");
    EXPECT_EQ(listener.started->caller, "+15550100123");
    EXPECT_EQ(listener.started->format, media::kTwilioFormat);
    EXPECT_EQ(listener.timestamps.back(), std::chrono::milliseconds{180});

    auto& leg = *calls[0].leg;
    leg.send_audio(std::vector<std::uint8_t>(800, 0x55));
    leg.send_mark("reply-1");
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 1; }, "mark echo"));
    EXPECT_EQ(listener.marks[0], "reply-1");
    const auto heard = caller.observations();
    EXPECT_EQ(heard.heard, std::vector<std::uint8_t>(800, 0x55));
    EXPECT_EQ(heard.events, (std::vector<std::string>{"media", "mark"}));

    leg.send_audio(std::vector<std::uint8_t>(160, 0x11));
    leg.clear();
    caller.send_dtmf('7');
    ASSERT_TRUE(harness.run_until([&] { return caller.observations().clears == 1; }, "clear"));
    ASSERT_TRUE(harness.run_until([&] { return listener.digits == "7"; }, "dtmf"));

    caller.send_stop();
    ASSERT_TRUE(harness.run_until([&] { return listener.ended.has_value(); }, "leg end"));
    EXPECT_EQ(*listener.ended, LegEnd::kCallerHungUp);
    ASSERT_TRUE(harness.run_until([&] { return caller.observations().closed; }, "socket close"));
    EXPECT_EQ(caller.observations().close_code, kCloseNormal);
    EXPECT_EQ(listener.end_calls, 1);
}

TEST(TwilioSession, MalformedFrameClosesOnlyThatCall) {
    SessionHarness harness{{}, {}};
    FakeTwilioCaller bad{harness.executor(), harness.port(), twilio_call(1), paced(0)};
    FakeTwilioCaller good{harness.executor(), harness.port(), twilio_call(2), paced(50)};
    bad.start();
    good.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(harness.run_until(
        [&] {
            return calls.size() == 2 && calls[0].listener->started && calls[1].listener->started;
        },
        "both calls started"));
    bad.send_text(R"({"event":"media","streamSid":)");
    ASSERT_TRUE(harness.run_until([&] { return bad.observations().closed; }, "bad call closed"));
    const auto seen = bad.observations();
    EXPECT_EQ(seen.close_code, kClosePolicy);
    EXPECT_NE(seen.close_reason.find("malformed"), std::string::npos) << seen.close_reason;

    auto* bad_listener = calls[0].listener->started->call_id == "CA00000000000000000000000000000001"
                             ? calls[0].listener.get()
                             : calls[1].listener.get();
    auto* good_listener =
        bad_listener == calls[0].listener.get() ? calls[1].listener.get() : calls[0].listener.get();
    ASSERT_TRUE(harness.run_until([&] { return bad_listener->ended.has_value(); }, "bad end"));
    EXPECT_EQ(*bad_listener->ended, LegEnd::kProtocolError);
    const auto before = good_listener->audio_bytes;
    ASSERT_TRUE(harness.run_until([&] { return good_listener->audio_bytes >= before + 1600; },
                                  "the other call keeps streaming"));
    EXPECT_FALSE(good_listener->ended);
    EXPECT_FALSE(good.observations().closed);
}

TEST(TwilioSession, ABadFieldIsDroppedUntilARunOfThemEndsTheCall) {
    TwilioStreamSettings settings;
    settings.limits.max_consecutive_bad_events = 2;
    SessionHarness harness{settings, {}};
    CallerScript script;
    FakeTwilioCaller caller{harness.executor(), harness.port(), twilio_call(), script};
    caller.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(
        harness.run_until([&] { return !calls.empty() && calls[0].listener->started; }, "start"));
    const std::string bad_media = R"({"event":"media","media":{"payload":"%%%%"}})";
    caller.send_text(bad_media);
    caller.send_text(bad_media);
    caller.send_dtmf('1');  // a good event resets the run
    caller.send_text(bad_media);
    caller.send_text(bad_media);
    ASSERT_TRUE(harness.run_until([&] { return calls[0].listener->digits == "1"; }, "dtmf"));
    EXPECT_FALSE(calls[0].listener->ended);
    caller.send_text(bad_media);
    ASSERT_TRUE(harness.run_until([&] { return calls[0].listener->ended.has_value(); }, "end"));
    EXPECT_EQ(*calls[0].listener->ended, LegEnd::kProtocolError);
    EXPECT_EQ(calls[0].leg->counters().bad_events, 5U);
}

/// A harness whose Twilio legs check signatures and stream tokens, as with TWILIO_AUTH_TOKEN.
class SignedTwilioSession : public ::testing::Test {
protected:
    SignedTwilioSession() {
        harness_.twilio().stream_url =
            "ws://127.0.0.1:" + std::to_string(harness_.port()) + "/voice/stream";
    }

    [[nodiscard]] static TwilioStreamSettings settings(StreamTokens& tokens) {
        TwilioStreamSettings s;
        s.auth_token = kAuthToken;
        s.stream_tokens = &tokens;
        return s;
    }

    /// Call `n` as Twilio places it after our webhook: upgrade signed, the webhook's token in
    /// its parameters.
    [[nodiscard]] FakeTwilioCall signed_call(int n) {
        auto call = twilio_call(n);
        call.signature = compute_twilio_signature(kAuthToken, harness_.twilio().stream_url, {});
        call.parameters[std::string{kParamStreamToken}] =
            tokens_.issue({call.call_sid, call.parameters["facility_id"], call.parameters["caller"],
                           call.parameters["called"]});
        return call;
    }

    /// Runs `call` and waits until the server closed it; the close code and reason.
    std::pair<int, std::string> refused(const FakeTwilioCall& call) {
        FakeTwilioCaller caller{harness_.executor(), harness_.port(), call, paced(0)};
        caller.start();
        EXPECT_TRUE(harness_.run_until([&] { return caller.observations().closed; }, "refusal"));
        const auto seen = caller.observations();
        EXPECT_FALSE(seen.handshake_failed) << "refused at the upgrade, not at start";
        return {seen.close_code, seen.close_reason};
    }

    /// The leg at `index` (upgrade order) ended as a protocol error without ever starting.
    void expect_ended_unstarted(std::size_t index) {
        auto& calls = harness_.calls();
        ASSERT_GT(calls.size(), index);
        auto& listener = *calls[index].listener;
        ASSERT_TRUE(harness_.run_until([&] { return listener.ended.has_value(); }, "leg end"));
        EXPECT_EQ(*listener.ended, LegEnd::kProtocolError);
        EXPECT_FALSE(listener.started) << "a refused stream must never reach the bridge";
    }

    static inline const Secret kAuthToken{"12345"};
    ManualClock clock_{Instant{std::chrono::seconds{1'700'000'000}}};
    StreamTokens tokens_{kAuthToken, clock_};
    SessionHarness harness_{settings(tokens_), {}};
};

TEST_F(SignedTwilioSession, UpgradeSignatureIsChecked) {
    auto forged = signed_call(1);
    forged.signature = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    FakeTwilioCaller intruder{harness_.executor(), harness_.port(), forged, paced(0)};
    intruder.start();
    ASSERT_TRUE(harness_.run_until([&] { return intruder.observations().handshake_failed; },
                                   "403 for a forged signature"));
    EXPECT_EQ(intruder.observations().handshake_status, 403U);

    FakeTwilioCaller caller{harness_.executor(), harness_.port(), signed_call(2), paced(0)};
    caller.start();
    ASSERT_TRUE(harness_.run_until(
        [&] { return !harness_.calls().empty() && harness_.calls()[0].listener->started; },
        "signed call starts"));
    EXPECT_EQ(harness_.calls().size(), 1U);
    EXPECT_EQ(harness_.calls()[0].listener->started->call_id, "CA00000000000000000000000000000002");
    EXPECT_FALSE(caller.observations().closed);
}

TEST_F(SignedTwilioSession, AStartWithoutATokenIsRefused) {
    auto call = signed_call(1);
    call.parameters.erase(std::string{kParamStreamToken});
    EXPECT_EQ(refused(call), std::make_pair(kClosePolicy, std::string{"stream token missing"}));
    expect_ended_unstarted(0);
}

TEST_F(SignedTwilioSession, AMalformedTokenIsRefused) {
    auto call = signed_call(1);
    call.parameters[std::string{kParamStreamToken}] = "v1.not-a-token";
    EXPECT_EQ(refused(call), std::make_pair(kClosePolicy, std::string{"stream token malformed"}));
    expect_ended_unstarted(0);
}

TEST_F(SignedTwilioSession, TamperedParametersAreRefused) {
    auto other_facility = signed_call(1);
    other_facility.parameters["facility_id"] = "other_club";
    EXPECT_EQ(refused(other_facility),
              std::make_pair(kClosePolicy, std::string{"stream token does not match the call"}));
    expect_ended_unstarted(0);

    auto spoofed_caller = signed_call(1);
    spoofed_caller.parameters["caller"] = "+15550100555";
    EXPECT_EQ(refused(spoofed_caller).second, "stream token does not match the call");

    // The token is bound to Twilio's callSid in the start, not to the call_sid parameter.
    auto other_call = signed_call(1);
    other_call.call_sid = "CA00000000000000000000000000000009";
    EXPECT_EQ(refused(other_call).second, "stream token does not match the call");
    EXPECT_EQ(tokens_.remembered(), 0U);
}

TEST_F(SignedTwilioSession, AReplayedTokenIsRefusedAndTheFirstCallCarriesOn) {
    const auto call = signed_call(1);
    FakeTwilioCaller first{harness_.executor(), harness_.port(), call, paced(500)};
    first.start();
    auto& calls = harness_.calls();
    ASSERT_TRUE(harness_.run_until([&] { return !calls.empty() && calls[0].listener->started; },
                                   "the genuine call starts"));

    auto replay = call;
    replay.stream_sid = "MZ00000000000000000000000000000009";
    EXPECT_EQ(refused(replay),
              std::make_pair(kClosePolicy, std::string{"stream token already used"}));
    expect_ended_unstarted(1);

    const auto before = calls[0].listener->audio_bytes;
    ASSERT_TRUE(harness_.run_until([&] { return calls[0].listener->audio_bytes > before; },
                                   "the genuine call keeps streaming"));
    EXPECT_FALSE(calls[0].listener->ended);
    EXPECT_FALSE(first.observations().closed);
}

TEST_F(SignedTwilioSession, AnExpiredTokenIsRefused) {
    const auto call = signed_call(1);
    clock_.advance(StreamTokenLimits{}.lifetime);
    EXPECT_EQ(refused(call), std::make_pair(kClosePolicy, std::string{"stream token expired"}));
    expect_ended_unstarted(0);
}

TEST(TwilioSession, AnAuthTokenWithoutStreamTokensRefusesEveryStream) {
    TwilioStreamSettings settings;
    settings.auth_token = Secret{"12345"};
    SessionHarness harness{settings, {}};
    harness.twilio().stream_url =
        "ws://127.0.0.1:" + std::to_string(harness.port()) + "/voice/stream";
    auto call = twilio_call(1);
    call.signature = compute_twilio_signature(Secret{"12345"}, harness.twilio().stream_url, {});
    FakeTwilioCaller caller{harness.executor(), harness.port(), call, paced(0)};
    caller.start();
    ASSERT_TRUE(harness.run_until([&] { return caller.observations().closed; }, "refusal"));
    EXPECT_EQ(caller.observations().close_code, kClosePolicy);
    EXPECT_EQ(caller.observations().close_reason, "stream tokens are not configured");
}

TEST(TwilioSession, StuckCallerEndsWithSlowConsumer) {
    TwilioStreamSettings settings;
    settings.limits.outbound_audio_budget = std::chrono::milliseconds{500};
    settings.limits.write_stall = std::chrono::seconds{30};  // the queue limit must trip first
    SessionHarness harness{settings, {}};
    FakeTwilioCaller caller{harness.executor(), harness.port(), twilio_call(), paced(0)};
    caller.set_receive_buffer(4096);
    caller.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(
        harness.run_until([&] { return !calls.empty() && calls[0].listener->started; }, "start"));
    caller.stop_reading();
    // The model keeps talking (a second of audio per step) to a carrier that stopped reading.
    const std::vector<std::uint8_t> second(8000, 0x2A);
    ASSERT_TRUE(harness.run_until(
        [&] {
            if (!calls[0].listener->ended) calls[0].leg->send_audio(second);
            return calls[0].listener->ended.has_value();
        },
        "slow consumer"));
    EXPECT_EQ(*calls[0].listener->ended, LegEnd::kSlowConsumer);
}

TEST(TwilioSession, WriteWatchdogEndsAStalledWrite) {
    TwilioStreamSettings settings;
    settings.limits.outbound_audio_budget = std::chrono::seconds{600};
    settings.limits.write_stall = std::chrono::milliseconds{300};
    SessionHarness harness{settings, {}};
    FakeTwilioCaller caller{harness.executor(), harness.port(), twilio_call(), paced(0)};
    caller.set_receive_buffer(4096);
    caller.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(
        harness.run_until([&] { return !calls.empty() && calls[0].listener->started; }, "start"));
    caller.stop_reading();
    const std::vector<std::uint8_t> second(8000, 0x2A);
    for (int i = 0; i < 400; ++i) calls[0].leg->send_audio(second);
    ASSERT_TRUE(
        harness.run_until([&] { return calls[0].listener->ended.has_value(); }, "watchdog"));
    EXPECT_EQ(*calls[0].listener->ended, LegEnd::kSlowConsumer);
    EXPECT_EQ(calls[0].listener->end_detail, "write stalled");
}

TEST(TwilioSession, HangUpClosesNormallyAndTransferWithoutControlFails) {
    SessionHarness harness{{}, {}};
    FakeTwilioCaller caller{harness.executor(), harness.port(), twilio_call(), paced(0)};
    caller.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(
        harness.run_until([&] { return !calls.empty() && calls[0].listener->started; }, "start"));
    calls[0].leg->transfer("+15550100777");
    ASSERT_TRUE(harness.run_until([&] { return calls[0].listener->transfer_failure.has_value(); },
                                  "transfer failure"));
    calls[0].leg->hang_up();
    calls[0].leg->hang_up();  // idempotent
    ASSERT_TRUE(harness.run_until([&] { return caller.observations().closed; }, "close"));
    EXPECT_EQ(caller.observations().close_code, kCloseNormal);
    EXPECT_FALSE(calls[0].listener->ended);  // close()/hang_up() do not call back
}

}  // namespace
}  // namespace frontdesk::telephony::test
