#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

// 16-bit linear PCM helpers: little-endian bytes ↔ samples (Exotel "slin", OpenAI audio/pcm) and
// saturating gain. Pure functions, any thread, never throw; the span forms never allocate.
//
// Byte order is assembled byte by byte, so input and output spans may sit at any alignment and
// the result does not depend on the host's endianness.

namespace frontdesk::media {

inline constexpr std::size_t kPcm16BytesPerSample = 2;

/// Whole samples in `byte_count` bytes of PCM16.
[[nodiscard]] constexpr std::size_t pcm16_sample_count(std::size_t byte_count) noexcept {
    return byte_count / kPcm16BytesPerSample;
}

/// True when `bytes` ends with half a sample, which the readers below leave unread.
[[nodiscard]] constexpr bool has_partial_sample(std::span<const std::uint8_t> bytes) noexcept {
    return bytes.size() % kPcm16BytesPerSample != 0;
}

[[nodiscard]] constexpr std::int16_t read_pcm16le_sample(std::uint8_t low,
                                                         std::uint8_t high) noexcept {
    constexpr unsigned kHighByteShift = 8;
    return static_cast<std::int16_t>(static_cast<std::uint16_t>(low | (high << kHighByteShift)));
}

/// Reads little-endian samples into caller-owned `out`. Converts
/// min(pcm16_sample_count(bytes.size()), out.size()) samples and returns that count; an odd
/// trailing byte is ignored (see has_partial_sample) and never read past.
[[nodiscard]] std::size_t read_pcm16le(std::span<const std::uint8_t> bytes,
                                       std::span<std::int16_t> out) noexcept;

/// Writes samples as little-endian bytes into caller-owned `out`. Writes
/// min(samples.size(), out.size() / 2) samples and returns the number of bytes written.
[[nodiscard]] std::size_t write_pcm16le(std::span<const std::int16_t> samples,
                                        std::span<std::uint8_t> out) noexcept;

// Convenience overloads (they allocate).
[[nodiscard]] std::vector<std::int16_t> read_pcm16le(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::vector<std::uint8_t> write_pcm16le(std::span<const std::int16_t> samples);

/// Clamps a wider intermediate value into the int16 range.
[[nodiscard]] constexpr std::int16_t saturate_to_int16(std::int32_t value) noexcept {
    constexpr std::int32_t kMin = std::numeric_limits<std::int16_t>::min();
    constexpr std::int32_t kMax = std::numeric_limits<std::int16_t>::max();
    return static_cast<std::int16_t>(value < kMin ? kMin : (value > kMax ? kMax : value));
}

/// Multiplies every sample by `linear_gain` in place, rounding to nearest and saturating.
/// A NaN or infinite gain leaves the samples unchanged.
void apply_gain(std::span<std::int16_t> samples, float linear_gain) noexcept;

}  // namespace frontdesk::media
