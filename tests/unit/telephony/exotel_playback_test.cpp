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

CallerScript listening_only(std::size_t frame_bytes) {
    CallerScript script;
    script.frame_bytes = frame_bytes;
    script.media_frames = 0;
    return script;
}

FakeExotelCall call_at(int rate_hz) {
    FakeExotelCall call;
    call.sample_rate_hz = rate_hz;
    return call;
}

bool call_started(SessionHarness& harness) {
    auto& calls = harness.calls();
    return harness.run_until([&] { return !calls.empty() && calls[0].listener->started; },
                             "the call to start");
}

Bytes bytes(std::size_t size, std::uint8_t value) { return Bytes(size, value); }

TEST(ExotelPlayback, ShortDeltasArriveContiguouslyWithEachMarkAfterItsAudio) {
    SessionHarness harness{{}, with_backstop(kNoBackstop)};
    FakeExotelCaller caller{harness.executor(), harness.port(), call_at(8000), listening_only(320)};
    caller.start();
    ASSERT_TRUE(call_started(harness));
    auto& leg = *harness.calls()[0].leg;
    auto& listener = *harness.calls()[0].listener;

    // Seven deltas of 1000 bytes (no whole granules, no whole chunks), a mark after each.
    Bytes sent;
    for (int i = 1; i <= 7; ++i) {
        const auto delta = bytes(1000, static_cast<std::uint8_t>(i));
        sent.insert(sent.end(), delta.begin(), delta.end());
        leg.send_audio(delta);
        leg.send_mark("m" + std::to_string(i));
    }
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 3; }, "m1..m3"));
    auto seen = caller.observations();
    // Twelve granules went once 4000 bytes were held; nothing is padded while more may come.
    EXPECT_EQ(seen.heard_sizes, (std::vector<std::size_t>{3840}));
    EXPECT_EQ(listener.marks, (Names{"m1", "m2", "m3"}));

    leg.flush_audio();  // the reply ends
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 7; }, "m4..m7"));
    seen = caller.observations();
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
    SessionHarness harness{{}, with_backstop(kNoBackstop)};
    FakeExotelCaller caller{harness.executor(), harness.port(), call_at(16000),
                            listening_only(640)};
    caller.start();
    ASSERT_TRUE(call_started(harness));
    auto& leg = *harness.calls()[0].leg;
    auto& listener = *harness.calls()[0].listener;

    for (int i = 0; i < 3; ++i) {
        leg.send_audio(bytes(1500, 1));
        leg.send_mark("first-" + std::to_string(i));
    }
    leg.flush_audio();
    leg.send_audio(bytes(3200, 2));  // exactly one chunk: nothing to pad
    leg.send_mark("second");
    leg.flush_audio();
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 4; }, "all marks"));

    // 4500 bytes at 16 kHz: seven 640-byte granules, then 20 bytes padded to 3200.
    const auto seen = caller.observations();
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
    SessionHarness harness{{}, with_backstop(kNoBackstop)};
    FakeExotelCaller caller{harness.executor(), harness.port(), call_at(8000), listening_only(320)};
    caller.start();
    ASSERT_TRUE(call_started(harness));
    auto& leg = *harness.calls()[0].leg;
    auto& listener = *harness.calls()[0].listener;

    leg.send_audio(bytes(1000, 1));
    leg.send_mark("a");
    leg.send_audio(bytes(1000, 1));
    leg.send_mark("b");
    leg.clear();  // barge-in while both marks wait for a chunk
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 2; }, "a and b"));
    auto seen = caller.observations();
    EXPECT_EQ(seen.events, (Names{"clear", "mark", "mark"}));
    EXPECT_TRUE(seen.heard.empty());
    EXPECT_EQ(listener.marks, (Names{"a", "b"}));

    // The next reply starts afresh: none of the dropped audio is left to pad or prepend.
    leg.send_audio(bytes(3200, 2));
    leg.send_mark("c");
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 3; }, "c"));
    seen = caller.observations();
    EXPECT_EQ(seen.heard, bytes(3200, 2));
    EXPECT_EQ(seen.events, (Names{"clear", "mark", "mark", "media", "mark"}));
    EXPECT_EQ(leg.counters().held_audio_flushes, 0U);
}

TEST(ExotelPlayback, TheBackstopSendsAHeldTailOnceAgentAudioHasStopped) {
    constexpr std::chrono::milliseconds kBackstop{300};
    constexpr std::chrono::milliseconds kSecondDeltaAfter{100};
    SessionHarness harness{{}, with_backstop(kBackstop)};
    FakeExotelCaller caller{harness.executor(), harness.port(), call_at(8000), listening_only(320)};
    caller.start();
    ASSERT_TRUE(call_started(harness));
    auto& leg = *harness.calls()[0].leg;
    auto& listener = *harness.calls()[0].listener;

    // A model slower than real time: a delta, a mark, another delta 100 ms later, then nothing
    // (no flush_audio). Each delta restarts the backstop.
    leg.send_audio(bytes(1000, 1));
    leg.send_mark("tail");
    std::chrono::steady_clock::time_point second_at{};
    boost::asio::steady_timer later{harness.executor(), kSecondDeltaAfter};
    later.async_wait([&](const boost::system::error_code& ec) {
        if (ec) return;
        leg.send_audio(bytes(1000, 2));
        second_at = std::chrono::steady_clock::now();
    });
    ASSERT_TRUE(harness.run_until([&] { return listener.marks.size() == 1; }, "the backstop"));
    ASSERT_NE(second_at, std::chrono::steady_clock::time_point{}) << "flushed before the second";
    EXPECT_GE(std::chrono::steady_clock::now() - second_at, kBackstop);

    const auto seen = caller.observations();
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
