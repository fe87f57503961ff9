#include "media/transcoder.hpp"

#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "media/g711.hpp"
#include "media/pcm16.hpp"
#include "media/resampler.hpp"
#include "signal_support.hpp"

namespace frontdesk::media {
namespace {

constexpr AudioFormat kPcm8k{AudioEncoding::kPcm16, kSampleRate8k};
constexpr AudioFormat kPcm16k{AudioEncoding::kPcm16, kSampleRate16k};
constexpr AudioFormat kAlaw8k{AudioEncoding::kPcma, kSampleRate8k};
constexpr double kToneHz = 1234.5;  // not a divisor of any rate (see resampler_test.cpp)
constexpr double kMinRoundTripSnrDb = 50.0;
constexpr double kAmplitude = 10000.0;

Transcoder make(AudioFormat from, AudioFormat to) {
    auto transcoder = Transcoder::create(from, to);
    EXPECT_TRUE(transcoder.has_value());
    return std::move(*transcoder);
}

// Converts `in` split at the given chunk lengths (cycled), with output room exactly
// max_output_bytes(); every chunk must be consumed whole.
std::vector<std::uint8_t> run_chunked(Transcoder& t, const std::vector<std::uint8_t>& in,
                                      const std::vector<std::size_t>& chunks) {
    std::vector<std::uint8_t> out;
    std::vector<std::uint8_t> scratch;
    std::size_t pos = 0;
    for (std::size_t c = 0; pos < in.size(); ++c) {
        const std::size_t n = std::min(chunks[c % chunks.size()], in.size() - pos);
        scratch.assign(t.max_output_bytes(n), 0);
        const TranscodeResult r = t.convert(std::span{in}.subspan(pos, n), scratch);
        EXPECT_EQ(r.consumed_bytes, n);
        out.insert(out.end(), scratch.begin(),
                   scratch.begin() + static_cast<long>(r.produced_bytes));
        pos += n;
    }
    return out;
}

std::vector<std::int16_t> resample_all(int from_hz, int to_hz,
                                       const std::vector<std::int16_t>& in) {
    auto r = Resampler::create(from_hz, to_hz);
    std::vector<std::int16_t> out(r->max_output_samples(in.size()));
    const ResampleResult result = r->process(in, out);
    out.resize(result.produced);
    return out;
}

TEST(Transcoder, RejectsUnsupportedFormats) {
    EXPECT_FALSE(Transcoder::create({AudioEncoding::kPcmu, kSampleRate16k}, kTwilioFormat));
    EXPECT_FALSE(Transcoder::create(kPcm8k, {AudioEncoding::kPcm16, 44100}));
    EXPECT_FALSE(Transcoder::create(kPcm8k, {AudioEncoding::kPcm16, 0}));
    EXPECT_FALSE(Transcoder::create(kPcm8k, kOpenAiPcmFormat, kResamplerQualityMax + 1));
}

TEST(Transcoder, SameFormatIsACopyOfAnyLength) {
    Transcoder t = make(kTwilioFormat, kTwilioFormat);
    EXPECT_TRUE(t.is_pass_through());
    EXPECT_EQ(t.latency(), std::chrono::microseconds{0});
    std::mt19937 rng(1);
    const auto bytes = test::random_bytes(1001, rng);
    EXPECT_EQ(run_chunked(t, bytes, {160, 1, 77}), bytes);
    std::vector<std::uint8_t> small(10);
    const TranscodeResult r = t.convert(bytes, small);
    EXPECT_EQ(r.consumed_bytes, 10U);
    EXPECT_EQ(r.produced_bytes, 10U);
}

TEST(Transcoder, Pcm8kTo24kEqualsTheResampler) {
    Transcoder t = make(kPcm8k, kOpenAiPcmFormat);
    EXPECT_EQ(t.latency(), std::chrono::milliseconds{3});
    const auto sine = test::make_sine(kSampleRate8k, kToneHz, kAmplitude, 8000);
    const auto expected = write_pcm16le(resample_all(kSampleRate8k, kSampleRate24k, sine));
    EXPECT_EQ(run_chunked(t, write_pcm16le(sine), {320}), expected);
    EXPECT_EQ(expected.size(), sine.size() * 3 * 2);  // three times the samples, two bytes each
}

TEST(Transcoder, UlawTo24kPcmDecodesThenResamples) {
    Transcoder t = make(kTwilioFormat, kOpenAiPcmFormat);
    const auto ulaw = encode_ulaw(test::make_sine(kSampleRate8k, kToneHz, kAmplitude, 4000));
    const auto expected =
        write_pcm16le(resample_all(kSampleRate8k, kSampleRate24k, decode_ulaw(ulaw)));
    EXPECT_EQ(run_chunked(t, ulaw, {160, 13, 999}), expected);
}

TEST(Transcoder, Pcm16kToUlawResamplesThenEncodes) {
    Transcoder t = make(kPcm16k, kTwilioFormat);
    const auto sine = test::make_sine(kSampleRate16k, kToneHz, kAmplitude, 8000);
    const auto expected = encode_ulaw(resample_all(kSampleRate16k, kSampleRate8k, sine));
    const auto got = run_chunked(t, write_pcm16le(sine), {640});
    EXPECT_EQ(got, expected);
    EXPECT_EQ(got.size(), sine.size() / 2);
}

TEST(Transcoder, UlawToAlawNeedsNoResampler) {
    Transcoder t = make(kTwilioFormat, kAlaw8k);
    EXPECT_FALSE(t.is_pass_through());
    EXPECT_EQ(t.latency(), std::chrono::microseconds{0});
    std::vector<std::uint8_t> all(256);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint8_t>(i);
    EXPECT_EQ(run_chunked(t, all, {3}), encode_alaw(decode_ulaw(all)));
}

// Exotel chunks may in principle split a sample; the half sample waits for the next chunk.
TEST(Transcoder, OddChunkBoundariesKeepTheSampleGrid) {
    const auto bytes = write_pcm16le(test::make_sine(kSampleRate8k, kToneHz, kAmplitude, 3000));
    Transcoder whole = make(kPcm8k, kOpenAiPcmFormat);
    Transcoder odd = make(kPcm8k, kOpenAiPcmFormat);
    EXPECT_EQ(run_chunked(odd, bytes, {1, 1, 3, 321, 7, 2, 959}),
              run_chunked(whole, bytes, {bytes.size()}));
    Transcoder to_ulaw = make(kPcm8k, kTwilioFormat);
    EXPECT_EQ(run_chunked(to_ulaw, bytes, {5, 1, 1}), encode_ulaw(read_pcm16le(bytes)));
}

TEST(Transcoder, RandomChunksWithExactRoomAreConsumedWhole) {
    std::mt19937 rng(20);
    for (const auto& [from, to] :
         {std::pair{kPcm8k, kOpenAiPcmFormat}, std::pair{kOpenAiPcmFormat, kPcm8k},
          std::pair{kPcm16k, kOpenAiPcmFormat}, std::pair{kOpenAiPcmFormat, kTwilioFormat}}) {
        Transcoder t = make(from, to);
        std::uniform_int_distribution<std::size_t> length(0, 5000);
        const auto bytes = test::random_bytes(5000, rng);
        std::vector<std::uint8_t> out;
        for (int i = 0; i < 300; ++i) {
            const std::size_t n = length(rng);
            out.assign(t.max_output_bytes(n), 0);
            ASSERT_EQ(t.convert(std::span{bytes}.first(n), out).consumed_bytes, n);
        }
    }
}

TEST(Transcoder, ShortOutputLeavesInputForTheNextCall) {
    const auto bytes = write_pcm16le(test::make_sine(kSampleRate8k, kToneHz, kAmplitude, 1000));
    Transcoder reference = make(kPcm8k, kOpenAiPcmFormat);
    const auto expected = run_chunked(reference, bytes, {bytes.size()});
    Transcoder t = make(kPcm8k, kOpenAiPcmFormat);
    std::vector<std::uint8_t> got;
    std::vector<std::uint8_t> small(301);
    std::span<const std::uint8_t> rest{bytes};
    while (!rest.empty()) {
        const TranscodeResult r = t.convert(rest, small);
        ASSERT_GT(r.consumed_bytes, 0U);
        got.insert(got.end(), small.begin(), small.begin() + static_cast<long>(r.produced_bytes));
        rest = rest.subspan(r.consumed_bytes);
    }
    EXPECT_EQ(got, expected);
}

TEST(Transcoder, ConvertAppendGrowsTheVector) {
    Transcoder t = make(kTwilioFormat, kPcm8k);
    std::vector<std::uint8_t> out{9};
    t.convert_append(std::vector<std::uint8_t>(160, kUlawSilence), out);
    EXPECT_EQ(out.size(), 1U + 320U);
    EXPECT_EQ(out.front(), 9);
}

TEST(Transcoder, ResetDropsHeldHalfSample) {
    Transcoder t = make(kPcm8k, kTwilioFormat);
    std::vector<std::uint8_t> out(t.max_output_bytes(3));
    EXPECT_EQ(t.convert(std::vector<std::uint8_t>{0x00, 0x10, 0x00}, out).produced_bytes, 1U);
    t.reset();
    const TranscodeResult r = t.convert(std::vector<std::uint8_t>{0x00, 0x20}, out);
    EXPECT_EQ(r.produced_bytes, 1U);
    EXPECT_EQ(out[0], linear_to_ulaw(0x2000));
}

// The Exotel path of a call: caller PCM16 8 kHz → model 24 kHz → back to the caller.
TEST(Transcoder, CallTranscodersRoundTripWithTheReportedDelay) {
    const auto round_trip = [](const std::vector<std::int16_t>& in) {
        auto call = make_call_transcoders(kPcm8k, kOpenAiPcmFormat);
        EXPECT_TRUE(call.has_value());
        const auto model = run_chunked(call->to_model, write_pcm16le(in), {320});
        EXPECT_EQ(model.size(), in.size() * 3 * 2);
        const auto back = read_pcm16le(run_chunked(call->to_caller, model, {960}));
        const auto latency = call->to_model.latency() + call->to_caller.latency();
        return std::pair{back, samples_per_duration(kSampleRate8k, latency)};
    };
    const auto chirp = test::make_chirp(kSampleRate8k, 200.0, 3000.0, kAmplitude, 4000);
    const auto [chirp_back, lag] = round_trip(chirp);
    ASSERT_EQ(chirp_back.size(), chirp.size());
    EXPECT_EQ(lag, 48U);  // 3 ms + 3 ms at 8 kHz
    EXPECT_NEAR(static_cast<double>(test::best_lag(chirp, chirp_back, 500, 3000, 2 * lag)),
                static_cast<double>(lag), 1.0);

    const auto sine = test::make_sine(kSampleRate8k, kToneHz, kAmplitude, kSampleRate8k);
    const auto [back, sine_lag] = round_trip(sine);
    EXPECT_GT(test::snr_db(std::span{sine}.subspan(1000, 6000),
                           std::span{back}.subspan(1000 + sine_lag, 6000)),
              kMinRoundTripSnrDb);
}

TEST(Transcoder, TwilioCallIsPassThroughBothWays) {
    auto call = make_call_transcoders(kTwilioFormat, openai_audio_format(AudioEncoding::kPcmu));
    ASSERT_TRUE(call.has_value());
    EXPECT_TRUE(call->to_model.is_pass_through());
    EXPECT_TRUE(call->to_caller.is_pass_through());
    EXPECT_FALSE(make_call_transcoders({AudioEncoding::kPcmu, 11025}, kTwilioFormat));
}

}  // namespace
}  // namespace frontdesk::media
