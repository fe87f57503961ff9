#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "media/audio_format.hpp"
#include "media/resampler.hpp"

namespace frontdesk::media {

/// What one Transcoder::convert call did with its input and output.
struct TranscodeResult {
    std::size_t consumed_bytes = 0;
    std::size_t produced_bytes = 0;
};

/// A streaming converter of one direction of one call's audio, from one AudioFormat to another:
/// decode (μ-law, A-law or PCM16 LE) → resample (speexdsp, only when the rates differ) → encode.
/// Identical formats are copied through untouched.
///
/// Length-agnostic: input may arrive in chunks of any size; a PCM16 chunk ending in half a
/// sample keeps that byte for the next call. Resampler history and scratch buffers are created
/// by create() and reused, so convert() never allocates.
///
/// Thread: not synchronised; used on its call's strand. A call keeps one Transcoder per
/// direction (see CallTranscoders). Owns its resampler and scratch buffers. Movable only.
class Transcoder {
public:
    /// nullopt when either format is not is_supported() or the resampler cannot be built.
    /// Allocates the scratch buffers here; std::bad_alloc is the only exception it can throw.
    [[nodiscard]] static std::optional<Transcoder> create(AudioFormat from, AudioFormat to,
                                                          int quality = kResamplerDefaultQuality);

    /// Converts `in` into caller-owned `out`. With out.size() >= max_output_bytes(in.size())
    /// all of `in` is consumed; with less room the input is consumed only as far as the output
    /// fits, and the caller passes the rest again.
    [[nodiscard]] TranscodeResult convert(std::span<const std::uint8_t> in,
                                          std::span<std::uint8_t> out) noexcept;

    /// Converts all of `in`, appending to `out`. Allocates only while `out` grows beyond the
    /// capacity it already has, so a reused vector makes this allocation-free too.
    void convert_append(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out);

    /// Output room that guarantees convert() consumes `input_bytes` bytes.
    [[nodiscard]] std::size_t max_output_bytes(std::size_t input_bytes) const noexcept;

    /// Algorithmic delay from input to output (the resampler's filter delay; zero otherwise).
    [[nodiscard]] std::chrono::microseconds latency() const noexcept;

    /// True when convert() only copies bytes (same format on both sides).
    [[nodiscard]] bool is_pass_through() const noexcept { return from_ == to_; }

    /// Drops filter history and any held half sample (e.g. when outbound audio is cleared).
    void reset() noexcept;

    [[nodiscard]] AudioFormat input_format() const noexcept { return from_; }
    [[nodiscard]] AudioFormat output_format() const noexcept { return to_; }

private:
    Transcoder(AudioFormat from, AudioFormat to, std::optional<Resampler> resampler);

    [[nodiscard]] std::size_t block_input_limit(std::size_t output_room_bytes) const noexcept;
    [[nodiscard]] std::size_t output_samples_for(std::size_t input_samples) const noexcept;
    [[nodiscard]] std::size_t fill_input_block(std::span<const std::uint8_t> in,
                                               std::size_t samples) noexcept;
    [[nodiscard]] std::size_t emit_block(std::size_t samples, std::span<std::uint8_t> out) noexcept;

    AudioFormat from_{};
    AudioFormat to_{};
    std::optional<Resampler> resampler_;        // present only when the rates differ
    std::vector<std::int16_t> input_samples_;   // one block of decoded input
    std::vector<std::int16_t> output_samples_;  // one block of resampled output
    std::uint8_t held_byte_ = 0;                // first half of a PCM16 sample split across calls
    bool has_held_byte_ = false;
};

/// The two directions of one call: caller → model and model → caller.
struct CallTranscoders {
    Transcoder to_model;
    Transcoder to_caller;
};

/// Builds both directions between a telephony format and a model format (e.g. Exotel PCM16 at
/// 8 kHz and OpenAI audio/pcm at 24 kHz; Twilio μ-law and audio/pcmu gives two pass-throughs).
[[nodiscard]] std::optional<CallTranscoders> make_call_transcoders(
    AudioFormat telephony, AudioFormat model, int quality = kResamplerDefaultQuality);

}  // namespace frontdesk::media
