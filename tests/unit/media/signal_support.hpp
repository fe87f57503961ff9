#pragma once

// Test signals and measurements for the media tests: sines, SNR, delay by cross-correlation.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <random>
#include <span>
#include <vector>

namespace frontdesk::media::test {

/// `count` samples of amplitude·sin(2π·frequency·(n − delay)/rate); zero before `delay`.
inline std::vector<std::int16_t> make_sine(int rate_hz, double frequency_hz, double amplitude,
                                           std::size_t count, double delay_samples = 0.0) {
    std::vector<std::int16_t> samples(count);
    for (std::size_t n = 0; n < count; ++n) {
        const double t = static_cast<double>(n) - delay_samples;
        const double v = t < 0 ? 0.0
                               : amplitude * std::sin(2.0 * std::numbers::pi * frequency_hz * t /
                                                      static_cast<double>(rate_hz));
        samples[n] = static_cast<std::int16_t>(std::lround(v));
    }
    return samples;
}

/// A linear chirp from `start_hz` to `end_hz` over `count` samples: unlike a sine it has one
/// unambiguous alignment, so it locates delays.
inline std::vector<std::int16_t> make_chirp(int rate_hz, double start_hz, double end_hz,
                                            double amplitude, std::size_t count) {
    std::vector<std::int16_t> samples(count);
    const double duration = static_cast<double>(count) / rate_hz;
    for (std::size_t n = 0; n < count; ++n) {
        const double t = static_cast<double>(n) / rate_hz;
        const double phase =
            2.0 * std::numbers::pi * (start_hz * t + 0.5 * (end_hz - start_hz) * t * t / duration);
        samples[n] = static_cast<std::int16_t>(std::lround(amplitude * std::sin(phase)));
    }
    return samples;
}

/// 10·log10(Σ reference² / Σ (test − reference)²) over the common length.
inline double snr_db(std::span<const std::int16_t> reference, std::span<const std::int16_t> test) {
    double signal = 0.0;
    double noise = 0.0;
    const std::size_t n = std::min(reference.size(), test.size());
    for (std::size_t i = 0; i < n; ++i) {
        const double r = reference[i];
        const double e = static_cast<double>(test[i]) - r;
        signal += r * r;
        noise += e * e;
    }
    constexpr double kFloor = 1e-12;
    return 10.0 * std::log10(signal / std::max(noise, kFloor));
}

/// The lag in [0, max_lag] at which Σ reference[i]·test[i + lag] is largest, over `window`
/// samples of reference starting at `start`.
inline std::size_t best_lag(std::span<const std::int16_t> reference,
                            std::span<const std::int16_t> test, std::size_t start,
                            std::size_t window, std::size_t max_lag) {
    std::size_t best = 0;
    double best_score = -1e300;
    for (std::size_t lag = 0; lag <= max_lag; ++lag) {
        double score = 0.0;
        for (std::size_t i = start; i < start + window && i + lag < test.size(); ++i) {
            score += static_cast<double>(reference[i]) * test[i + lag];
        }
        if (score > best_score) {
            best_score = score;
            best = lag;
        }
    }
    return best;
}

/// Index of the largest |sample|, refined to a fraction of a sample by fitting a parabola
/// through the peak and its neighbours.
inline double peak_position(std::span<const std::int16_t> samples) {
    std::size_t peak = 0;
    for (std::size_t i = 1; i < samples.size(); ++i) {
        if (std::abs(samples[i]) > std::abs(samples[peak])) peak = i;
    }
    if (peak == 0 || peak + 1 >= samples.size()) return static_cast<double>(peak);
    const double a = samples[peak - 1];
    const double b = samples[peak];
    const double c = samples[peak + 1];
    const double denominator = a - 2.0 * b + c;
    const double offset = denominator == 0.0 ? 0.0 : 0.5 * (a - c) / denominator;
    return static_cast<double>(peak) + offset;
}

inline std::vector<std::uint8_t> random_bytes(std::size_t count, std::mt19937& rng) {
    std::uniform_int_distribution<int> byte(0, 255);
    std::vector<std::uint8_t> bytes(count);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(byte(rng));
    return bytes;
}

}  // namespace frontdesk::media::test
