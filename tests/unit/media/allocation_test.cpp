// Proves the frame path does not allocate: this file replaces the global operator new for the
// whole test binary and counts calls around the code under test.

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "media/base64.hpp"
#include "media/g711.hpp"
#include "media/pcm16.hpp"
#include "media/transcoder.hpp"
#include "signal_support.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc{};
}
// GCC 12 flags free() inside a replacement operator delete as a new/free mismatch; here both
// halves of the pair are ours and malloc-based, so the warning does not apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace frontdesk::media {
namespace {

constexpr AudioFormat kExotel8k{AudioEncoding::kPcm16, kSampleRate8k};
constexpr AudioFormat kExotel16k{AudioEncoding::kPcm16, kSampleRate16k};

template <typename Fn>
long allocations_during(Fn&& fn) {
    const long before = g_allocations.load();
    fn();
    return g_allocations.load() - before;
}

TEST(Allocation, CounterSeesAllocations) {
    EXPECT_GT(allocations_during([] { std::vector<int> v(100); }), 0);
}

TEST(Allocation, TranscoderConvertDoesNotAllocate) {
    for (const auto& [from, to] :
         {std::pair{kExotel8k, kOpenAiPcmFormat}, std::pair{kOpenAiPcmFormat, kExotel8k},
          std::pair{kExotel16k, kTwilioFormat}, std::pair{kTwilioFormat, kOpenAiPcmFormat}}) {
        auto t = Transcoder::create(from, to);
        ASSERT_TRUE(t.has_value());
        const auto pcm = test::make_sine(from.sample_rate_hz, 440.0, 8000.0, 4800);
        const auto in = write_pcm16le(pcm);
        std::vector<std::uint8_t> out(t->max_output_bytes(in.size()));
        EXPECT_EQ(allocations_during([&] {
                      for (const std::size_t n : {320U, 1U, 959U, 4800U}) {
                          static_cast<void>(t->convert(std::span{in}.first(n), out));
                      }
                  }),
                  0);
    }
}

TEST(Allocation, ConvertAppendIntoAWarmVectorDoesNotAllocate) {
    auto t = Transcoder::create(kExotel8k, kOpenAiPcmFormat);
    ASSERT_TRUE(t.has_value());
    const std::vector<std::uint8_t> frame(320, 0);
    std::vector<std::uint8_t> out;
    out.reserve(t->max_output_bytes(frame.size()));
    EXPECT_EQ(allocations_during([&] {
                  for (int i = 0; i < 50; ++i) {
                      out.clear();
                      t->convert_append(frame, out);
                  }
              }),
              0);
}

TEST(Allocation, SpanCodecsDoNotAllocate) {
    const std::vector<std::uint8_t> ulaw(160, kUlawSilence);
    std::vector<std::int16_t> pcm(160);
    std::vector<std::uint8_t> bytes(320);
    std::vector<char> text(base64_encoded_size(bytes.size()));
    std::string reused;
    reused.reserve(text.size());
    EXPECT_EQ(allocations_during([&] {
                  static_cast<void>(decode_ulaw(ulaw, pcm));
                  static_cast<void>(encode_alaw(pcm, bytes));
                  static_cast<void>(write_pcm16le(pcm, bytes));
                  const auto chars = base64_encode(bytes, text);
                  static_cast<void>(
                      base64_decode(std::string_view(text.data(), chars.value_or(0)), bytes));
                  reused.clear();
                  base64_encode_append(bytes, reused);
              }),
              0);
}

}  // namespace
}  // namespace frontdesk::media
