// ExotelOutbound alone: where marks fall among Exotel's chunks, and when silence is added.
#include "telephony/exotel_outbound.hpp"

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

namespace frontdesk::telephony {
namespace {

constexpr media::AudioFormat kPcm8k{media::AudioEncoding::kPcm16, media::kSampleRate8k};

/// The steps as text, e.g. "chunk 3840" and "mark m1", for readable comparisons.
std::vector<std::string> describe(const std::vector<ExotelStep>& steps) {
    std::vector<std::string> out;
    for (const auto& step : steps) {
        if (const auto* chunk = std::get_if<ExotelChunk>(&step)) {
            out.push_back("chunk " + std::to_string(chunk->audio.size()));
        } else {
            out.push_back("mark " + std::get<ExotelMark>(step).name);
        }
    }
    return out;
}

/// All the audio bytes of the chunks among `steps`, in order.
std::vector<std::uint8_t> audio_of(const std::vector<ExotelStep>& steps) {
    std::vector<std::uint8_t> out;
    for (const auto& step : steps) {
        if (const auto* chunk = std::get_if<ExotelChunk>(&step)) {
            out.insert(out.end(), chunk->audio.begin(), chunk->audio.end());
        }
    }
    return out;
}

TEST(ExotelOutbound, MarksWaitForTheChunkThatCompletesTheirAudio) {
    ExotelOutbound outbound{kPcm8k};
    std::vector<ExotelStep> steps;
    std::vector<std::uint8_t> sent;
    // Seven deltas of 1000 bytes (not whole granules, not whole chunks), a mark after each.
    for (int i = 1; i <= 7; ++i) {
        const std::vector<std::uint8_t> delta(1000, static_cast<std::uint8_t>(i));
        sent.insert(sent.end(), delta.begin(), delta.end());
        outbound.push(delta, steps);
        outbound.mark("m" + std::to_string(i), steps);
    }
    // 4000 bytes held after the fourth delta: twelve granules go, m1..m3 are behind them, m4
    // waits with the 160 bytes left.
    EXPECT_EQ(describe(steps),
              (std::vector<std::string>{"chunk 3840", "mark m1", "mark m2", "mark m3"}));
    EXPECT_TRUE(outbound.holds_audio());
    EXPECT_EQ(outbound.chunker().pending_bytes(), 3160U);

    outbound.finish(steps);
    EXPECT_EQ(describe(steps),
              (std::vector<std::string>{"chunk 3840", "mark m1", "mark m2", "mark m3", "chunk 3200",
                                        "mark m4", "mark m5", "mark m6", "mark m7"}));
    // The audio is contiguous: silence only after the last of it, to fill the last chunk.
    const auto heard = audio_of(steps);
    ASSERT_EQ(heard.size(), 7040U);
    EXPECT_TRUE(std::equal(sent.begin(), sent.end(), heard.begin()));
    EXPECT_EQ(std::count(heard.begin() + 7000, heard.end(), 0), 40);
    EXPECT_FALSE(outbound.holds_audio());
}

TEST(ExotelOutbound, AMarkWithNothingHeldGoesAtOnceAndFinishingNothingSendsNothing) {
    ExotelOutbound outbound{kPcm8k};
    std::vector<ExotelStep> steps;
    outbound.mark("first", steps);
    outbound.push(std::vector<std::uint8_t>(3200, 1), steps);  // exactly one chunk
    outbound.mark("second", steps);
    outbound.finish(steps);
    outbound.finish(steps);
    EXPECT_EQ(describe(steps),
              (std::vector<std::string>{"mark first", "chunk 3200", "mark second"}));
}

TEST(ExotelOutbound, OnlyTheFinalChunkIsPaddedAtEveryRate) {
    ExotelOutbound outbound{{media::AudioEncoding::kPcm16, media::kSampleRate24k}};
    std::vector<ExotelStep> steps;
    for (int i = 0; i < 3; ++i) {
        outbound.push(std::vector<std::uint8_t>(2000, 7), steps);
        outbound.mark("m" + std::to_string(i), steps);
    }
    outbound.finish(steps);
    // 6000 bytes: six 960-byte granules (5760) complete m0 and m1; 240 bytes are padded to the
    // 4800-byte (100 ms) minimum.
    EXPECT_EQ(describe(steps), (std::vector<std::string>{"chunk 5760", "mark m0", "mark m1",
                                                         "chunk 4800", "mark m2"}));
    const auto heard = audio_of(steps);
    EXPECT_EQ(std::count(heard.begin(), heard.end(), 7), 6000);
}

TEST(ExotelOutbound, ALargeDeltaReleasesEachMarkAfterItsOwnChunk) {
    ExotelOutbound outbound{kPcm8k};
    std::vector<ExotelStep> steps;
    outbound.push(std::vector<std::uint8_t>(1000, 1), steps);
    outbound.mark("early", steps);
    outbound.push(std::vector<std::uint8_t>(250'000, 2), steps);
    outbound.mark("late", steps);
    outbound.finish(steps);
    // 251 000 bytes in chunks of at most 99 840 (100 KB in whole granules): "early" follows the
    // first chunk, not the whole delta.
    EXPECT_EQ(describe(steps),
              (std::vector<std::string>{"chunk 99840", "mark early", "chunk 99840", "chunk 51200",
                                        "chunk 3200", "mark late"}));
}

TEST(ExotelOutbound, ClearDropsTheHeldAudioAndReleasesItsMarks) {
    ExotelOutbound outbound{kPcm8k};
    std::vector<ExotelStep> steps;
    outbound.push(std::vector<std::uint8_t>(1000, 1), steps);
    outbound.mark("a", steps);
    outbound.push(std::vector<std::uint8_t>(1000, 1), steps);
    outbound.mark("b", steps);
    EXPECT_TRUE(steps.empty());
    outbound.clear(steps);
    EXPECT_EQ(describe(steps), (std::vector<std::string>{"mark a", "mark b"}));
    EXPECT_FALSE(outbound.holds_audio());

    // What comes next starts afresh: nothing of the dropped audio, nothing released early.
    steps.clear();
    outbound.push(std::vector<std::uint8_t>(3000, 2), steps);
    outbound.mark("c", steps);
    outbound.push(std::vector<std::uint8_t>(200, 2), steps);
    EXPECT_EQ(describe(steps), (std::vector<std::string>{"chunk 3200", "mark c"}));
    EXPECT_EQ(audio_of(steps), std::vector<std::uint8_t>(3200, 2));
}

}  // namespace
}  // namespace frontdesk::telephony
