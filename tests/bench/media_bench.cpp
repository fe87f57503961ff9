// Frame-path costs of frontdesk::media, one 20 ms telephony frame per iteration.
//
// Where the budgets come from: the target is <= 0.8 ms of server CPU per call-second at
// 200 concurrent calls. A call-second is 50 frames each way, so everything a frame costs
// (websocket, TLS, JSON, base64, codec, bookkeeping) must fit in about 8 us. Media work gets a
// small, fixed share of that; each benchmark below names its share. A budget is a ceiling for a
// Release build on the CI class of machine, not a target to tune towards.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "media/audio_format.hpp"
#include "media/base64.hpp"
#include "media/g711.hpp"
#include "media/pcm16.hpp"
#include "media/resampler.hpp"
#include "media/transcoder.hpp"

namespace frontdesk::media {
namespace {

constexpr double kToneHz = 1234.5;
constexpr double kAmplitude = 8000.0;

std::vector<std::int16_t> tone(int rate_hz, std::size_t samples) {
    std::vector<std::int16_t> out(samples);
    for (std::size_t n = 0; n < samples; ++n) {
        const double phase = 2.0 * std::numbers::pi * kToneHz * static_cast<double>(n) / rate_hz;
        out[n] = static_cast<std::int16_t>(std::lround(kAmplitude * std::sin(phase)));
    }
    return out;
}

void set_bytes_per_iteration(benchmark::State& state, std::size_t bytes) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

std::size_t frame_samples(int rate_hz) { return samples_per_duration(rate_hz, kTelephonyFrame); }

// Budget: 0.2 us per frame. Decoding is only needed when a Twilio call is transcoded (the normal
// Twilio path passes μ-law through untouched).
void BM_UlawDecodeFrame(benchmark::State& state) {
    const std::vector<std::uint8_t> ulaw =
        encode_ulaw(tone(kSampleRate8k, frame_samples(kSampleRate8k)));
    std::vector<std::int16_t> pcm(ulaw.size());
    for (auto _ : state) {
        benchmark::DoNotOptimize(decode_ulaw(ulaw, pcm));
        benchmark::ClobberMemory();
    }
    set_bytes_per_iteration(state, ulaw.size());
}
BENCHMARK(BM_UlawDecodeFrame);

// Budget: 0.3 us per frame (160 samples = 320 bytes of PCM16 in, 160 bytes out): the Exotel
// μ-law route and pre-rendered prompts.
void BM_UlawEncodeFrame(benchmark::State& state) {
    const std::vector<std::int16_t> pcm = tone(kSampleRate8k, frame_samples(kSampleRate8k));
    std::vector<std::uint8_t> ulaw(pcm.size());
    for (auto _ : state) {
        benchmark::DoNotOptimize(encode_ulaw(pcm, ulaw));
        benchmark::ClobberMemory();
    }
    set_bytes_per_iteration(state, pcm.size() * kPcm16BytesPerSample);
}
BENCHMARK(BM_UlawEncodeFrame);

// Budget: 0.5 us per frame for decode plus encode of a 160-byte payload (216 characters): every
// Twilio frame is base64-decoded from Twilio and re-encoded for OpenAI (or the reverse).
void BM_Base64DecodeEncodeFrame(benchmark::State& state) {
    const std::vector<std::uint8_t> frame =
        encode_ulaw(tone(kSampleRate8k, frame_samples(kSampleRate8k)));
    const std::string text = base64_encode(frame);
    std::vector<std::uint8_t> bytes(frame.size());
    std::string out;
    out.reserve(text.size());
    for (auto _ : state) {
        const auto decoded = base64_decode(text, bytes);
        out.clear();
        base64_encode_append(std::span{bytes}.first(decoded.value_or(0)), out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_bytes_per_iteration(state, text.size());
}
BENCHMARK(BM_Base64DecodeEncodeFrame);

// Budget: 5 us per frame at the default quality (8 kHz -> 24 kHz, 160 -> 480 samples): the
// Exotel-to-OpenAI uplink. This is the one expensive media step (about 23,000 multiply-adds per
// frame in speexdsp), which is why Twilio calls pass μ-law through and why an Exotel 8 kHz call
// can take the audio/pcmu route instead (μ-law encode + decode, well under 1 us per frame).
// The argument is the speexdsp quality.
void BM_Resample8kTo24kFrame(benchmark::State& state) {
    auto resampler =
        Resampler::create(kSampleRate8k, kSampleRate24k, static_cast<int>(state.range(0)));
    const std::vector<std::int16_t> in = tone(kSampleRate8k, frame_samples(kSampleRate8k));
    std::vector<std::int16_t> out(resampler->max_output_samples(in.size()));
    for (auto _ : state) {
        benchmark::DoNotOptimize(resampler->process(in, out));
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_Resample8kTo24kFrame)->Arg(kResamplerDefaultQuality)->Arg(4)->Arg(5);

// Budget: 5 us per frame: an Exotel 8 kHz PCM16 frame (320 bytes) to OpenAI 24 kHz PCM16
// (960 bytes), byte unpacking and packing included.
void BM_TranscodeExotel8kTo24kFrame(benchmark::State& state) {
    auto transcoder = Transcoder::create({AudioEncoding::kPcm16, kSampleRate8k}, kOpenAiPcmFormat);
    const std::vector<std::uint8_t> in =
        write_pcm16le(tone(kSampleRate8k, frame_samples(kSampleRate8k)));
    std::vector<std::uint8_t> out(transcoder->max_output_bytes(in.size()));
    for (auto _ : state) {
        benchmark::DoNotOptimize(transcoder->convert(in, out));
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_TranscodeExotel8kTo24kFrame);

// Budget: 5 us per frame: the downlink of the same call, OpenAI 24 kHz PCM16 (960 bytes) to
// Exotel 8 kHz PCM16 (320 bytes).
void BM_TranscodeOpenAi24kToExotel8kFrame(benchmark::State& state) {
    auto transcoder = Transcoder::create(kOpenAiPcmFormat, {AudioEncoding::kPcm16, kSampleRate8k});
    const std::vector<std::uint8_t> in =
        write_pcm16le(tone(kSampleRate24k, frame_samples(kSampleRate24k)));
    std::vector<std::uint8_t> out(transcoder->max_output_bytes(in.size()));
    for (auto _ : state) {
        benchmark::DoNotOptimize(transcoder->convert(in, out));
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_TranscodeOpenAi24kToExotel8kFrame);

}  // namespace
}  // namespace frontdesk::media
