#include "media/pcm16.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace frontdesk::media {
namespace {

constexpr unsigned kHighByteShift = 8;
constexpr unsigned kLowByteMask = 0xFF;

}  // namespace

std::size_t read_pcm16le(std::span<const std::uint8_t> bytes,
                         std::span<std::int16_t> out) noexcept {
    const std::size_t n = std::min(pcm16_sample_count(bytes.size()), out.size());
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = read_pcm16le_sample(bytes[kPcm16BytesPerSample * i],
                                     bytes[kPcm16BytesPerSample * i + 1]);
    }
    return n;
}

std::size_t write_pcm16le(std::span<const std::int16_t> samples,
                          std::span<std::uint8_t> out) noexcept {
    const std::size_t n = std::min(samples.size(), out.size() / kPcm16BytesPerSample);
    for (std::size_t i = 0; i < n; ++i) {
        const auto bits = static_cast<std::uint16_t>(samples[i]);
        out[kPcm16BytesPerSample * i] = static_cast<std::uint8_t>(bits & kLowByteMask);
        out[kPcm16BytesPerSample * i + 1] = static_cast<std::uint8_t>(bits >> kHighByteShift);
    }
    return n * kPcm16BytesPerSample;
}

std::vector<std::int16_t> read_pcm16le(std::span<const std::uint8_t> bytes) {
    std::vector<std::int16_t> out(pcm16_sample_count(bytes.size()));
    static_cast<void>(read_pcm16le(bytes, std::span{out}));
    return out;
}

std::vector<std::uint8_t> write_pcm16le(std::span<const std::int16_t> samples) {
    std::vector<std::uint8_t> out(samples.size() * kPcm16BytesPerSample);
    static_cast<void>(write_pcm16le(samples, std::span{out}));
    return out;
}

void apply_gain(std::span<std::int16_t> samples, float linear_gain) noexcept {
    if (!std::isfinite(linear_gain)) return;  // no meaningful result; leave the audio untouched
    constexpr auto kMin = static_cast<float>(std::numeric_limits<std::int16_t>::min());
    constexpr auto kMax = static_cast<float>(std::numeric_limits<std::int16_t>::max());
    for (auto& sample : samples) {
        // Clamp in float first so lrint never sees a value outside the int16 range (or inf).
        const float scaled = std::clamp(static_cast<float>(sample) * linear_gain, kMin, kMax);
        sample = static_cast<std::int16_t>(std::lrint(scaled));
    }
}

}  // namespace frontdesk::media
