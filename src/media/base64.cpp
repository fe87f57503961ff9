#include "media/base64.hpp"

#include <array>
#include <cstring>

namespace frontdesk::media {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kPad = '=';
constexpr std::size_t kBytesPerGroup = 3;
constexpr std::size_t kCharsPerGroup = 4;
constexpr unsigned kBitsPerChar = 6;
constexpr unsigned kSextetMask = 0x3F;
constexpr unsigned kByteBits = 8;
constexpr unsigned kByteMask = 0xFF;

// Encoding: one lookup per 12 bits, giving two characters at once.
constexpr std::size_t kPairCount = std::size_t{1} << (2 * kBitsPerChar);
using CharPair = std::array<char, 2>;

constexpr std::array<CharPair, kPairCount> make_pair_table() {
    std::array<CharPair, kPairCount> table{};
    for (std::size_t i = 0; i < kPairCount; ++i) {
        table[i] = {kAlphabet[i >> kBitsPerChar], kAlphabet[i & kSextetMask]};
    }
    return table;
}

constexpr auto kPairs = make_pair_table();

// Decoding: one table per position in a group, holding the sextet already shifted into place,
// so a group is four lookups OR'd together. A character outside the alphabet (padding
// included, which is handled structurally) holds kInvalid, a bit above the 24 data bits, so
// one test per group catches it.
constexpr std::uint32_t kInvalid = std::uint32_t{1} << (kBytesPerGroup * kByteBits);
constexpr std::size_t kCharValues = 256;
using DecodeTable = std::array<std::uint32_t, kCharValues>;

constexpr DecodeTable make_decode_table(std::size_t position) {
    DecodeTable table{};
    table.fill(kInvalid);
    const auto shift = kBitsPerChar * (kCharsPerGroup - 1 - position);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint32_t>(i) << shift;
    }
    return table;
}

constexpr std::array<DecodeTable, kCharsPerGroup> kDecode = {
    make_decode_table(0), make_decode_table(1), make_decode_table(2), make_decode_table(3)};

std::uint32_t group_bits(const char* in, std::size_t position) noexcept {
    return kDecode[position][static_cast<unsigned char>(in[position])];
}

void put_pair(std::uint32_t twelve_bits, char* out) noexcept {
    std::memcpy(out, kPairs[twelve_bits].data(), 2);
}

// Writes the encoding of `bytes`; `out` has room for base64_encoded_size(bytes.size()).
void encode_unchecked(std::span<const std::uint8_t> bytes, char* out) noexcept {
    constexpr unsigned kTwelveBits = 2 * kBitsPerChar;
    constexpr std::uint32_t kTwelveMask = kPairCount - 1;
    std::size_t i = 0;
    for (; i + kBytesPerGroup <= bytes.size(); i += kBytesPerGroup) {
        const std::uint32_t group = (std::uint32_t{bytes[i]} << (2 * kByteBits)) |
                                    (std::uint32_t{bytes[i + 1]} << kByteBits) | bytes[i + 2];
        put_pair(group >> kTwelveBits, out);
        put_pair(group & kTwelveMask, out + 2);
        out += kCharsPerGroup;
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0) return;
    std::uint32_t group = std::uint32_t{bytes[i]} << (2 * kByteBits);
    if (rest == 2) group |= std::uint32_t{bytes[i + 1]} << kByteBits;
    put_pair(group >> kTwelveBits, out);
    out[2] = rest == 2 ? kAlphabet[(group >> kBitsPerChar) & kSextetMask] : kPad;
    out[3] = kPad;
}

// Decodes one full group of four characters into three bytes; false on a character outside
// the alphabet.
bool decode_full_group(const char* in, std::uint8_t* out) noexcept {
    const std::uint32_t group =
        group_bits(in, 0) | group_bits(in, 1) | group_bits(in, 2) | group_bits(in, 3);
    if (group >= kInvalid) return false;
    out[0] = static_cast<std::uint8_t>(group >> (2 * kByteBits));
    out[1] = static_cast<std::uint8_t>((group >> kByteBits) & kByteMask);
    out[2] = static_cast<std::uint8_t>(group & kByteMask);
    return true;
}

// Decodes the first `chars` characters (2 or 3) of the last group into chars - 1 bytes.
bool decode_partial_group(const char* in, std::size_t chars, std::uint8_t* out) noexcept {
    std::uint32_t group = 0;
    for (std::size_t c = 0; c < chars; ++c) group |= group_bits(in, c);
    if (group >= kInvalid) return false;
    for (std::size_t b = 0; b + 1 < chars; ++b) {
        out[b] = static_cast<std::uint8_t>((group >> (kByteBits * (kBytesPerGroup - 1 - b))) &
                                           kByteMask);
    }
    return true;
}

}  // namespace

std::optional<std::size_t> base64_decoded_size(std::string_view text) noexcept {
    if (text.size() % kCharsPerGroup != 0) return std::nullopt;
    if (text.empty()) return 0;
    std::size_t padding = 0;
    if (text.back() == kPad) padding = text[text.size() - 2] == kPad ? 2 : 1;
    return text.size() / kCharsPerGroup * kBytesPerGroup - padding;
}

std::optional<std::size_t> base64_encode(std::span<const std::uint8_t> bytes,
                                         std::span<char> out) noexcept {
    const std::size_t size = base64_encoded_size(bytes.size());
    if (out.size() < size) return std::nullopt;
    encode_unchecked(bytes, out.data());
    return size;
}

std::optional<std::size_t> base64_decode(std::string_view text,
                                         std::span<std::uint8_t> out) noexcept {
    const auto size = base64_decoded_size(text);
    if (!size || out.size() < *size) return std::nullopt;
    if (*size == 0) return 0;
    // Every group but the last is complete; the last holds 2, 3 or 4 data characters. Padding
    // anywhere else is not in the decode table, so it fails like any other bad character.
    const std::size_t full_groups = text.size() / kCharsPerGroup - 1;
    const char* in = text.data();
    std::uint8_t* dst = out.data();
    for (std::size_t g = 0; g < full_groups; ++g) {
        if (!decode_full_group(in, dst)) return std::nullopt;
        in += kCharsPerGroup;
        dst += kBytesPerGroup;
    }
    const std::size_t last_bytes = *size - full_groups * kBytesPerGroup;
    const bool last_ok = last_bytes == kBytesPerGroup
                             ? decode_full_group(in, dst)
                             : decode_partial_group(in, last_bytes + 1, dst);
    if (!last_ok) return std::nullopt;
    return size;
}

void base64_encode_append(std::span<const std::uint8_t> bytes, std::string& out) {
    const std::size_t old_size = out.size();
    out.resize(old_size + base64_encoded_size(bytes.size()));
    encode_unchecked(bytes, out.data() + old_size);
}

std::string base64_encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    base64_encode_append(bytes, out);
    return out;
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
    const auto size = base64_decoded_size(text);
    if (!size) return std::nullopt;
    std::vector<std::uint8_t> out(*size);
    if (!base64_decode(text, std::span{out})) return std::nullopt;
    return out;
}

}  // namespace frontdesk::media
