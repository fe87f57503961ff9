// Barge-in arithmetic (PlayoutTracker): marks every 100 ms of agent audio and at pauses; heard
// audio pinned by echoes and carried forward by the carrier's media clock, never past the oldest
// mark not yet echoed nor past what was sent.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "realtime/playout_tracker.hpp"

namespace frontdesk::realtime {
namespace {

using std::chrono::milliseconds;
constexpr std::size_t kUlaw20ms = 160;  // 8 bytes per ms
constexpr std::size_t kUlaw100ms = 800;

/// Sends `frames` 20 ms frames of `item`; returns the marks issued, in order.
std::vector<std::string> send_frames(PlayoutTracker& tracker, std::string_view item, int frames) {
    std::vector<std::string> marks;
    for (int i = 0; i < frames; ++i) {
        if (auto mark = tracker.on_audio_sent(item, kUlaw20ms)) marks.push_back(*mark);
    }
    return marks;
}

TEST(PlayoutTracker, MarksEveryHundredMillisecondsOfAudioAndAtAPause) {
    PlayoutTracker tracker{media::kTwilioFormat};
    EXPECT_EQ(send_frames(tracker, "item_1", 4).size(), 0U);
    const auto fifth = tracker.on_audio_sent("item_1", kUlaw20ms);
    ASSERT_TRUE(fifth.has_value());
    EXPECT_EQ(send_frames(tracker, "item_1", 7).size(), 1U);  // 240 ms sent: two marks so far
    const auto tail = tracker.on_audio_paused();               // the last 40 ms
    ASSERT_TRUE(tail.has_value());
    EXPECT_NE(*tail, *fifth);
    EXPECT_FALSE(tracker.on_audio_paused().has_value()) << "nothing unmarked is left";
    EXPECT_FALSE(tracker.on_audio_sent("item_1", 0).has_value());
    EXPECT_EQ(tracker.sent_ms("item_1"), 240);
}

TEST(PlayoutTracker, WithoutAMediaClockHeardIsTheLastEcho) {
    PlayoutTracker tracker{media::kTwilioFormat};
    const auto first = tracker.on_audio_sent("item_1", kUlaw100ms);
    const auto second = tracker.on_audio_sent("item_1", kUlaw100ms);
    ASSERT_TRUE(first && second);
    EXPECT_FALSE(tracker.on_audio_sent("item_1", kUlaw100ms / 2).has_value());
    EXPECT_TRUE(tracker.is_playing());
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 0}}));

    EXPECT_TRUE(tracker.on_mark_echoed(*first));
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 100}}));
    EXPECT_TRUE(tracker.on_mark_echoed(*second));
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 200}}));
    EXPECT_TRUE(tracker.is_playing()) << "the unmarked 50 ms may still be playing";
}

TEST(PlayoutTracker, TheMediaClockCarriesHeardAudioForwardFromAnEcho) {
    PlayoutTracker tracker{media::kTwilioFormat};
    tracker.on_media_clock(milliseconds{1000});
    const auto marks = send_frames(tracker, "item_1", 15);  // 300 ms, sent at once
    ASSERT_EQ(marks.size(), 3U);

    // Playing started when the audio reached the idle carrier.
    tracker.on_media_clock(milliseconds{1060});
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 60}}));
    // Never past the oldest mark not yet echoed: playback may have stalled.
    tracker.on_media_clock(milliseconds{1180});
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 100}}));

    // An echo pins the position at its own time; the clock carries it on from there.
    ASSERT_TRUE(tracker.on_mark_echoed(marks[0]));
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 100}}));
    tracker.on_media_clock(milliseconds{1220});
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 140}}));
    // A clock that goes backwards (a reordered reading) never takes heard audio back.
    tracker.on_media_clock(milliseconds{1100});
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"item_1", 100}}));
}

TEST(PlayoutTracker, EverythingHeardMeansNothingToTruncateOnceTheLastMarkIsBack) {
    PlayoutTracker tracker{media::kTwilioFormat};
    tracker.on_media_clock(milliseconds{0});
    const auto marks = send_frames(tracker, "item_1", 10);
    ASSERT_EQ(marks.size(), 2U);
    ASSERT_TRUE(tracker.on_mark_echoed(marks[0]));
    tracker.on_media_clock(milliseconds{500});
    EXPECT_TRUE(tracker.heard_so_far().empty()) << "the clock says all 200 ms have played";
    EXPECT_TRUE(tracker.is_playing()) << "but the last mark has not come back";
    ASSERT_TRUE(tracker.on_mark_echoed(marks[1]));
    EXPECT_FALSE(tracker.is_playing());
}

TEST(PlayoutTracker, AudioSentToAnIdleCarrierStartsPlayingWhenSent) {
    PlayoutTracker tracker{media::kTwilioFormat};
    tracker.on_media_clock(milliseconds{0});
    const auto greeting = tracker.on_audio_sent("greeting", kUlaw100ms);
    ASSERT_TRUE(greeting.has_value());
    tracker.on_media_clock(milliseconds{100});
    ASSERT_TRUE(tracker.on_mark_echoed(*greeting));
    tracker.on_media_clock(milliseconds{5000});  // silence: the caller talks, the agent listens
    EXPECT_FALSE(tracker.is_playing());

    EXPECT_FALSE(tracker.on_audio_sent("reply", kUlaw20ms * 3).has_value());
    tracker.on_media_clock(milliseconds{5040});
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"reply", 40}}));
    tracker.on_media_clock(milliseconds{5100});
    EXPECT_FALSE(tracker.is_playing()) << "60 ms sent, 100 ms of clock passed";
}

TEST(PlayoutTracker, AQueuedItemIsHeardFromItsOwnStart) {
    PlayoutTracker tracker{media::kTwilioFormat};
    tracker.on_media_clock(milliseconds{0});
    const auto a = tracker.on_audio_sent("a", kUlaw100ms);
    const auto b = tracker.on_audio_sent("b", kUlaw100ms);
    ASSERT_TRUE(a && b);
    tracker.on_media_clock(milliseconds{50});
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"a", 50}, {"b", 0}}));
    tracker.on_media_clock(milliseconds{100});
    ASSERT_TRUE(tracker.on_mark_echoed(*a));
    tracker.on_media_clock(milliseconds{130});
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"b", 30}}));
}

TEST(PlayoutTracker, AnEchoImpliesEveryEarlierMarkAndClearForgets) {
    PlayoutTracker tracker{media::kTwilioFormat};
    std::ignore = tracker.on_audio_sent("a", kUlaw100ms);
    const auto second = tracker.on_audio_sent("a", kUlaw100ms);
    const auto third = tracker.on_audio_sent("b", kUlaw100ms);
    ASSERT_TRUE(second && third);
    EXPECT_TRUE(tracker.on_mark_echoed(*second));
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"b", 0}}));
    tracker.clear();
    EXPECT_FALSE(tracker.is_playing());
    EXPECT_TRUE(tracker.heard_so_far().empty());
    // Echoes of flushed marks (a clear echoes all of them) change nothing.
    EXPECT_FALSE(tracker.on_mark_echoed(*third));
    EXPECT_FALSE(tracker.is_playing());
}

TEST(PlayoutTracker, IgnoresNamesItDidNotIssue) {
    PlayoutTracker tracker{media::kTwilioFormat};
    const auto mark = tracker.on_audio_sent("a", kUlaw100ms);
    ASSERT_EQ(mark, std::optional<std::string>{"rt-1"});
    for (const auto* name : {"unknown", "rt-", "rt-1x", "rt-2", "rt--1", "rt-99999999999999999999",
                             "rt-goodbye", "1"}) {
        EXPECT_FALSE(tracker.on_mark_echoed(name)) << name;
    }
    EXPECT_TRUE(tracker.is_playing());
    EXPECT_TRUE(tracker.on_mark_echoed("rt-1"));
}

TEST(PlayoutTracker, CountsPcm16BytesAsTime) {
    PlayoutTracker tracker{media::AudioFormat{media::AudioEncoding::kPcm16, 8000}};
    const auto mark = tracker.on_audio_sent("x", 1600);  // 800 samples = 100 ms
    ASSERT_TRUE(mark.has_value());
    EXPECT_FALSE(tracker.on_audio_sent("x", 320).has_value());
    tracker.on_mark_echoed(*mark);
    EXPECT_EQ(tracker.heard_so_far(), (std::vector<HeardAudio>{{"x", 100}}));
    EXPECT_EQ(tracker.sent_ms("x"), 120);
}

}  // namespace
}  // namespace frontdesk::realtime
