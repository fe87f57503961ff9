#include "media/base64.hpp"

#include <array>

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

// Decode table: sextet value, or kInvalid for anything outside the alphabet (padding included,
// which is handled structurally). kInvalid has a bit no sextet has, so one OR over a group
// detects any bad character.
constexpr std::uint8_t kInvalid = 0x80;
constexpr std::size_t kCharValues = 256;

constexpr std::array<std::uint8_t, kCharValues> make_decode_table() {
    std::array<std::uint8_t, kCharValues> table{};
    table.fill(kInvalid);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
    }
    return table;
}

constexpr auto kDecode = make_decode_table();

char sextet_char(std::uint32_t group, std::size_t index_from_top) noexcept {
    const std::size_t shift = kBitsPerChar * (kCharsPerGroup - 1 - index_from_top);
    return kAlphabet[(group >> shift) & kSextetMask];
}

std::uint32_t sextet(char c) noexcept { return kDecode[static_cast<unsigned char>(c)]; }

// Writes the encoding of `bytes`; `out` has room for base64_encoded_size(bytes.size()).
void encode_unchecked(std::span<const std::uint8_t> bytes, char* out) noexcept {
    std::size_t i = 0;
    for (; i + kBytesPerGroup <= bytes.size(); i += kBytesPerGroup) {
        const std::uint32_t group = (std::uint32_t{bytes[i]} << (2 * kByteBits)) |
                                    (std::uint32_t{bytes[i + 1]} << kByteBits) | bytes[i + 2];
        for (std::size_t c = 0; c < kCharsPerGroup; ++c) *out++ = sextet_char(group, c);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0) return;
    std::uint32_t group = std::uint32_t{bytes[i]} << (2 * kByteBits);
    if (rest == 2) group |= std::uint32_t{bytes[i + 1]} << kByteBits;
    *out++ = sextet_char(group, 0);
    *out++ = sextet_char(group, 1);
    *out++ = rest == 2 ? sextet_char(group, 2) : kPad;
    *out = kPad;
}

// Decodes the first `chars` characters of one group (2, 3 or 4) into chars - 1 bytes.
// Returns false on a character outside the alphabet.
bool decode_group(const char* in, std::size_t chars, std::uint8_t* out) noexcept {
    std::uint32_t group = 0;
    std::uint32_t bad = 0;
    for (std::size_t c = 0; c < kCharsPerGroup; ++c) {
        const std::uint32_t v = c < chars ? sextet(in[c]) : 0;
        bad |= v;
        group = (group << kBitsPerChar) | v;
    }
    if ((bad & kInvalid) != 0) return false;
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
        if (!decode_group(in, kCharsPerGroup, dst)) return std::nullopt;
        in += kCharsPerGroup;
        dst += kBytesPerGroup;
    }
    const std::size_t last_bytes = *size - full_groups * kBytesPerGroup;
    if (!decode_group(in, last_bytes + 1, dst)) return std::nullopt;
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
