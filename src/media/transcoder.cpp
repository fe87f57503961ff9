#include "media/transcoder.hpp"

#include <algorithm>

#include "media/g711.hpp"
#include "media/pcm16.hpp"

namespace frontdesk::media {
namespace {

// Input is converted in blocks of this duration (at the input rate), so the scratch buffers have
// a fixed size however large a chunk is: two telephony frames, under 2 KiB of samples at 24 kHz.
constexpr auto kBlockDuration = std::chrono::milliseconds{40};

std::size_t decode_into(AudioEncoding encoding, std::span<const std::uint8_t> bytes,
                        std::span<std::int16_t> out) noexcept {
    switch (encoding) {
        case AudioEncoding::kPcmu:
            return decode_ulaw(bytes, out);
        case AudioEncoding::kPcma:
            return decode_alaw(bytes, out);
        case AudioEncoding::kPcm16:
            return read_pcm16le(bytes, out);
    }
    return 0;
}

// Returns bytes written.
std::size_t encode_into(AudioEncoding encoding, std::span<const std::int16_t> samples,
                        std::span<std::uint8_t> out) noexcept {
    switch (encoding) {
        case AudioEncoding::kPcmu:
            return encode_ulaw(samples, out);
        case AudioEncoding::kPcma:
            return encode_alaw(samples, out);
        case AudioEncoding::kPcm16:
            return write_pcm16le(samples, out);
    }
    return 0;
}

}  // namespace

std::optional<Transcoder> Transcoder::create(AudioFormat from, AudioFormat to, int quality) {
    if (!is_supported(from) || !is_supported(to)) return std::nullopt;
    std::optional<Resampler> resampler;
    if (from.sample_rate_hz != to.sample_rate_hz) {
        resampler = Resampler::create(from.sample_rate_hz, to.sample_rate_hz, quality);
        if (!resampler) return std::nullopt;
    }
    return Transcoder{from, to, std::move(resampler)};
}

Transcoder::Transcoder(AudioFormat from, AudioFormat to, std::optional<Resampler> resampler)
    : from_(from), to_(to), resampler_(std::move(resampler)) {
    if (is_pass_through()) return;
    const std::size_t block = samples_per_duration(from.sample_rate_hz, kBlockDuration);
    input_samples_.resize(block);
    if (resampler_) output_samples_.resize(resampler_->max_output_samples(block));
}

TranscodeResult Transcoder::convert(std::span<const std::uint8_t> in,
                                    std::span<std::uint8_t> out) noexcept {
    if (is_pass_through()) {
        const std::size_t n = std::min(in.size(), out.size());
        std::copy_n(in.begin(), n, out.begin());
        return {n, n};
    }
    const std::size_t in_bytes_per_sample = bytes_per_sample(from_.encoding);
    TranscodeResult result;
    for (;;) {
        const std::size_t held = has_held_byte_ ? 1 : 0;
        const std::size_t available =
            (in.size() - result.consumed_bytes + held) / in_bytes_per_sample;
        const std::size_t n =
            std::min(available, block_input_limit(out.size() - result.produced_bytes));
        if (n == 0) break;
        result.consumed_bytes += fill_input_block(in.subspan(result.consumed_bytes), n);
        result.produced_bytes += emit_block(n, out.subspan(result.produced_bytes));
    }
    // Half a PCM16 sample left over: keep it so the next chunk continues the same sample grid.
    const bool half_sample_left =
        in_bytes_per_sample == kPcm16BytesPerSample && in.size() - result.consumed_bytes == 1;
    if (half_sample_left && !has_held_byte_) {
        held_byte_ = in.back();
        has_held_byte_ = true;
        ++result.consumed_bytes;
    }
    return result;
}

void Transcoder::convert_append(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out) {
    const std::size_t old_size = out.size();
    out.resize(old_size + max_output_bytes(in.size()));
    const TranscodeResult result = convert(in, std::span{out}.subspan(old_size));
    out.resize(old_size + result.produced_bytes);
}

std::size_t Transcoder::max_output_bytes(std::size_t input_bytes) const noexcept {
    if (is_pass_through()) return input_bytes;
    // Rounded up so the bound holds whether or not a half sample is being held.
    const std::size_t in_bytes_per_sample = bytes_per_sample(from_.encoding);
    const std::size_t samples = (input_bytes + in_bytes_per_sample - 1) / in_bytes_per_sample;
    return output_samples_for(samples) * bytes_per_sample(to_.encoding);
}

std::chrono::microseconds Transcoder::latency() const noexcept {
    return resampler_ ? resampler_->latency() : std::chrono::microseconds{0};
}

void Transcoder::reset() noexcept {
    if (resampler_) resampler_->reset();
    has_held_byte_ = false;
}

// Output bound for `input_samples` converted block by block; a sum of per-block bounds, so a
// caller who provides it never sees a later block starved by an earlier one's extra sample.
std::size_t Transcoder::output_samples_for(std::size_t input_samples) const noexcept {
    if (!resampler_) return input_samples;
    const std::size_t block = input_samples_.size();
    const std::size_t rest = input_samples % block;
    return input_samples / block * resampler_->max_output_samples(block) +
           (rest == 0 ? 0 : resampler_->max_output_samples(rest));
}

// Input samples of the next block whose output is sure to fit into `output_room_bytes`.
std::size_t Transcoder::block_input_limit(std::size_t output_room_bytes) const noexcept {
    const std::size_t room = output_room_bytes / bytes_per_sample(to_.encoding);
    const std::size_t fits = resampler_ ? resampler_->max_input_samples(room) : room;
    return std::min(fits, input_samples_.size());
}

// Decodes `samples` samples (the held half sample first, if any) into input_samples_; returns
// the bytes of `in` used. The caller has checked that `in` holds them.
std::size_t Transcoder::fill_input_block(std::span<const std::uint8_t> in,
                                         std::size_t samples) noexcept {
    const std::span<std::int16_t> block = std::span{input_samples_}.first(samples);
    if (!has_held_byte_) {
        const std::size_t bytes = samples_to_bytes(from_, samples);
        static_cast<void>(decode_into(from_.encoding, in.first(bytes), block));
        return bytes;
    }
    block[0] = read_pcm16le_sample(held_byte_, in[0]);
    has_held_byte_ = false;
    const std::size_t bytes = samples_to_bytes(from_, samples - 1);
    static_cast<void>(read_pcm16le(in.subspan(1, bytes), block.subspan(1)));
    return 1 + bytes;
}

// Resamples (if needed) and encodes the first `samples` of input_samples_ into `out`; returns the
// bytes written. block_input_limit() has made sure they fit.
std::size_t Transcoder::emit_block(std::size_t samples, std::span<std::uint8_t> out) noexcept {
    std::span<const std::int16_t> pcm = std::span{input_samples_}.first(samples);
    if (resampler_) {
        const ResampleResult resampled = resampler_->process(pcm, output_samples_);
        pcm = std::span{output_samples_}.first(resampled.produced);
    }
    return encode_into(to_.encoding, pcm, out);
}

std::optional<CallTranscoders> make_call_transcoders(AudioFormat telephony, AudioFormat model,
                                                     int quality) {
    auto to_model = Transcoder::create(telephony, model, quality);
    auto to_caller = Transcoder::create(model, telephony, quality);
    if (!to_model || !to_caller) return std::nullopt;
    return CallTranscoders{std::move(*to_model), std::move(*to_caller)};
}

}  // namespace frontdesk::media
