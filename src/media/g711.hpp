#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

// G.711 μ-law (PCMU) and A-law (PCMA) codecs. Pure functions, table-driven, callable from any
// thread, never throw, never allocate (except the vector-returning convenience overloads).
//
// μ-law is bit-exact with the pinned Sun/Reese routine (bias 0x84, clip 32635, no zero trap;
// PROTOCOLS §11-§12). A-law follows ITU-T G.711 as implemented by the ITU-T G.191 STL
// (`alaw_compress` / `alaw_expand`), with even-bit inversion (0x55).
//
// Bulk functions are length-agnostic: they convert min(in.size(), out.size()) samples, return
// that count, and never touch anything beyond either span.

namespace frontdesk::media {

/// μ-law digital silence: decodes to 0. 160 of these are 20 ms of silence at 8 kHz.
inline constexpr std::uint8_t kUlawSilence = 0xFF;
/// A-law code nearest to silence (decodes to +8; G.711 A-law has no zero code).
inline constexpr std::uint8_t kAlawSilence = 0xD5;

[[nodiscard]] std::int16_t ulaw_to_linear(std::uint8_t code) noexcept;
[[nodiscard]] std::uint8_t linear_to_ulaw(std::int16_t sample) noexcept;
[[nodiscard]] std::int16_t alaw_to_linear(std::uint8_t code) noexcept;
[[nodiscard]] std::uint8_t linear_to_alaw(std::int16_t sample) noexcept;

/// Decodes μ-law bytes into caller-owned samples; returns the number of samples written.
[[nodiscard]] std::size_t decode_ulaw(std::span<const std::uint8_t> in,
                                      std::span<std::int16_t> out) noexcept;
/// Encodes samples into caller-owned μ-law bytes; returns the number of bytes written.
[[nodiscard]] std::size_t encode_ulaw(std::span<const std::int16_t> in,
                                      std::span<std::uint8_t> out) noexcept;
[[nodiscard]] std::size_t decode_alaw(std::span<const std::uint8_t> in,
                                      std::span<std::int16_t> out) noexcept;
[[nodiscard]] std::size_t encode_alaw(std::span<const std::int16_t> in,
                                      std::span<std::uint8_t> out) noexcept;

// Convenience overloads for control-plane and test code (they allocate).
[[nodiscard]] std::vector<std::int16_t> decode_ulaw(std::span<const std::uint8_t> in);
[[nodiscard]] std::vector<std::uint8_t> encode_ulaw(std::span<const std::int16_t> in);
[[nodiscard]] std::vector<std::int16_t> decode_alaw(std::span<const std::uint8_t> in);
[[nodiscard]] std::vector<std::uint8_t> encode_alaw(std::span<const std::int16_t> in);

}  // namespace frontdesk::media
