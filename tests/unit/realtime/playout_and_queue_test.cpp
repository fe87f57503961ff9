// Barge-in arithmetic (PlayoutTracker) and the model send-queue policy (SendQueue).
#include <tuple>

#include <gtest/gtest.h>

#include "realtime/playout_tracker.hpp"
#include "realtime/send_queue.hpp"

namespace frontdesk::realtime {
namespace {

constexpr std::size_t kUlaw100ms = 800;  // 8 bytes per ms

TEST(PlayoutTracker, HeardIsTheLastEchoedMarkOfTheItem) {
    PlayoutTracker tracker{media::kTwilioFormat};
    const auto first = tracker.on_audio_sent("item_1", kUlaw100ms);
    const auto second = tracker.on_audio_sent("item_1", kUlaw100ms);
    std::ignore = tracker.on_audio_sent("item_1", kUlaw100ms / 2);
    EXPECT_TRUE(tracker.is_playing());
    EXPECT_EQ(tracker.sent_ms("item_1"), 250);
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 0}}));

    EXPECT_TRUE(tracker.on_mark_echoed(first));
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 100}}));
    EXPECT_TRUE(tracker.on_mark_echoed(second));
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 200}}));
    EXPECT_FALSE(tracker.on_mark_echoed("unknown"));
}

TEST(PlayoutTracker, AnEchoImpliesEveryEarlierMarkAndClearForgets) {
    PlayoutTracker tracker{media::kTwilioFormat};
    std::ignore = tracker.on_audio_sent("a", kUlaw100ms);
    const auto second = tracker.on_audio_sent("a", kUlaw100ms);
    const auto third = tracker.on_audio_sent("b", kUlaw100ms);
    EXPECT_TRUE(tracker.on_mark_echoed(second));
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"b", 0}}));
    tracker.clear();
    EXPECT_FALSE(tracker.is_playing());
    // Echoes of flushed marks (a clear echoes all of them) change nothing.
    EXPECT_FALSE(tracker.on_mark_echoed(third));
}

TEST(PlayoutTracker, CountsPcm16BytesAsTime) {
    PlayoutTracker tracker{media::AudioFormat{media::AudioEncoding::kPcm16, 8000}};
    const auto mark = tracker.on_audio_sent("x", 1600);  // 800 samples = 100 ms
    std::ignore = tracker.on_audio_sent("x", 320);
    tracker.on_mark_echoed(mark);
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"x", 100}}));
    EXPECT_EQ(tracker.sent_ms("x"), 120);
}

TEST(SendQueue, CallerAudioDropsTheOldestBeyondItsBudget) {
    SendQueue queue{{300, 10'000}};
    EXPECT_EQ(queue.push_audio("a1", 160), 0U);
    EXPECT_TRUE(queue.push_control("ctl"));
    EXPECT_EQ(queue.push_audio("a2", 160), 1U);  // a1 goes
    EXPECT_EQ(queue.dropped_audio(), 1U);
    EXPECT_EQ(queue.queued_audio_bytes(), 160U);
    EXPECT_EQ(queue.pop(), "ctl");  // control survives, order kept
    EXPECT_EQ(queue.pop(), "a2");
    EXPECT_FALSE(queue.pop().has_value());
    EXPECT_EQ(queue.queued_bytes(), 0U);
}

TEST(SendQueue, ControlEventsAreNeverDroppedButCanBeRefused) {
    SendQueue queue{{1000, 10}};
    EXPECT_TRUE(queue.push_control("12345"));
    EXPECT_EQ(queue.push_audio("abcd", 4), 0U);
    // Audio makes room for control? No: control is refused, audio stays bounded by its budget.
    EXPECT_FALSE(queue.push_control("123456"));
    EXPECT_EQ(queue.queued_bytes(), 9U);
    // New audio that does not fit drops older audio, never control.
    EXPECT_EQ(queue.push_audio("efgh", 4), 1U);
    EXPECT_EQ(queue.pop(), "12345");
    EXPECT_EQ(queue.pop(), "efgh");
}

}  // namespace
}  // namespace frontdesk::realtime
