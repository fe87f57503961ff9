#include "media/g711.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace frontdesk::media {
namespace {

constexpr std::size_t kCodeCount = 256;
constexpr int kByteMask = 0xFF;

// --- μ-law: PROTOCOLS §11.1 (encoder, pinned) and §11.2 (decoder) ---

constexpr int kUlawBias = 0x84;   // 132: bias added to the 16-bit magnitude
constexpr int kUlawClip = 32635;  // magnitude clip level
constexpr int kUlawSignBit = 0x80;
constexpr int kUlawTopMagnitudeBit = 0x4000;
constexpr int kUlawMaxExponent = 7;
constexpr int kUlawMantissaShift = 3;
constexpr int kNibbleMask = 0x0F;
constexpr int kExponentShift = 4;
constexpr int kExponentMask = 0x07;

// Every μ-law decision threshold is a multiple of 4 (§12), so the pinned encoder's output depends
// only on the sign and on magnitude >> 2. That shrinks the encode table to 8 KiB (L1-resident).
constexpr int kUlawMagnitudeShift = 2;
constexpr int kInt16Magnitude = 32768;  // |INT16_MIN|
constexpr std::size_t kUlawEncodeTableSize = (kInt16Magnitude >> kUlawMagnitudeShift) + 1;

// The pinned Sun/Reese routine for a non-negative magnitude (0 ..= 32768).
constexpr std::uint8_t ulaw_encode_magnitude(int magnitude) {
    int s = std::min(magnitude, kUlawClip) + kUlawBias;
    int exponent = kUlawMaxExponent;
    for (int mask = kUlawTopMagnitudeBit; exponent > 0 && (s & mask) == 0; mask >>= 1) {
        --exponent;
    }
    const int mantissa = (s >> (exponent + kUlawMantissaShift)) & kNibbleMask;
    return static_cast<std::uint8_t>(~((exponent << kExponentShift) | mantissa));
}

constexpr std::int16_t ulaw_decode_formula(std::uint8_t code) {
    const int v = ~code & kByteMask;
    const int exponent = (v >> kExponentShift) & kExponentMask;
    const int mantissa = v & kNibbleMask;
    const int t = (((mantissa << kUlawMantissaShift) + kUlawBias) << exponent) - kUlawBias;
    return static_cast<std::int16_t>((v & kUlawSignBit) != 0 ? -t : t);
}

// --- A-law: ITU-T G.191 STL alaw_compress / alaw_expand ---

constexpr int kAlawEvenBits = 0x55;  // G.711 inverts the even bits of every A-law code
constexpr int kAlawSignBit = 0x80;
constexpr int kAlawMagnitudeMask = 0x7F;
constexpr int kAlawSegmentShift = 4;      // 16-bit sample >> 4 = 12-bit sign-magnitude domain
constexpr int kAlawMantissaLimit = 0x0F;  // largest mantissa within a segment
constexpr int kAlawLeadingOne = 0x10;
constexpr int kAlawHalfStep = 0x08;  // decoder reconstructs at the middle of the step

// The STL encoder looks at `x >> 4` only (for negative x it uses ~x >> 4 == ~(x >> 4)), so a
// table indexed by the top 12 bits of the sample's bit pattern is exact: 4 KiB.
constexpr std::size_t kAlawEncodeTableSize =
    std::size_t{1} << (std::numeric_limits<std::uint16_t>::digits - kAlawSegmentShift);

constexpr std::uint8_t alaw_encode_formula(int x) {
    int ix = (x < 0 ? ~x : x) >> kAlawSegmentShift;
    if (ix > kAlawMantissaLimit) {
        int exponent = 1;
        while (ix > kAlawLeadingOne + kAlawMantissaLimit) {
            ix >>= 1;
            ++exponent;
        }
        ix -= kAlawLeadingOne;
        ix += exponent << kExponentShift;
    }
    if (x >= 0) ix |= kAlawSignBit;
    return static_cast<std::uint8_t>(ix ^ kAlawEvenBits);
}

constexpr std::int16_t alaw_decode_formula(std::uint8_t code) {
    const int ix = code ^ kAlawEvenBits;
    const int exponent = (ix & kAlawMagnitudeMask) >> kExponentShift;
    int mantissa = ix & kNibbleMask;
    if (exponent > 0) mantissa += kAlawLeadingOne;
    mantissa = (mantissa << kExponentShift) + kAlawHalfStep;
    if (exponent > 1) mantissa <<= (exponent - 1);
    return static_cast<std::int16_t>(ix > kAlawMagnitudeMask ? mantissa : -mantissa);
}

// --- tables, built at compile time from the formulas above ---

template <auto Fn>
constexpr std::array<std::int16_t, kCodeCount> make_decode_table() {
    std::array<std::int16_t, kCodeCount> table{};
    for (std::size_t code = 0; code < kCodeCount; ++code) {
        table[code] = Fn(static_cast<std::uint8_t>(code));
    }
    return table;
}

constexpr std::array<std::uint8_t, kUlawEncodeTableSize> make_ulaw_encode_table() {
    std::array<std::uint8_t, kUlawEncodeTableSize> table{};
    for (std::size_t i = 0; i < kUlawEncodeTableSize; ++i) {
        table[i] = ulaw_encode_magnitude(static_cast<int>(i) << kUlawMagnitudeShift);
    }
    return table;
}

constexpr std::array<std::uint8_t, kAlawEncodeTableSize> make_alaw_encode_table() {
    std::array<std::uint8_t, kAlawEncodeTableSize> table{};
    for (std::size_t i = 0; i < kAlawEncodeTableSize; ++i) {
        // Rebuild a sample with these top 12 bits; the low 4 bits do not affect the code.
        const auto bits = static_cast<std::uint16_t>(i << kAlawSegmentShift);
        table[i] = alaw_encode_formula(static_cast<std::int16_t>(bits));
    }
    return table;
}

constexpr auto kUlawDecode = make_decode_table<ulaw_decode_formula>();
constexpr auto kAlawDecode = make_decode_table<alaw_decode_formula>();
constexpr auto kUlawEncode = make_ulaw_encode_table();
constexpr auto kAlawEncode = make_alaw_encode_table();

static_assert(kUlawDecode[0xFF] == 0 && kUlawDecode[0x80] == 32124 && kUlawDecode[0x00] == -32124);
static_assert(kAlawDecode[0xD5] == 8 && kAlawDecode[0xAA] == 32256 && kAlawDecode[0x2A] == -32256);

template <typename In, typename Out, typename Fn>
std::size_t convert(std::span<const In> in, std::span<Out> out, Fn fn) noexcept {
    const std::size_t n = std::min(in.size(), out.size());
    for (std::size_t i = 0; i < n; ++i) out[i] = fn(in[i]);
    return n;
}

}  // namespace

std::int16_t ulaw_to_linear(std::uint8_t code) noexcept { return kUlawDecode[code]; }

std::uint8_t linear_to_ulaw(std::int16_t sample) noexcept {
    // Branch-free sign-magnitude: -32768 widens to magnitude 32768, which the table covers.
    const int s = sample;
    const int negative = -static_cast<int>(s < 0);  // 0 or -1 (all bits set)
    const int magnitude = (s ^ negative) - negative;
    const auto index = static_cast<std::size_t>(magnitude >> kUlawMagnitudeShift);
    return static_cast<std::uint8_t>(kUlawEncode[index] ^ (negative & kUlawSignBit));
}

std::int16_t alaw_to_linear(std::uint8_t code) noexcept { return kAlawDecode[code]; }

std::uint8_t linear_to_alaw(std::int16_t sample) noexcept {
    const auto bits = static_cast<std::uint16_t>(sample);
    return kAlawEncode[static_cast<std::size_t>(bits >> kAlawSegmentShift)];
}

std::size_t decode_ulaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) noexcept {
    return convert(in, out, [](std::uint8_t code) { return ulaw_to_linear(code); });
}

std::size_t encode_ulaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) noexcept {
    return convert(in, out, [](std::int16_t sample) { return linear_to_ulaw(sample); });
}

std::size_t decode_alaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) noexcept {
    return convert(in, out, [](std::uint8_t code) { return alaw_to_linear(code); });
}

std::size_t encode_alaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) noexcept {
    return convert(in, out, [](std::int16_t sample) { return linear_to_alaw(sample); });
}

std::vector<std::int16_t> decode_ulaw(std::span<const std::uint8_t> in) {
    std::vector<std::int16_t> out(in.size());
    static_cast<void>(decode_ulaw(in, std::span{out}));
    return out;
}

std::vector<std::uint8_t> encode_ulaw(std::span<const std::int16_t> in) {
    std::vector<std::uint8_t> out(in.size());
    static_cast<void>(encode_ulaw(in, std::span{out}));
    return out;
}

std::vector<std::int16_t> decode_alaw(std::span<const std::uint8_t> in) {
    std::vector<std::int16_t> out(in.size());
    static_cast<void>(decode_alaw(in, std::span{out}));
    return out;
}

std::vector<std::uint8_t> encode_alaw(std::span<const std::int16_t> in) {
    std::vector<std::uint8_t> out(in.size());
    static_cast<void>(encode_alaw(in, std::span{out}));
    return out;
}

}  // namespace frontdesk::media
