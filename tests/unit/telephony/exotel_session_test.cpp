#include <gtest/gtest.h>

#include "session_harness.hpp"
#include "support/fake_exotel_caller.hpp"

namespace frontdesk::telephony::test {
namespace {

using frontdesk::test::CallerScript;
using frontdesk::test::FakeExotelCall;
using frontdesk::test::FakeExotelCaller;

TEST(ExotelSession, Pcm16AtTheRequestedRateWithChunkedReplies) {
    ExotelStreamSettings settings;
    settings.facility_lookup = [](std::string_view number) -> std::optional<std::string> {
        if (number == "+915550100999") return "race_club";
        return std::nullopt;
    };
    SessionHarness harness{{}, settings};
    FakeExotelCall call;
    call.sample_rate_hz = 16000;
    CallerScript script;
    script.frame_bytes = 640;  // 20 ms at 16 kHz
    script.fill = 0;
    script.media_frames = 5;
    FakeExotelCaller caller{harness.executor(), harness.port(), call, script};
    caller.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(harness.run_until(
        [&] { return !calls.empty() && calls[0].listener->audio_bytes >= 3200; }, "caller audio"));
    auto& listener = *calls[0].listener;
    ASSERT_TRUE(listener.started);
    EXPECT_EQ(listener.started->carrier, "exotel");
    EXPECT_EQ(listener.started->format,
              (media::AudioFormat{media::AudioEncoding::kPcm16, media::kSampleRate16k}));
    EXPECT_EQ(listener.started->facility_id, "race_club");
    EXPECT_EQ(listener.started->caller, "+915550100123");
    // The media clock counts bytes: 20 ms per 640-byte frame.
    EXPECT_EQ(listener.timestamps.back(), std::chrono::milliseconds{80});

    auto& leg = *calls[0].leg;
    leg.send_audio(std::vector<std::uint8_t>(5000, 0x01));  // 7.8 granules: one 4480-byte chunk
    leg.send_audio(std::vector<std::uint8_t>(100, 0x01));
    leg.send_mark("greeting");  // waits behind the 620 bytes held
    leg.flush_audio();          // the greeting ends: 620 bytes padded to the 3200-byte minimum
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 1; }, "mark echo"));
    const auto seen = caller.observations();
    EXPECT_EQ(seen.heard_sizes, (std::vector<std::size_t>{4480, 3200}));
    for (const auto size : seen.heard_sizes) EXPECT_EQ(size % 640, 0U);
    EXPECT_EQ(seen.heard[5099], 0x01);
    EXPECT_EQ(seen.heard[5100], 0x00);
    EXPECT_EQ(seen.mark_offsets, (std::vector<std::size_t>{7680}));

    leg.clear();
    ASSERT_TRUE(harness.run_until([&] { return caller.observations().clears == 1; }, "clear"));
    caller.send_stop();
    ASSERT_TRUE(harness.run_until([&] { return listener.ended.has_value(); }, "stop"));
    EXPECT_EQ(*listener.ended, LegEnd::kCallerHungUp);
    EXPECT_EQ(listener.end_detail, "stop: callended");
}

TEST(ExotelSession, CamelCaseVariantsAreUnderstood) {
    SessionHarness harness{{}, {}};
    FakeExotelCall call;
    call.camel_case = true;
    call.parameters = {{"facility_id", "race_club"}};
    CallerScript script;
    script.frame_bytes = 320;
    script.media_frames = 3;
    FakeExotelCaller caller{harness.executor(), harness.port(), call, script};
    caller.start();
    auto& calls = harness.calls();
    ASSERT_TRUE(harness.run_until(
        [&] { return !calls.empty() && calls[0].listener->audio_bytes >= 960; }, "audio"));
    EXPECT_EQ(calls[0].listener->started->facility_id, "race_club");
    EXPECT_EQ(calls[0].listener->started->stream_id, "MZ0000000000000000000000EX");
    calls[0].leg->transfer("+915550100777");
    ASSERT_TRUE(harness.run_until([&] { return calls[0].listener->transfer_failure.has_value(); },
                                  "exotel cannot transfer"));
    calls[0].leg->hang_up();
    ASSERT_TRUE(harness.run_until([&] { return caller.observations().closed; }, "hang-up"));
    EXPECT_EQ(caller.observations().close_code, 1000);
}

TEST(ExotelSession, BadSampleRateAndCredentialsAreRefused) {
    ExotelStreamSettings settings;
    settings.basic_auth = Secret{"key:token"};
    SessionHarness harness{{}, settings};
    FakeExotelCall bad_rate;
    bad_rate.sample_rate_hz = 44100;
    bad_rate.authorization = "Basic a2V5OnRva2Vu";  // key:token
    FakeExotelCaller first{harness.executor(), harness.port(), bad_rate, {}};
    first.start();
    FakeExotelCall bad_auth;
    bad_auth.authorization = "Basic d3Jvbmc6d3Jvbmc=";
    FakeExotelCaller second{harness.executor(), harness.port(), bad_auth, {}};
    second.start();
    ASSERT_TRUE(harness.run_until(
        [&] {
            return first.observations().handshake_failed && second.observations().handshake_failed;
        },
        "both refused"));
    EXPECT_EQ(first.observations().handshake_status, 400U);
    EXPECT_EQ(second.observations().handshake_status, 401U);
    EXPECT_TRUE(harness.calls().empty());
}

TEST(ExotelSession, SampleRateQuery) {
    EXPECT_EQ(exotel_sample_rate("/voice/exotel"), 8000);
    EXPECT_EQ(exotel_sample_rate("/voice/exotel?sample-rate=24000"), 24000);
    EXPECT_EQ(exotel_sample_rate("/voice/exotel?sample_rate=16000"), 16000);
    EXPECT_FALSE(exotel_sample_rate("/voice/exotel?sample-rate=11025"));
}

}  // namespace
}  // namespace frontdesk::telephony::test
