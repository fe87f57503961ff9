// Agent audio and marks to an Exotel caller over loopback: marks never pad a chunk, the held
// tail goes out padded only when the audio pauses (flush_audio, or the backstop), and a clear
// drops it.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include "session_harness.hpp"
#include "support/fake_exotel_caller.hpp"

namespace frontdesk::telephony::test {
namespace {

using frontdesk::test::CallerScript;
using frontdesk::test::FakeExotelCall;
using frontdesk::test::FakeExotelCaller;
using Bytes = std::vector<std::uint8_t>;
using Names = std::vector<std::string>;

// Long enough never to fire in a test that does not wait for it.
constexpr std::chrono::milliseconds kNoBackstop{60'000};

ExotelStreamSettings with_backstop(std::chrono::milliseconds after) {
    ExotelStreamSettings settings;
    settings.limits.held_audio_flush = after;
    return settings;
}

/// One Exotel call at `rate_hz` whose caller only listens (20 ms frames, none sent), against a
/// session whose held-audio backstop fires after `backstop`: what every test here starts with.
struct ListeningCall {
    ListeningCall(int rate_hz, std::chrono::milliseconds backstop)
        : harness{{}, with_backstop(backstop)},
          caller{harness.executor(), harness.port(), call_at(rate_hz), listening_script(rate_hz)} {
        caller.start();
    }

    /// Runs the loop until the session has the call; false (a test failure) at the deadline.
    [[nodiscard]] bool started() {
        auto& calls = harness.calls();
        return harness.run_until([&] { return !calls.empty() && calls[0].listener->started; },
                                 "the call to start");
    }
    [[nodiscard]] MediaStreamSession& leg() { return *harness.calls()[0].leg; }
    [[nodiscard]] RecordingListener& listener() { return *harness.calls()[0].listener; }

    SessionHarness harness;
    FakeExotelCaller caller;

private:
    static FakeExotelCall call_at(int rate_hz) {
        FakeExotelCall call;
        call.sample_rate_hz = rate_hz;
        return call;
    }
    static CallerScript listening_script(int rate_hz) {
        constexpr int kFramesPerSecond = 50;  // 20 ms
        constexpr int kBytesPerSample = 2;    // PCM16
        CallerScript script;
        script.frame_bytes = static_cast<std::size_t>(rate_hz / kFramesPerSecond * kBytesPerSample);
        script.media_frames = 0;
        return script;
    }
};

Bytes bytes(std::size_t size, std::uint8_t value) { return Bytes(size, value); }

TEST(ExotelPlayback, ShortDeltasArriveContiguouslyWithEachMarkAfterItsAudio) {
    ListeningCall call{8000, kNoBackstop};
    ASSERT_TRUE(call.started());
    auto& leg = call.leg();
    auto& listener = call.listener();

    // Seven deltas of 1000 bytes (no whole granules, no whole chunks), a mark after each.
    Bytes sent;
    for (int i = 1; i <= 7; ++i) {
        const auto delta = bytes(1000, static_cast<std::uint8_t>(i));
        sent.insert(sent.end(), delta.begin(), delta.end());
        leg.send_audio(delta);
        leg.send_mark("m" + std::to_string(i));
    }
    ASSERT_TRUE(call.harness.run_until([&] { return listener.marks.size() == 3; }, "m1..m3"));
    auto seen = call.caller.observations();
    // Twelve granules went once 4000 bytes were held; nothing is padded while more may come.
    EXPECT_EQ(seen.heard_sizes, (std::vector<std::size_t>{3840}));
    EXPECT_EQ(listener.marks, (Names{"m1", "m2", "m3"}));

    leg.flush_audio();  // the reply ends
    ASSERT_TRUE(call.harness.run_until([&] { return listener.marks.size() == 7; }, "m4..m7"));
    seen = call.caller.observations();
    EXPECT_EQ(seen.heard_sizes, (std::vector<std::size_t>{3840, 3200}));
    ASSERT_EQ(seen.heard.size(), 7040U);
    EXPECT_EQ(Bytes(seen.heard.begin(), seen.heard.begin() + 7000), sent) << "audio altered";
    EXPECT_EQ(Bytes(seen.heard.begin() + 7000, seen.heard.end()), bytes(40, 0));
    // Each mark reached the caller after its audio, and came back in order.
    EXPECT_EQ(seen.mark_offsets,
              (std::vector<std::size_t>{3840, 3840, 3840, 7040, 7040, 7040, 7040}));
    EXPECT_EQ(listener.marks, (Names{"m1", "m2", "m3", "m4", "m5", "m6", "m7"}));
    EXPECT_EQ(leg.counters().held_audio_flushes, 0U);
}

TEST(ExotelPlayback, FlushingPadsOnlyTheLastChunkOfEachReply) {
    ListeningCall call{16000, kNoBackstop};
    ASSERT_TRUE(call.started());
    auto& leg = call.leg();
    auto& listener = call.listener();

    for (int i = 0; i < 3; ++i) {
        leg.send_audio(bytes(1500, 1));
        leg.send_mark("first-" + std::to_string(i));
    }
    leg.flush_audio();
    leg.send_audio(bytes(3200, 2));  // exactly one chunk: nothing to pad
    leg.send_mark("second");
    leg.flush_audio();
    ASSERT_TRUE(call.harness.run_until([&] { return listener.marks.size() == 4; }, "all marks"));

    // 4500 bytes at 16 kHz: seven 640-byte granules, then 20 bytes padded to 3200.
    const auto seen = call.caller.observations();
    EXPECT_EQ(seen.heard_sizes, (std::vector<std::size_t>{4480, 3200, 3200}));
    Bytes expected = bytes(4500, 1);
    const auto padding = bytes(3180, 0);
    const auto second = bytes(3200, 2);
    expected.insert(expected.end(), padding.begin(), padding.end());
    expected.insert(expected.end(), second.begin(), second.end());
    EXPECT_EQ(seen.heard, expected);
    EXPECT_EQ(seen.mark_offsets, (std::vector<std::size_t>{4480, 4480, 7680, 10880}));
}

TEST(ExotelPlayback, ClearDropsTheHeldAudioAndItsMarksComeBackAtOnce) {
    ListeningCall call{8000, kNoBackstop};
    ASSERT_TRUE(call.started());
    auto& leg = call.leg();
    auto& listener = call.listener();

    leg.send_audio(bytes(1000, 1));
    leg.send_mark("a");
    leg.send_audio(bytes(1000, 1));
    leg.send_mark("b");
    leg.clear();  // barge-in while both marks wait for a chunk
    ASSERT_TRUE(call.harness.run_until([&] { return listener.marks.size() == 2; }, "a and b"));
    auto seen = call.caller.observations();
    EXPECT_EQ(seen.events, (Names{"clear", "mark", "mark"}));
    EXPECT_TRUE(seen.heard.empty());
    EXPECT_EQ(listener.marks, (Names{"a", "b"}));

    // The next reply starts afresh: none of the dropped audio is left to pad or prepend.
    leg.send_audio(bytes(3200, 2));
    leg.send_mark("c");
    ASSERT_TRUE(call.harness.run_until([&] { return listener.marks.size() == 3; }, "c"));
    seen = call.caller.observations();
    EXPECT_EQ(seen.heard, bytes(3200, 2));
    EXPECT_EQ(seen.events, (Names{"clear", "mark", "mark", "media", "mark"}));
    EXPECT_EQ(leg.counters().held_audio_flushes, 0U);
}

TEST(ExotelPlayback, TheBackstopSendsAHeldTailOnceAgentAudioHasStopped) {
    constexpr std::chrono::milliseconds kBackstop{300};
    constexpr std::chrono::milliseconds kSecondDeltaAfter{100};
    ListeningCall call{8000, kBackstop};
    ASSERT_TRUE(call.started());
    auto& leg = call.leg();
    auto& listener = call.listener();

    // A model slower than real time: a delta, a mark, another delta 100 ms later, then nothing
    // (no flush_audio). Each delta restarts the backstop.
    leg.send_audio(bytes(1000, 1));
    leg.send_mark("tail");
    std::chrono::steady_clock::time_point second_at{};
    boost::asio::steady_timer later{call.harness.executor(), kSecondDeltaAfter};
    later.async_wait([&](const boost::system::error_code& ec) {
        if (ec) return;
        leg.send_audio(bytes(1000, 2));
        second_at = std::chrono::steady_clock::now();
    });
    ASSERT_TRUE(call.harness.run_until([&] { return listener.marks.size() == 1; }, "the backstop"));
    ASSERT_NE(second_at, std::chrono::steady_clock::time_point{}) << "flushed before the second";
    EXPECT_GE(std::chrono::steady_clock::now() - second_at, kBackstop);

    const auto seen = call.caller.observations();
    EXPECT_EQ(seen.heard_sizes, (std::vector<std::size_t>{3200}));
    Bytes expected = bytes(1000, 1);
    const auto rest = bytes(1000, 2);
    expected.insert(expected.end(), rest.begin(), rest.end());
    expected.resize(3200, 0);
    EXPECT_EQ(seen.heard, expected);
    EXPECT_EQ(seen.marks, (Names{"tail"}));
    EXPECT_EQ(leg.counters().held_audio_flushes, 1U);
}

}  // namespace
}  // namespace frontdesk::telephony::test
