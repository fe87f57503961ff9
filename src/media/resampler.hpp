#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

// speexdsp's state type, declared here so this header does not pull in <speex/...> (speexdsp is
// a private dependency of frontdesk::media).
struct SpeexResamplerState_;

namespace frontdesk::media {

inline constexpr int kResamplerQualityMin = 0;
inline constexpr int kResamplerQualityMax = 10;
/// speexdsp's "VoIP" quality: about 60 dB of stopband rejection for narrowband speech at a few
/// multiply-adds per output sample. Higher settings buy nothing audible on a phone line.
inline constexpr int kResamplerDefaultQuality = 3;

/// What one Resampler::process call did with its input and output.
struct ResampleResult {
    std::size_t consumed = 0;  // input samples used
    std::size_t produced = 0;  // output samples written
};

/// A streaming sample-rate converter for mono int16 audio (a speexdsp wrapper).
///
/// Keeps filter history across calls, so one stream can be fed in chunks of any length and the
/// output equals that of one big call. The output lags the input by latency() (the filter's
/// group delay); nothing is dropped or padded, so over a long stream the output length is
/// input length × output rate / input rate, within one sample.
///
/// Thread: not synchronised; belongs to one stream (one direction of one call) and is used on
/// that call's strand. Owns its speexdsp state. Movable, not copyable.
class Resampler {
public:
    /// Returns nullopt for rates outside 1 Hz..kMaxSampleRateHz, a quality outside
    /// kResamplerQualityMin..kResamplerQualityMax, or an allocation failure inside speexdsp.
    [[nodiscard]] static std::optional<Resampler> create(
        int input_rate_hz, int output_rate_hz, int quality = kResamplerDefaultQuality) noexcept;

    static constexpr int kMaxSampleRateHz = 192000;

    /// Converts `in` into caller-owned `out`. When out.size() >= max_output_samples(in.size())
    /// every input sample is consumed; otherwise the input is consumed only as far as output
    /// room allows, and the caller passes the rest again.
    [[nodiscard]] ResampleResult process(std::span<const std::int16_t> in,
                                         std::span<std::int16_t> out) noexcept;

    /// Output room that guarantees `input_samples` are consumed in one process() call.
    [[nodiscard]] std::size_t max_output_samples(std::size_t input_samples) const noexcept;

    /// Largest input that max_output_samples() fits into `output_room` (0 if none does).
    [[nodiscard]] std::size_t max_input_samples(std::size_t output_room) const noexcept;

    /// The filter's delay, in input samples (speex_resampler_get_input_latency).
    [[nodiscard]] int input_latency_samples() const noexcept;
    /// The filter's delay, in output samples (speex_resampler_get_output_latency).
    [[nodiscard]] int output_latency_samples() const noexcept;
    /// The filter's delay as time: output_latency_samples() at the output rate.
    [[nodiscard]] std::chrono::microseconds latency() const noexcept;

    /// Forgets all history, as if newly created (e.g. after a barge-in flush).
    void reset() noexcept;

    [[nodiscard]] int input_rate_hz() const noexcept { return input_rate_hz_; }
    [[nodiscard]] int output_rate_hz() const noexcept { return output_rate_hz_; }
    [[nodiscard]] int quality() const noexcept { return quality_; }

private:
    struct StateDeleter {
        void operator()(SpeexResamplerState_* state) const noexcept;
    };
    using StatePtr = std::unique_ptr<SpeexResamplerState_, StateDeleter>;

    Resampler(StatePtr state, int input_rate_hz, int output_rate_hz, int quality) noexcept;

    StatePtr state_;
    int input_rate_hz_ = 0;
    int output_rate_hz_ = 0;
    int quality_ = kResamplerDefaultQuality;
};

}  // namespace frontdesk::media
