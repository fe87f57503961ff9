#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <set>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/g711.hpp"

namespace frontdesk::media {
namespace {

constexpr int kInt16Min = -32768;
constexpr int kInt16Max = 32767;
constexpr int kUlawClip = 32635;
constexpr std::uint8_t kSignBit = 0x80;
constexpr std::uint8_t kNegativeZero = 0x7F;

// PROTOCOLS §11.1 verbatim: the pinned Sun/Reese routine, the oracle for the table-driven codec.
std::uint8_t reference_linear_to_ulaw(std::int16_t pcm) {
    constexpr int kUlawBias = 0x84;
    int s = pcm;
    const int sign = (s < 0) ? 0x80 : 0x00;
    if (s < 0) s = -s;
    if (s > kUlawClip) s = kUlawClip;
    s += kUlawBias;
    int exponent = 7;
    for (int mask = 0x4000; exponent > 0 && !(s & mask); mask >>= 1) --exponent;
    const int mantissa = (s >> (exponent + 3)) & 0x0F;
    return static_cast<std::uint8_t>(~(sign | (exponent << 4) | mantissa));
}

std::uint8_t encode(int x) { return linear_to_ulaw(static_cast<std::int16_t>(x)); }
int decode(int code) { return ulaw_to_linear(static_cast<std::uint8_t>(code)); }

// The reference vectors (PROTOCOLS §11.6), copied into the repository's fixtures.
class UlawVectors : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::ifstream file(FRONTDESK_SOURCE_DIR "/tests/fixtures/audio/g711_vectors.json");
        doc_ = nlohmann::json::parse(file, nullptr, false);
    }
    void SetUp() override {
        ASSERT_TRUE(doc_.is_object()) << "cannot read tests/fixtures/audio/g711_vectors.json";
    }
    static inline nlohmann::json doc_;
};

TEST_F(UlawVectors, PinnedEncoderIsSunReese) {
    const auto& pinned = doc_.at("pinned_encoder");
    EXPECT_EQ(pinned.at("name"), "sun_reese");
    EXPECT_EQ(pinned.at("bias"), 0x84);
    EXPECT_EQ(pinned.at("clip"), kUlawClip);
    EXPECT_EQ(pinned.at("zerotrap"), false);
}

TEST_F(UlawVectors, DecodeMatchesTableForAll256Codes) {
    const auto& table = doc_.at("decode_table");
    ASSERT_EQ(table.size(), 256U);
    for (int code = 0; code < 256; ++code) {
        EXPECT_EQ(decode(code), table.at(static_cast<std::size_t>(code)).get<int>())
            << "code " << code;
    }
}

TEST_F(UlawVectors, EncodeMatchesEveryPinnedVector) {
    const auto& vectors = doc_.at("encode_vectors");
    ASSERT_EQ(vectors.size(), 70U);
    int disagreeing_rows = 0;
    for (const auto& v : vectors) {
        const int linear = v.at("linear").get<int>();
        const int expected = v.at("ulaw_sun_reese").get<int>();
        EXPECT_EQ(encode(linear), expected) << "linear " << linear;
        EXPECT_EQ(decode(encode(linear)), v.at("decoded(sun)").get<int>()) << "linear " << linear;
        if (!v.at("all_agree").get<bool>()) ++disagreeing_rows;
    }
    EXPECT_EQ(disagreeing_rows, 5);  // -100, -4, -3, -2, -1 (§12): asserted like the rest
}

TEST_F(UlawVectors, DecisionThresholdsAreExactlyWhereTheCodeChanges) {
    std::set<int> thresholds;
    for (const auto& t : doc_.at("decision_thresholds")) thresholds.insert(t.get<int>());
    ASSERT_EQ(thresholds.size(), 127U);
    for (int x = 1; x <= kInt16Max; ++x) {
        EXPECT_EQ(encode(x) != encode(x - 1), thresholds.contains(x)) << "x " << x;
    }
}

TEST_F(UlawVectors, BoundaryNegativesFollowThePinnedRoutine) {
    for (const auto& json_t : doc_.at("decision_thresholds")) {
        const int t = json_t.get<int>();
        EXPECT_EQ(encode(-t), encode(t) ^ kSignBit) << "t " << t;
        for (int d = 1; d <= 3; ++d) {
            EXPECT_EQ(encode(-t + d), encode(t - 1) ^ kSignBit) << "t " << t << " d " << d;
        }
    }
}

TEST(Ulaw, ProtocolSpotValues) {
    EXPECT_EQ(decode(0xFF), 0);
    EXPECT_EQ(decode(kNegativeZero), 0);
    EXPECT_EQ(decode(0x80), 32124);
    EXPECT_EQ(decode(0x00), -32124);
    EXPECT_EQ(encode(0), 0xFF);
    EXPECT_EQ(encode(-100), 0x72);  // §12: STL says 0x73, CPython 0x72; pinned 0x72
    EXPECT_EQ(encode(-4), 0x7E);
    EXPECT_EQ(encode(-31612), 0x00);
    EXPECT_EQ(encode(-31611), 0x01);
    EXPECT_EQ(encode(kInt16Min), 0x00);
    EXPECT_EQ(encode(kInt16Max), 0x80);
}

TEST(Ulaw, TableEncoderEqualsReferenceRoutineForAllInputs) {
    for (int x = kInt16Min; x <= kInt16Max; ++x) {
        const auto pcm = static_cast<std::int16_t>(x);
        ASSERT_EQ(linear_to_ulaw(pcm), reference_linear_to_ulaw(pcm)) << "x " << x;
    }
}

TEST(Ulaw, EncodeOfDecodeIsIdentityExceptNegativeZero) {
    for (int code = 0; code < 256; ++code) {
        const int expected = code == kNegativeZero ? 0xFF : code;
        EXPECT_EQ(encode(decode(code)), expected) << "code " << code;
    }
}

TEST(Ulaw, DecodeOfEncodeIsWithinHalfAStep) {
    constexpr int kMaxErrorBeyondClip = 644;  // -32768 -> -32124
    for (int x = kInt16Min; x <= kInt16Max; ++x) {
        const std::uint8_t code = encode(x);
        const int error = std::abs(decode(code) - x);
        if (std::abs(x) <= kUlawClip) {
            const int exponent = (~code >> 4) & 0x07;
            ASSERT_LE(error, (8 << exponent) / 2) << "x " << x;
        } else {
            ASSERT_LE(error, kMaxErrorBeyondClip) << "x " << x;
        }
    }
}

TEST(Ulaw, EncoderIsSignSymmetric) {
    EXPECT_EQ(encode(0), 0xFF);
    for (int x = 1; x <= kInt16Max; ++x) {
        ASSERT_EQ(encode(-x), encode(x) ^ kSignBit) << "x " << x;
    }
}

TEST(Ulaw, TwentyMillisecondsOfSilence) {
    const std::vector<std::uint8_t> frame(160, kUlawSilence);
    EXPECT_EQ(decode_ulaw(frame), std::vector<std::int16_t>(frame.size(), 0));
    EXPECT_EQ(encode_ulaw(std::vector<std::int16_t>(frame.size(), 0)), frame);
}

TEST(Ulaw, BulkCodecIsLengthAgnosticAndStaysInsideItsSpans) {
    constexpr std::int16_t kSentinel = 0x5A5A;
    for (const std::size_t length : {0U, 1U, 7U, 159U, 161U, 333U}) {
        std::vector<std::uint8_t> codes(length);
        for (std::size_t i = 0; i < length; ++i) codes[i] = static_cast<std::uint8_t>(i * 37);
        std::vector<std::int16_t> out(length + 1, kSentinel);
        ASSERT_EQ(decode_ulaw(codes, std::span{out}.first(length)), length);
        EXPECT_EQ(out.back(), kSentinel);
        for (std::size_t i = 0; i < length; ++i) EXPECT_EQ(out[i], ulaw_to_linear(codes[i]));

        std::vector<std::uint8_t> back(length + 1, 0x5A);
        ASSERT_EQ(encode_ulaw(std::span{out}.first(length), std::span{back}.first(length)), length);
        EXPECT_EQ(back.back(), 0x5A);
        EXPECT_EQ(encode_ulaw(std::span{out}.first(length)),
                  std::vector(back.begin(), back.end() - 1));
    }
}

TEST(Ulaw, ShortOutputConvertsOnlyWhatFits) {
    const std::vector<std::uint8_t> codes(11, 0x80);
    std::vector<std::int16_t> out(4, 0);
    EXPECT_EQ(decode_ulaw(codes, out), 4U);
    EXPECT_EQ(out, std::vector<std::int16_t>(4, 32124));
    std::vector<std::uint8_t> encoded(3, 0);
    EXPECT_EQ(encode_ulaw(out, encoded), 3U);
    EXPECT_EQ(encoded, std::vector<std::uint8_t>(3, 0x80));
}

}  // namespace
}  // namespace frontdesk::media
