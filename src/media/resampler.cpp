#include "media/resampler.hpp"

#include <limits>

#include <speex/speex_resampler.h>

namespace frontdesk::media {
namespace {

static_assert(kResamplerQualityMin == SPEEX_RESAMPLER_QUALITY_MIN);
static_assert(kResamplerQualityMax == SPEEX_RESAMPLER_QUALITY_MAX);

constexpr spx_uint32_t kMono = 1;
constexpr spx_uint32_t kChannel = 0;
// speexdsp may emit one sample more than the exact ratio in a call, depending on where the
// previous call left the filter phase; one more sample of slack keeps the bound safe.
constexpr std::size_t kOutputSlackSamples = 2;
// speexdsp counts in spx_uint32_t; larger calls are split.
constexpr std::size_t kMaxSamplesPerSpeexCall = std::numeric_limits<spx_uint32_t>::max();

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

}  // namespace

void Resampler::StateDeleter::operator()(SpeexResamplerState_* state) const noexcept {
    speex_resampler_destroy(state);
}

std::optional<Resampler> Resampler::create(int input_rate_hz, int output_rate_hz,
                                           int quality) noexcept {
    const auto valid_rate = [](int rate) { return rate > 0 && rate <= kMaxSampleRateHz; };
    if (!valid_rate(input_rate_hz) || !valid_rate(output_rate_hz)) return std::nullopt;
    if (quality < kResamplerQualityMin || quality > kResamplerQualityMax) return std::nullopt;
    int error = RESAMPLER_ERR_SUCCESS;
    StatePtr state{speex_resampler_init(kMono, static_cast<spx_uint32_t>(input_rate_hz),
                                        static_cast<spx_uint32_t>(output_rate_hz), quality,
                                        &error)};
    if (!state || error != RESAMPLER_ERR_SUCCESS) return std::nullopt;
    // No speex_resampler_skip_zeros: the stream keeps its leading filter delay, so the output
    // timeline is the input's shifted by latency() and lengths stay exactly proportional.
    return Resampler{std::move(state), input_rate_hz, output_rate_hz, quality};
}

Resampler::Resampler(StatePtr state, int input_rate_hz, int output_rate_hz, int quality) noexcept
    : state_(std::move(state)),
      input_rate_hz_(input_rate_hz),
      output_rate_hz_(output_rate_hz),
      quality_(quality) {}

ResampleResult Resampler::process(std::span<const std::int16_t> in,
                                  std::span<std::int16_t> out) noexcept {
    ResampleResult result;
    while (result.consumed < in.size() && result.produced < out.size()) {
        auto in_len = static_cast<spx_uint32_t>(
            std::min(in.size() - result.consumed, kMaxSamplesPerSpeexCall));
        auto out_len = static_cast<spx_uint32_t>(
            std::min(out.size() - result.produced, kMaxSamplesPerSpeexCall));
        const int error =
            speex_resampler_process_int(state_.get(), kChannel, in.data() + result.consumed,
                                        &in_len, out.data() + result.produced, &out_len);
        if (error != RESAMPLER_ERR_SUCCESS || (in_len == 0 && out_len == 0)) break;
        result.consumed += in_len;
        result.produced += out_len;
    }
    return result;
}

std::size_t Resampler::max_output_samples(std::size_t input_samples) const noexcept {
    const auto in_rate = static_cast<std::size_t>(input_rate_hz_);
    const auto out_rate = static_cast<std::size_t>(output_rate_hz_);
    return (input_samples * out_rate + in_rate - 1) / in_rate + kOutputSlackSamples;
}

std::size_t Resampler::max_input_samples(std::size_t output_room) const noexcept {
    if (output_room <= kOutputSlackSamples) return 0;
    const auto in_rate = static_cast<std::size_t>(input_rate_hz_);
    const auto out_rate = static_cast<std::size_t>(output_rate_hz_);
    return (output_room - kOutputSlackSamples) * in_rate / out_rate;
}

int Resampler::input_latency_samples() const noexcept {
    return speex_resampler_get_input_latency(state_.get());
}

int Resampler::output_latency_samples() const noexcept {
    return speex_resampler_get_output_latency(state_.get());
}

std::chrono::microseconds Resampler::latency() const noexcept {
    return std::chrono::microseconds{std::int64_t{output_latency_samples()} * kMicrosPerSecond /
                                     output_rate_hz_};
}

void Resampler::reset() noexcept { speex_resampler_reset_mem(state_.get()); }

}  // namespace frontdesk::media
