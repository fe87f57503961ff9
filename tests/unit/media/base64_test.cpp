#include "media/base64.hpp"

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "signal_support.hpp"

namespace frontdesk::media {
namespace {

std::vector<std::uint8_t> bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

TEST(Base64, Rfc4648Section10Vectors) {
    const std::array<std::pair<std::string_view, std::string_view>, 7> vectors{{
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    }};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base64_encode(bytes_of(plain)), encoded);
        EXPECT_EQ(base64_encoded_size(plain.size()), encoded.size());
        const auto decoded = base64_decode(encoded);
        ASSERT_TRUE(decoded.has_value()) << encoded;
        EXPECT_EQ(*decoded, bytes_of(plain));
        EXPECT_EQ(base64_decoded_size(encoded), plain.size());
    }
}

TEST(Base64, TwilioSilenceFrame) {
    // PROTOCOLS §3.4: 160 bytes of 0xFF are 216 characters, 212 '/' then "/w==".
    const std::vector<std::uint8_t> frame(160, 0xFF);
    const std::string encoded = base64_encode(frame);
    EXPECT_EQ(encoded, std::string(212, '/') + "/w==");
    EXPECT_EQ(base64_decode(encoded), frame);
}

TEST(Base64, EveryByteValueRoundTrips) {
    std::vector<std::uint8_t> all(256);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint8_t>(i);
    const std::string encoded = base64_encode(all);
    EXPECT_EQ(encoded.substr(0, 8), "AAECAwQF");
    EXPECT_EQ(base64_decode(encoded), all);
}

TEST(Base64, RandomBytesOfEveryLengthUpTo300RoundTrip) {
    std::mt19937 rng(4648);
    for (std::size_t length = 0; length <= 300; ++length) {
        const auto bytes = test::random_bytes(length, rng);
        const std::string encoded = base64_encode(bytes);
        ASSERT_EQ(encoded.size(), base64_encoded_size(length));
        const auto decoded = base64_decode(encoded);
        ASSERT_TRUE(decoded.has_value()) << "length " << length;
        ASSERT_EQ(*decoded, bytes) << "length " << length;
    }
}

TEST(Base64, RejectsBadLengthAndPadding) {
    for (const std::string_view bad : {"Z", "Zg", "Zg=", "Zm9vY", "Z===", "====", "=Zg=",
                                       "Zg==Zg==", "Zm9v=m9v", "Zm=v", "Zm9v====", "A=AA"}) {
        EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
    }
}

TEST(Base64, RejectsCharactersOutsideTheAlphabet) {
    using namespace std::string_view_literals;
    for (const std::string_view bad :
         {"Zm9 "sv, " Zm9"sv, "Zm9v\nYg=="sv, "Zm9\r"sv, "Zm9\t"sv, "Zm9-"sv, "Zm9_"sv, "Zm9."sv,
          "Zm9\0"sv, "Zm9\x80"sv, "Zm9\xff"sv, "Zm9vYg=\n"sv}) {
        EXPECT_FALSE(base64_decode(bad).has_value()) << "case of length " << bad.size();
    }
}

TEST(Base64, IgnoresNonZeroPadBits) {
    // RFC 4648 §3.5 lets decoders reject these; we accept them (no peer is known to send them,
    // and dropping a whole audio frame over two unused bits helps nobody).
    EXPECT_EQ(base64_decode("Zh=="), bytes_of("f"));
    EXPECT_EQ(base64_decode("Zm9="), bytes_of("fo"));
}

TEST(Base64, SpanFormsRespectBufferSizes) {
    const auto plain = bytes_of("foobar");
    std::array<char, 7> too_small{};
    EXPECT_FALSE(base64_encode(plain, too_small).has_value());
    std::array<char, 9> room{};
    room.back() = '#';
    ASSERT_EQ(base64_encode(plain, room), 8U);
    EXPECT_EQ(std::string_view(room.data(), 8), "Zm9vYmFy");
    EXPECT_EQ(room.back(), '#');

    std::array<std::uint8_t, 5> small_out{};
    EXPECT_FALSE(base64_decode("Zm9vYmFy", small_out).has_value());
    std::array<std::uint8_t, 7> out{};
    out.back() = 0xEE;
    ASSERT_EQ(base64_decode("Zm9vYmFy", out), 6U);
    EXPECT_EQ(out.back(), 0xEE);
    std::array<std::uint8_t, 1> one{};
    ASSERT_EQ(base64_decode("Zg==", one), 1U);
    EXPECT_EQ(one[0], 'f');
    EXPECT_EQ(base64_decode("", std::span<std::uint8_t>{}), 0U);
}

TEST(Base64, DecodedSizeChecksStructureOnly) {
    EXPECT_EQ(base64_decoded_size("Zm9vYg=="), 4U);
    EXPECT_EQ(base64_decoded_size("Zm9vYmE="), 5U);
    EXPECT_EQ(base64_decoded_size("????"), 3U);
    EXPECT_FALSE(base64_decoded_size("Zm9").has_value());
}

TEST(Base64, AppendReusesTheString) {
    std::string out = "payload:";
    base64_encode_append(bytes_of("foo"), out);
    base64_encode_append(bytes_of("f"), out);
    EXPECT_EQ(out, "payload:Zm9vZg==");
}

}  // namespace
}  // namespace frontdesk::media
