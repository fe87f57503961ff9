#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "media/g711.hpp"

namespace frontdesk::media {
namespace {

constexpr int kInt16Min = -32768;
constexpr int kInt16Max = 32767;
constexpr std::uint8_t kSignBit = 0x80;

// ITU-T G.191 STL alaw_compress (src/g711/g711.c), one sample at a time: the oracle for the
// table-driven encoder. It also agrees with CPython audioop.lin2alaw on all 65,536 inputs.
std::uint8_t reference_linear_to_alaw(std::int16_t lin) {
    int ix = lin < 0 ? (~lin) >> 4 : lin >> 4;
    if (ix > 15) {
        int iexp = 1;
        while (ix > 16 + 15) {
            ix >>= 1;
            ++iexp;
        }
        ix -= 16;
        ix += iexp << 4;
    }
    if (lin >= 0) ix |= 0x0080;
    return static_cast<std::uint8_t>(ix ^ 0x0055);
}

std::uint8_t encode(int x) { return linear_to_alaw(static_cast<std::int16_t>(x)); }
int decode(int code) { return alaw_to_linear(static_cast<std::uint8_t>(code)); }

TEST(Alaw, DecodesKnownCodes) {
    // The classic Sun/CCITT table (also CPython audioop.alaw2lin) starts with these.
    const std::vector<int> first_codes{-5504, -5248, -6016, -5760, -4480, -4224, -4992, -4736};
    for (std::size_t code = 0; code < first_codes.size(); ++code) {
        EXPECT_EQ(decode(static_cast<int>(code)), first_codes[code]) << "code " << code;
    }
    EXPECT_EQ(decode(0x80), 5504);
    EXPECT_EQ(decode(0xD5), 8);  // smallest positive step: A-law has no zero
    EXPECT_EQ(decode(0x55), -8);
    EXPECT_EQ(decode(0xAA), 32256);
    EXPECT_EQ(decode(0x2A), -32256);
}

TEST(Alaw, EncodesKnownValues) {
    // Values cross-checked against CPython audioop.lin2alaw.
    const std::vector<std::pair<int, int>> cases{
        {0, 0xD5},     {1, 0xD5},         {-1, 0x55},       {100, 0xD3},   {-100, 0x53},
        {1000, 0xFA},  {-1000, 0x7A},     {4096, 0x85},     {-4096, 0x1A}, {5504, 0x80},
        {-5504, 0x00}, {kInt16Max, 0xAA}, {kInt16Min, 0x2A}};
    for (const auto& [linear, code] : cases) EXPECT_EQ(encode(linear), code) << linear;
    EXPECT_EQ(encode(0), kAlawSilence);
}

TEST(Alaw, TableEncoderEqualsReferenceRoutineForAllInputs) {
    for (int x = kInt16Min; x <= kInt16Max; ++x) {
        const auto pcm = static_cast<std::int16_t>(x);
        ASSERT_EQ(linear_to_alaw(pcm), reference_linear_to_alaw(pcm)) << "x " << x;
    }
}

TEST(Alaw, DecodeThenEncodeReturnsEveryCode) {
    for (int code = 0; code < 256; ++code) EXPECT_EQ(encode(decode(code)), code) << code;
}

TEST(Alaw, DecoderIsOddSymmetric) {
    for (int code = 0; code < 256; ++code) EXPECT_EQ(decode(code ^ kSignBit), -decode(code));
}

TEST(Alaw, DecodeOfEncodeIsWithinHalfAStep) {
    for (int x = kInt16Min; x <= kInt16Max; ++x) {
        const std::uint8_t code = encode(x);
        const int segment = ((code ^ 0x55) & 0x7F) >> 4;
        const int step = segment <= 1 ? 16 : 16 << (segment - 1);
        ASSERT_LE(std::abs(decode(code) - x), step / 2) << "x " << x;
    }
}

TEST(Alaw, BulkCodecIsLengthAgnostic) {
    for (const std::size_t length : {0U, 1U, 3U, 160U, 161U, 999U}) {
        std::vector<std::int16_t> pcm(length);
        for (std::size_t i = 0; i < length; ++i) {
            pcm[i] = static_cast<std::int16_t>(static_cast<int>(i * 977 % 65536) + kInt16Min);
        }
        const std::vector<std::uint8_t> codes = encode_alaw(pcm);
        ASSERT_EQ(codes.size(), length);
        const std::vector<std::int16_t> decoded = decode_alaw(codes);
        ASSERT_EQ(decoded.size(), length);
        for (std::size_t i = 0; i < length; ++i) {
            EXPECT_EQ(codes[i], linear_to_alaw(pcm[i]));
            EXPECT_EQ(decoded[i], alaw_to_linear(codes[i]));
        }
        std::vector<std::uint8_t> short_out(length / 2);
        EXPECT_EQ(encode_alaw(pcm, short_out), length / 2);
        std::vector<std::int16_t> short_pcm(length / 3);
        EXPECT_EQ(decode_alaw(codes, short_pcm), length / 3);
    }
}

}  // namespace
}  // namespace frontdesk::media
