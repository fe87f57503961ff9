#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// RFC 4648 §4 base64: standard alphabet, '=' padding, no line breaks. Used for Twilio and Exotel
// media payloads and OpenAI audio deltas. Pure functions, any thread, never throw; the span forms
// never allocate.
//
// The decoder is strict about structure: the length must be a multiple of 4, padding may only
// be the last one or two characters of the text, and every other character must be in the
// alphabet (whitespace included: none of our peers sends it). It is lenient in one place the RFC
// leaves open (§3.5): non-zero unused bits before the padding are ignored, not rejected.

namespace frontdesk::media {

/// Characters needed to encode `byte_count` bytes (always a multiple of 4).
[[nodiscard]] constexpr std::size_t base64_encoded_size(std::size_t byte_count) noexcept {
    constexpr std::size_t kBytesPerGroup = 3;
    constexpr std::size_t kCharsPerGroup = 4;
    return (byte_count + kBytesPerGroup - 1) / kBytesPerGroup * kCharsPerGroup;
}

/// Exact decoded size of `text`, or nullopt when its length or padding is malformed. Does not
/// look at the other characters.
[[nodiscard]] std::optional<std::size_t> base64_decoded_size(std::string_view text) noexcept;

/// Encodes into caller-owned `out`; returns the characters written, or nullopt when `out` is
/// shorter than base64_encoded_size(bytes.size()) (then nothing is written).
[[nodiscard]] std::optional<std::size_t> base64_encode(std::span<const std::uint8_t> bytes,
                                                       std::span<char> out) noexcept;

/// Decodes into caller-owned `out`; returns the bytes written, or nullopt when `text` is not
/// valid base64 or `out` is too small. On failure the contents of `out` are unspecified.
[[nodiscard]] std::optional<std::size_t> base64_decode(std::string_view text,
                                                       std::span<std::uint8_t> out) noexcept;

/// Appends the encoding to `out`; reusing one string keeps the frame path allocation-free once
/// its capacity has grown.
void base64_encode_append(std::span<const std::uint8_t> bytes, std::string& out);

// Convenience overloads (they allocate).
[[nodiscard]] std::string base64_encode(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace frontdesk::media
