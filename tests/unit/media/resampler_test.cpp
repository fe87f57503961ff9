#include "media/resampler.hpp"

#include <cmath>
#include <cstdint>
#include <random>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "media/audio_format.hpp"
#include "signal_support.hpp"

namespace frontdesk::media {
namespace {

using RatePair = std::tuple<int, int>;

// Not a divisor of any rate: a 1 kHz tone at 8 kHz repeats every 8 samples and comes through
// speexdsp bit-exact, which would test nothing.
constexpr double kToneHz = 1234.5;
// Quality floors. Measured with Debian's float speexdsp 1.2.1 at quality 3: 85 dB (8→24) and
// 99 dB (8→24→8); the floors leave room for other builds (e.g. fixed point) and versions.
constexpr double kMinUpsampleSnrDb = 50.0;
constexpr double kMinRoundTripSnrDb = 50.0;
constexpr double kMinTelephonyBandSnrDb = 40.0;
constexpr double kAmplitude = 10000.0;

Resampler make(int in_rate, int out_rate, int quality = kResamplerDefaultQuality) {
    auto resampler = Resampler::create(in_rate, out_rate, quality);
    EXPECT_TRUE(resampler.has_value());
    return std::move(*resampler);
}

// Feeds `in` in chunks of the given lengths (cycled); every chunk must be consumed whole.
std::vector<std::int16_t> run_chunked(Resampler& resampler, const std::vector<std::int16_t>& in,
                                      const std::vector<std::size_t>& chunks) {
    std::vector<std::int16_t> out;
    std::vector<std::int16_t> scratch;
    std::size_t pos = 0;
    for (std::size_t c = 0; pos < in.size(); ++c) {
        const std::size_t n = std::min(chunks[c % chunks.size()], in.size() - pos);
        scratch.resize(resampler.max_output_samples(n));
        const ResampleResult r = resampler.process(std::span{in}.subspan(pos, n), scratch);
        EXPECT_EQ(r.consumed, n);
        out.insert(out.end(), scratch.begin(), scratch.begin() + static_cast<long>(r.produced));
        pos += n;
    }
    return out;
}

TEST(Resampler, RejectsBadArguments) {
    EXPECT_FALSE(Resampler::create(0, kSampleRate8k).has_value());
    EXPECT_FALSE(Resampler::create(kSampleRate8k, -1).has_value());
    EXPECT_FALSE(Resampler::create(kSampleRate8k, Resampler::kMaxSampleRateHz + 1).has_value());
    EXPECT_FALSE(Resampler::create(kSampleRate8k, kSampleRate24k, -1).has_value());
    EXPECT_FALSE(Resampler::create(kSampleRate8k, kSampleRate24k, 11).has_value());
    EXPECT_TRUE(Resampler::create(kSampleRate8k, kSampleRate24k, kResamplerQualityMax));
}

TEST(Resampler, ReportsConfiguration) {
    const Resampler r = make(kSampleRate8k, kSampleRate24k, 5);
    EXPECT_EQ(r.input_rate_hz(), kSampleRate8k);
    EXPECT_EQ(r.output_rate_hz(), kSampleRate24k);
    EXPECT_EQ(r.quality(), 5);
}

TEST(Resampler, DefaultQualityLatencyIsThreeMillisecondsEachWayBetween8kAnd24k) {
    const Resampler up = make(kSampleRate8k, kSampleRate24k);
    EXPECT_EQ(up.input_latency_samples(), 24);
    EXPECT_EQ(up.output_latency_samples(), 72);
    EXPECT_EQ(up.latency(), std::chrono::milliseconds{3});
    const Resampler down = make(kSampleRate24k, kSampleRate8k);
    EXPECT_EQ(down.input_latency_samples(), 72);
    EXPECT_EQ(down.output_latency_samples(), 24);
    EXPECT_EQ(down.latency(), std::chrono::milliseconds{3});
}

TEST(Resampler, EmptyInputProducesNothing) {
    Resampler r = make(kSampleRate8k, kSampleRate24k);
    std::vector<std::int16_t> out(8);
    const ResampleResult result = r.process({}, out);
    EXPECT_EQ(result.consumed, 0U);
    EXPECT_EQ(result.produced, 0U);
}

class ResamplerPairs : public ::testing::TestWithParam<std::tuple<RatePair, int>> {
protected:
    int in_rate() const { return std::get<0>(std::get<0>(GetParam())); }
    int out_rate() const { return std::get<1>(std::get<0>(GetParam())); }
    int quality() const { return std::get<1>(GetParam()); }
};

// An impulse at input sample p must peak at output sample p·out/in + output latency. p is a
// multiple of every rate ratio's denominator so the ideal position is a whole sample.
TEST_P(ResamplerPairs, ImpulseDelayMatchesReportedLatency) {
    Resampler r = make(in_rate(), out_rate(), quality());
    constexpr std::size_t kImpulseAt = 600;
    std::vector<std::int16_t> in(4 * kImpulseAt, 0);
    in[kImpulseAt] = static_cast<std::int16_t>(2 * kAmplitude);
    const auto out = run_chunked(r, in, {160});
    const double ratio = static_cast<double>(out_rate()) / in_rate();
    const double delay_out = test::peak_position(out) - kImpulseAt * ratio;
    EXPECT_NEAR(delay_out, r.output_latency_samples(), 1.0);
    EXPECT_NEAR(delay_out / ratio, r.input_latency_samples(), 1.0 + 1.0 / ratio);
    const double latency_us = static_cast<double>(r.latency().count());
    EXPECT_NEAR(latency_us, delay_out * 1e6 / out_rate(), 1e6 / out_rate());
    RecordProperty("measured_delay_out_samples", std::to_string(delay_out));
}

// Over many chunks of random length (zero included), output length follows the ratio exactly.
TEST_P(ResamplerPairs, OutputLengthFollowsTheRatioWithoutDrift) {
    Resampler r = make(in_rate(), out_rate(), quality());
    std::mt19937 rng(static_cast<unsigned>(in_rate() + out_rate() + quality()));
    std::uniform_int_distribution<std::size_t> length(0, 700);
    std::vector<std::int16_t> chunk(700, 1000);
    std::vector<std::int16_t> out(r.max_output_samples(chunk.size()));
    std::size_t total_in = 0;
    std::size_t total_out = 0;
    for (int i = 0; i < 2000; ++i) {
        const std::size_t n = length(rng);
        const ResampleResult result = r.process(std::span{chunk}.first(n), out);
        ASSERT_EQ(result.consumed, n);
        total_in += n;
        total_out += result.produced;
        const double exact = static_cast<double>(total_in) * out_rate() / in_rate();
        ASSERT_NEAR(static_cast<double>(total_out), exact, 1.0) << "after " << total_in;
    }
}

TEST_P(ResamplerPairs, ChunkingDoesNotChangeTheOutput) {
    const auto sine = test::make_sine(in_rate(), kToneHz, kAmplitude, 4800);
    Resampler whole = make(in_rate(), out_rate(), quality());
    Resampler pieces = make(in_rate(), out_rate(), quality());
    EXPECT_EQ(run_chunked(whole, sine, {sine.size()}),
              run_chunked(pieces, sine, {1, 7, 160, 0, 333, 2, 959}));
}

INSTANTIATE_TEST_SUITE_P(
    AllTelephonyRates, ResamplerPairs,
    ::testing::Combine(::testing::Values(RatePair{8000, 16000}, RatePair{8000, 24000},
                                         RatePair{16000, 8000}, RatePair{16000, 24000},
                                         RatePair{24000, 8000}, RatePair{24000, 16000}),
                       ::testing::Values(0, 3, 4, 5, 10)));

TEST(Resampler, UpsampledSineMatchesTheIdealSine) {
    Resampler up = make(kSampleRate8k, kSampleRate24k);
    const auto in = test::make_sine(kSampleRate8k, kToneHz, kAmplitude, kSampleRate8k);
    const auto out = run_chunked(up, in, {160});
    const auto ideal = test::make_sine(kSampleRate24k, kToneHz, kAmplitude, out.size(),
                                       up.output_latency_samples());
    // Skip the start-up transient (filter filling), compare one steady-state stretch.
    const std::size_t skip = 4 * static_cast<std::size_t>(up.output_latency_samples());
    const double snr = test::snr_db(std::span{ideal}.subspan(skip), std::span{out}.subspan(skip));
    EXPECT_GT(snr, kMinUpsampleSnrDb);
    RecordProperty("snr_db", std::to_string(snr));
}

TEST(Resampler, RoundTrip8kTo24kTo8kKeepsASineAndItsDelayIsTheSumOfLatencies) {
    const auto round_trip = [](const std::vector<std::int16_t>& in) {
        Resampler up = make(kSampleRate8k, kSampleRate24k);
        Resampler down = make(kSampleRate24k, kSampleRate8k);
        return run_chunked(down, run_chunked(up, in, {160}), {480});
    };
    const Resampler up = make(kSampleRate8k, kSampleRate24k);
    const Resampler down = make(kSampleRate24k, kSampleRate8k);
    // Delay of the pair at 8 kHz: each stage's latency in 8 kHz samples.
    const auto expected_lag = static_cast<std::size_t>(up.input_latency_samples()) +
                              static_cast<std::size_t>(down.output_latency_samples());
    // A chirp has one alignment (a 1 kHz sine at 8 kHz repeats every 8 samples).
    const auto chirp = test::make_chirp(kSampleRate8k, 200.0, 3000.0, kAmplitude, 4000);
    const auto chirp_back = round_trip(chirp);
    ASSERT_EQ(chirp_back.size(), chirp.size());
    const std::size_t lag = test::best_lag(chirp, chirp_back, 500, 3000, 2 * expected_lag);
    EXPECT_NEAR(static_cast<double>(lag), static_cast<double>(expected_lag), 1.0);

    const auto sine = test::make_sine(kSampleRate8k, kToneHz, kAmplitude, kSampleRate8k);
    const auto back = round_trip(sine);
    const double snr = test::snr_db(std::span{sine}.subspan(1000, 6000),
                                    std::span{back}.subspan(1000 + expected_lag, 6000));
    EXPECT_GT(snr, kMinRoundTripSnrDb);
    RecordProperty("snr_db", std::to_string(snr));
}

// The default quality keeps the telephony band (300-3000 Hz) clean through 8→24→8. At 3400 Hz
// quality 3 is already in its transition band (about 17 dB), which G.711 audio barely uses.
class ResamplerTelephonyBand : public ::testing::TestWithParam<double> {};

TEST_P(ResamplerTelephonyBand, RoundTripAtDefaultQuality) {
    Resampler up = make(kSampleRate8k, kSampleRate24k);
    Resampler down = make(kSampleRate24k, kSampleRate8k);
    const auto sine = test::make_sine(kSampleRate8k, GetParam(), kAmplitude, kSampleRate8k);
    const auto back = run_chunked(down, run_chunked(up, sine, {160}), {480});
    const auto lag = static_cast<std::size_t>(up.input_latency_samples()) +
                     static_cast<std::size_t>(down.output_latency_samples());
    const double snr = test::snr_db(std::span{sine}.subspan(1000, 6000),
                                    std::span{back}.subspan(1000 + lag, 6000));
    EXPECT_GT(snr, kMinTelephonyBandSnrDb) << GetParam() << " Hz";
}

INSTANTIATE_TEST_SUITE_P(Frequencies, ResamplerTelephonyBand,
                         ::testing::Values(300.0, 777.7, 1500.0, 2222.2, 3000.0));

TEST(Resampler, ShortOutputLeavesInputForTheNextCall) {
    const auto sine = test::make_sine(kSampleRate8k, kToneHz, kAmplitude, 800);
    Resampler reference = make(kSampleRate8k, kSampleRate24k);
    const auto expected = run_chunked(reference, sine, {sine.size()});

    Resampler r = make(kSampleRate8k, kSampleRate24k);
    std::vector<std::int16_t> got;
    std::vector<std::int16_t> small(100);
    std::span<const std::int16_t> rest{sine};
    while (!rest.empty()) {
        const ResampleResult result = r.process(rest, small);
        ASSERT_GT(result.consumed + result.produced, 0U);
        got.insert(got.end(), small.begin(), small.begin() + static_cast<long>(result.produced));
        rest = rest.subspan(result.consumed);
    }
    EXPECT_EQ(got, expected);
}

TEST(Resampler, ResetForgetsHistory) {
    const auto sine = test::make_sine(kSampleRate16k, kToneHz, kAmplitude, 640);
    Resampler fresh = make(kSampleRate16k, kSampleRate24k);
    const auto expected = run_chunked(fresh, sine, {320});
    Resampler used = make(kSampleRate16k, kSampleRate24k);
    static_cast<void>(run_chunked(used, test::make_sine(kSampleRate16k, 440.0, 9000.0, 999), {99}));
    used.reset();
    EXPECT_EQ(run_chunked(used, sine, {320}), expected);
}

TEST(Resampler, MaxInputSamplesInvertsMaxOutputSamples) {
    const Resampler r = make(kSampleRate24k, kSampleRate16k);
    EXPECT_EQ(r.max_input_samples(0), 0U);
    EXPECT_EQ(r.max_input_samples(2), 0U);
    for (std::size_t room = 3; room < 2000; ++room) {
        const std::size_t n = r.max_input_samples(room);
        ASSERT_LE(r.max_output_samples(n), room);
        ASSERT_GT(r.max_output_samples(n + 1), room);  // and it is the largest such n
    }
}

}  // namespace
}  // namespace frontdesk::media
