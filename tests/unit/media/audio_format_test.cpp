#include "media/audio_format.hpp"

#include <chrono>

#include <gtest/gtest.h>

namespace frontdesk::media {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

constexpr AudioFormat kExotel8k{AudioEncoding::kPcm16, kSampleRate8k};
constexpr AudioFormat kExotel16k{AudioEncoding::kPcm16, kSampleRate16k};

TEST(AudioFormat, BytesPerMillisecond) {
    static_assert(bytes_per_ms(kTwilioFormat) == 8);
    EXPECT_EQ(bytes_per_ms(AudioFormat{AudioEncoding::kPcma, kSampleRate8k}), 8U);
    EXPECT_EQ(bytes_per_ms(kExotel8k), 16U);
    EXPECT_EQ(bytes_per_ms(kExotel16k), 32U);
    EXPECT_EQ(bytes_per_ms(kOpenAiPcmFormat), 48U);
}

TEST(AudioFormat, FrameArithmetic) {
    EXPECT_EQ(samples_per_duration(kSampleRate8k, kTelephonyFrame), 160U);
    EXPECT_EQ(bytes_per_duration(kTwilioFormat, kTelephonyFrame), 160U);
    EXPECT_EQ(bytes_per_duration(kExotel8k, milliseconds{100}), 1600U);
    EXPECT_EQ(bytes_per_duration(kOpenAiPcmFormat, kTelephonyFrame), 960U);
    EXPECT_EQ(samples_to_bytes(kExotel8k, 160), 320U);
    EXPECT_EQ(bytes_to_samples(kExotel8k, 321), 160U);
    EXPECT_EQ(bytes_to_samples(kTwilioFormat, 321), 321U);
    EXPECT_EQ(duration_of_bytes(kTwilioFormat, 160), microseconds{20'000});
    EXPECT_EQ(duration_of_bytes(kOpenAiPcmFormat, 96), microseconds{2'000});
    EXPECT_EQ(duration_of_bytes(kExotel16k, 33), microseconds{1'000});  // 16 whole samples
    EXPECT_EQ(samples_per_duration(kSampleRate8k, microseconds{-5}), 0U);
    EXPECT_EQ(duration_of_bytes(AudioFormat{AudioEncoding::kPcm16, 0}, 10), microseconds{0});
}

TEST(AudioFormat, OpenAiNamesRoundTrip) {
    for (const auto encoding :
         {AudioEncoding::kPcmu, AudioEncoding::kPcma, AudioEncoding::kPcm16}) {
        EXPECT_EQ(parse_openai_format_name(openai_format_name(encoding)), encoding);
        EXPECT_EQ(parse_openai_format_name(openai_beta_format_name(encoding)), encoding);
    }
    EXPECT_EQ(openai_format_name(AudioEncoding::kPcmu), "audio/pcmu");
    EXPECT_EQ(openai_format_name(AudioEncoding::kPcma), "audio/pcma");
    EXPECT_EQ(openai_format_name(AudioEncoding::kPcm16), "audio/pcm");
    EXPECT_EQ(openai_beta_format_name(AudioEncoding::kPcm16), "pcm16");
    EXPECT_FALSE(parse_openai_format_name("audio/PCMU").has_value());
    EXPECT_FALSE(parse_openai_format_name("audio/x-mulaw").has_value());
    EXPECT_FALSE(parse_openai_format_name("").has_value());
}

TEST(AudioFormat, OpenAiRates) {
    EXPECT_EQ(openai_audio_format(AudioEncoding::kPcm16), kOpenAiPcmFormat);
    EXPECT_EQ(openai_audio_format(AudioEncoding::kPcmu), kTwilioFormat);
    EXPECT_EQ(openai_audio_format(AudioEncoding::kPcma).sample_rate_hz, kSampleRate8k);
}

TEST(AudioFormat, SupportedFormats) {
    EXPECT_TRUE(is_supported(kTwilioFormat));
    EXPECT_TRUE(is_supported(kExotel8k));
    EXPECT_TRUE(is_supported(kExotel16k));
    EXPECT_TRUE(is_supported(kOpenAiPcmFormat));
    EXPECT_FALSE(is_supported(AudioFormat{AudioEncoding::kPcmu, kSampleRate16k}));
    EXPECT_FALSE(is_supported(AudioFormat{AudioEncoding::kPcm16, 44100}));
    EXPECT_FALSE(is_supported(AudioFormat{AudioEncoding::kPcm16, 0}));
    EXPECT_TRUE(is_g711(AudioEncoding::kPcma));
    EXPECT_FALSE(is_g711(AudioEncoding::kPcm16));
}

}  // namespace
}  // namespace frontdesk::media
