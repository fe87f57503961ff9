#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

// Audio format value types shared by telephony, realtime and the transcoder. Header-only, pure.

namespace frontdesk::media {

/// How samples are stored on the wire. Sized because it is carried in per-call state and events.
enum class AudioEncoding : std::uint8_t {
    kPcmu,   // G.711 μ-law, one byte per sample
    kPcma,   // G.711 A-law, one byte per sample
    kPcm16,  // 16-bit signed linear, little-endian, two bytes per sample
};

inline constexpr int kSampleRate8k = 8000;    // G.711 (Twilio, OpenAI pcmu/pcma), Exotel default
inline constexpr int kSampleRate16k = 16000;  // Exotel ?sample-rate=16000
inline constexpr int kSampleRate24k = 24000;  // OpenAI audio/pcm (the only rate it accepts)

/// Audio moves in 20 ms frames in practice (not a contract: code never assumes a frame length).
inline constexpr auto kTelephonyFrame = std::chrono::milliseconds{20};

/// Encoding plus sample rate of a mono stream. A plain value; compare with ==.
struct AudioFormat {
    AudioEncoding encoding = AudioEncoding::kPcmu;
    int sample_rate_hz = kSampleRate8k;

    friend constexpr bool operator==(const AudioFormat&, const AudioFormat&) = default;
};

inline constexpr AudioFormat kTwilioFormat{AudioEncoding::kPcmu, kSampleRate8k};
inline constexpr AudioFormat kOpenAiPcmFormat{AudioEncoding::kPcm16, kSampleRate24k};

[[nodiscard]] constexpr std::size_t bytes_per_sample(AudioEncoding encoding) noexcept {
    constexpr std::size_t kG711Bytes = 1;
    constexpr std::size_t kPcm16Bytes = 2;
    return encoding == AudioEncoding::kPcm16 ? kPcm16Bytes : kG711Bytes;
}

[[nodiscard]] constexpr bool is_g711(AudioEncoding encoding) noexcept {
    return encoding == AudioEncoding::kPcmu || encoding == AudioEncoding::kPcma;
}

/// The formats frontdesk handles: G.711 at 8 kHz, PCM16 at 8, 16 or 24 kHz.
[[nodiscard]] constexpr bool is_supported(AudioFormat format) noexcept {
    if (is_g711(format.encoding)) return format.sample_rate_hz == kSampleRate8k;
    return format.sample_rate_hz == kSampleRate8k || format.sample_rate_hz == kSampleRate16k ||
           format.sample_rate_hz == kSampleRate24k;
}

/// Samples in `duration` at `sample_rate_hz`, rounded down (exact for whole milliseconds at the
/// supported rates).
[[nodiscard]] constexpr std::size_t samples_per_duration(
    int sample_rate_hz, std::chrono::microseconds duration) noexcept {
    constexpr std::int64_t kMicrosPerSecond = 1'000'000;
    if (sample_rate_hz <= 0 || duration.count() <= 0) return 0;
    return static_cast<std::size_t>(duration.count() * sample_rate_hz / kMicrosPerSecond);
}

[[nodiscard]] constexpr std::size_t samples_to_bytes(AudioFormat format,
                                                     std::size_t samples) noexcept {
    return samples * bytes_per_sample(format.encoding);
}

/// Whole samples held in `bytes`; a trailing partial PCM16 sample is not counted.
[[nodiscard]] constexpr std::size_t bytes_to_samples(AudioFormat format,
                                                     std::size_t bytes) noexcept {
    return bytes / bytes_per_sample(format.encoding);
}

[[nodiscard]] constexpr std::size_t bytes_per_duration(
    AudioFormat format, std::chrono::microseconds duration) noexcept {
    return samples_to_bytes(format, samples_per_duration(format.sample_rate_hz, duration));
}

/// Bytes per millisecond: 8 for μ-law 8 kHz, 16/32/48 for PCM16 at 8/16/24 kHz.
[[nodiscard]] constexpr std::size_t bytes_per_ms(AudioFormat format) noexcept {
    return bytes_per_duration(format, std::chrono::milliseconds{1});
}

/// Playing time of `bytes` of audio, rounded down to the microsecond.
[[nodiscard]] constexpr std::chrono::microseconds duration_of_bytes(AudioFormat format,
                                                                    std::size_t bytes) noexcept {
    constexpr std::int64_t kMicrosPerSecond = 1'000'000;
    if (format.sample_rate_hz <= 0) return std::chrono::microseconds{0};
    const auto samples = static_cast<std::int64_t>(bytes_to_samples(format, bytes));
    return std::chrono::microseconds{samples * kMicrosPerSecond / format.sample_rate_hz};
}

// OpenAI Realtime format names (PROTOCOLS §7.2). GA: `audio.*.format.type`; beta: the
// `input_audio_format` / `output_audio_format` strings.
inline constexpr std::string_view kOpenAiPcmu = "audio/pcmu";
inline constexpr std::string_view kOpenAiPcma = "audio/pcma";
inline constexpr std::string_view kOpenAiPcm = "audio/pcm";
inline constexpr std::string_view kOpenAiBetaPcmu = "g711_ulaw";
inline constexpr std::string_view kOpenAiBetaPcma = "g711_alaw";
inline constexpr std::string_view kOpenAiBetaPcm = "pcm16";

[[nodiscard]] constexpr std::string_view openai_format_name(AudioEncoding encoding) noexcept {
    switch (encoding) {
        case AudioEncoding::kPcmu:
            return kOpenAiPcmu;
        case AudioEncoding::kPcma:
            return kOpenAiPcma;
        case AudioEncoding::kPcm16:
            return kOpenAiPcm;
    }
    return {};
}

[[nodiscard]] constexpr std::string_view openai_beta_format_name(AudioEncoding encoding) noexcept {
    switch (encoding) {
        case AudioEncoding::kPcmu:
            return kOpenAiBetaPcmu;
        case AudioEncoding::kPcma:
            return kOpenAiBetaPcma;
        case AudioEncoding::kPcm16:
            return kOpenAiBetaPcm;
    }
    return {};
}

/// Accepts the GA names and, so an echoed beta session can be checked too, the beta names.
[[nodiscard]] constexpr std::optional<AudioEncoding> parse_openai_format_name(
    std::string_view name) noexcept {
    if (name == kOpenAiPcmu || name == kOpenAiBetaPcmu) return AudioEncoding::kPcmu;
    if (name == kOpenAiPcma || name == kOpenAiBetaPcma) return AudioEncoding::kPcma;
    if (name == kOpenAiPcm || name == kOpenAiBetaPcm) return AudioEncoding::kPcm16;
    return std::nullopt;
}

/// The full format OpenAI uses for an encoding: G.711 at 8 kHz, PCM16 at 24 kHz only.
[[nodiscard]] constexpr AudioFormat openai_audio_format(AudioEncoding encoding) noexcept {
    return AudioFormat{encoding,
                       encoding == AudioEncoding::kPcm16 ? kSampleRate24k : kSampleRate8k};
}

}  // namespace frontdesk::media
