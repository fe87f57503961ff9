#include "media/pcm16.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "signal_support.hpp"

namespace frontdesk::media {
namespace {

constexpr std::int16_t kMin = std::numeric_limits<std::int16_t>::min();
constexpr std::int16_t kMax = std::numeric_limits<std::int16_t>::max();

TEST(Pcm16, ReadsLittleEndian) {
    const std::vector<std::uint8_t> bytes{0x34, 0x12, 0xFF, 0xFF, 0x00, 0x80, 0xFF, 0x7F};
    EXPECT_EQ(read_pcm16le(bytes), (std::vector<std::int16_t>{0x1234, -1, kMin, kMax}));
}

TEST(Pcm16, WritesLittleEndian) {
    const std::vector<std::int16_t> samples{0x1234, -1, kMin, kMax, 0};
    EXPECT_EQ(write_pcm16le(samples), (std::vector<std::uint8_t>{0x34, 0x12, 0xFF, 0xFF, 0x00, 0x80,
                                                                 0xFF, 0x7F, 0x00, 0x00}));
}

TEST(Pcm16, OddTrailingByteIsReportedAndNeverRead) {
    // The buffer is longer than the span handed over, so a read past the end would be visible.
    const std::vector<std::uint8_t> storage{0x01, 0x00, 0x02, 0x00, 0x03, 0x04};
    const auto bytes = std::span{storage}.first(5);
    EXPECT_TRUE(has_partial_sample(bytes));
    EXPECT_FALSE(has_partial_sample(std::span{storage}));
    EXPECT_EQ(pcm16_sample_count(bytes.size()), 2U);
    std::vector<std::int16_t> out(4, 77);
    ASSERT_EQ(read_pcm16le(bytes, out), 2U);
    EXPECT_EQ(out, (std::vector<std::int16_t>{1, 2, 77, 77}));
    EXPECT_EQ(read_pcm16le(std::span{storage}.first(1)), std::vector<std::int16_t>{});
}

TEST(Pcm16, UnalignedSpansWork) {
    std::mt19937 rng(7);
    const std::vector<std::uint8_t> storage = test::random_bytes(2 * 101 + 1, rng);
    const auto odd = std::span{storage}.subspan(1);  // starts at an odd address
    const std::vector<std::int16_t> samples = read_pcm16le(odd);
    ASSERT_EQ(samples.size(), 101U);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto expected = static_cast<std::uint16_t>(odd[2 * i] | (odd[2 * i + 1] << 8));
        EXPECT_EQ(static_cast<std::uint16_t>(samples[i]), expected);
    }
    std::vector<std::uint8_t> out(2 * samples.size() + 1, 0);
    ASSERT_EQ(write_pcm16le(samples, std::span{out}.subspan(1)), 2 * samples.size());
    EXPECT_TRUE(std::equal(odd.begin(), odd.end(), out.begin() + 1));
}

TEST(Pcm16, ShortOutputWritesWholeSamplesOnly) {
    const std::vector<std::int16_t> samples{1, 2, 3};
    std::vector<std::uint8_t> out(5, 0xEE);
    ASSERT_EQ(write_pcm16le(samples, out), 4U);
    EXPECT_EQ(out, (std::vector<std::uint8_t>{1, 0, 2, 0, 0xEE}));
    std::vector<std::int16_t> few(1);
    EXPECT_EQ(read_pcm16le(std::vector<std::uint8_t>{1, 0, 2, 0}, few), 1U);
}

TEST(Pcm16, RoundTripsEveryValue) {
    std::vector<std::int16_t> all;
    for (int x = kMin; x <= kMax; ++x) all.push_back(static_cast<std::int16_t>(x));
    EXPECT_EQ(read_pcm16le(write_pcm16le(all)), all);
}

TEST(Pcm16, SaturateClampsToInt16) {
    EXPECT_EQ(saturate_to_int16(40000), kMax);
    EXPECT_EQ(saturate_to_int16(-40000), kMin);
    EXPECT_EQ(saturate_to_int16(-123), -123);
}

TEST(Pcm16, GainRoundsAndSaturates) {
    std::vector<std::int16_t> samples{0, 1, -3, 1000, -1000, 20000, -20000, kMax, kMin};
    auto halved = samples;
    apply_gain(halved, 0.5F);
    EXPECT_EQ(halved,
              (std::vector<std::int16_t>{0, 0, -2, 500, -500, 10000, -10000, 16384, -16384}));
    auto doubled = samples;
    apply_gain(doubled, 2.0F);
    EXPECT_EQ(doubled, (std::vector<std::int16_t>{0, 2, -6, 2000, -2000, kMax, kMin, kMax, kMin}));
    auto same = samples;
    apply_gain(same, 1.0F);
    EXPECT_EQ(same, samples);
    apply_gain(same, std::nanf(""));
    EXPECT_EQ(same, samples);
    apply_gain(same, std::numeric_limits<float>::infinity());
    EXPECT_EQ(same, samples);
}

}  // namespace
}  // namespace frontdesk::media
