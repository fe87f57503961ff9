#include "telephony/stream_token.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace frontdesk::telephony {
namespace {

using namespace std::chrono_literals;

const Secret kAuthToken{"12345"};
constexpr Instant kIssuedAt{std::chrono::sys_days{std::chrono::year{2025} / 3 / 14}};
constexpr StreamClaims kClaims{"CA00000000000000000000000000000001", "race_club", "+15550100123",
                               "+15550100999"};

StreamTokenLimits limits(std::size_t max_remembered = 100) {
    return {std::chrono::minutes{5}, max_remembered};
}

class StreamTokenTest : public ::testing::Test {
protected:
    ManualClock clock_{kIssuedAt};
    StreamTokens tokens_{kAuthToken, clock_, limits()};
};

TEST_F(StreamTokenTest, RoundTripIsUrlAndXmlSafe) {
    const auto token = tokens_.issue(kClaims);
    EXPECT_TRUE(token.starts_with("v1.")) << token;
    const bool safe = std::all_of(token.begin(), token.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
    EXPECT_TRUE(safe) << token;
    EXPECT_LT(std::string{kParamStreamToken}.size() + token.size(), 500U);  // Twilio's limit
    EXPECT_EQ(token.find(kAuthToken.reveal()), std::string::npos);
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kAccepted);
    EXPECT_EQ(tokens_.remembered(), 1U);
}

TEST_F(StreamTokenTest, EveryCoveredFieldIsBound) {
    const auto token = tokens_.issue(kClaims);
    auto other = kClaims;
    other.call_sid = "CA00000000000000000000000000000002";
    EXPECT_EQ(tokens_.redeem(token, other), StreamTokenCheck::kMismatch);
    other = kClaims;
    other.facility_id = "other_club";
    EXPECT_EQ(tokens_.redeem(token, other), StreamTokenCheck::kMismatch);
    other = kClaims;
    other.caller = "+15550100124";
    EXPECT_EQ(tokens_.redeem(token, other), StreamTokenCheck::kMismatch);
    other = kClaims;
    other.called = "+15550100998";
    EXPECT_EQ(tokens_.redeem(token, other), StreamTokenCheck::kMismatch);
    // Moving a boundary between fields must not keep the MAC valid.
    other = {"CA00000000000000000000000000000001race", "_club", "+15550100123", "+15550100999"};
    EXPECT_EQ(tokens_.redeem(token, other), StreamTokenCheck::kMismatch);
    // Failed attempts do not use the token up.
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kAccepted);
}

TEST_F(StreamTokenTest, ExpiryAndMacTextAreBound) {
    const auto token = tokens_.issue(kClaims);
    const auto first_dot = token.find('.');
    const auto second_dot = token.find('.', first_dot + 1);
    const auto expiry = std::stoll(token.substr(first_dot + 1, second_dot - first_dot - 1));
    const auto extended = "v1." + std::to_string(expiry + 3600) + token.substr(second_dot);
    EXPECT_EQ(tokens_.redeem(extended, kClaims), StreamTokenCheck::kMismatch);
    auto flipped = token;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(tokens_.redeem(flipped, kClaims), StreamTokenCheck::kMismatch);
}

TEST_F(StreamTokenTest, ExpiresAtTheEndOfItsLifetime) {
    const auto token = tokens_.issue(kClaims);
    clock_.advance(5min - 1s);
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kAccepted);

    clock_.set(kIssuedAt);
    auto later = kClaims;
    later.call_sid = "CA00000000000000000000000000000002";
    const auto late_token = tokens_.issue(later);
    clock_.advance(5min);
    EXPECT_EQ(tokens_.redeem(late_token, later), StreamTokenCheck::kExpired);
}

TEST_F(StreamTokenTest, ASecondRedeemForTheCallIsAReplay) {
    const auto token = tokens_.issue(kClaims);
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kAccepted);
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kReplayed);
    clock_.advance(10s);  // a fresh token for the same CallSid is no way around it
    EXPECT_EQ(tokens_.redeem(tokens_.issue(kClaims), kClaims), StreamTokenCheck::kReplayed);
}

TEST_F(StreamTokenTest, UsedCallsAreForgottenOnceTheirTokensExpire) {
    const auto token = tokens_.issue(kClaims);
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kAccepted);
    clock_.advance(5min);
    auto other = kClaims;
    other.call_sid = "CA00000000000000000000000000000002";
    EXPECT_EQ(tokens_.redeem(tokens_.issue(other), other), StreamTokenCheck::kAccepted);
    EXPECT_EQ(tokens_.remembered(), 1U);                                    // the first went
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kExpired);  // and stays refused
}

TEST_F(StreamTokenTest, MalformedTokensAreRefused) {
    const auto token = tokens_.issue(kClaims);
    const auto mac = token.substr(token.rfind('.'));  // ".<43 chars>"
    EXPECT_EQ(tokens_.redeem("", kClaims), StreamTokenCheck::kMissing);
    for (const std::string& bad :
         {std::string{"garbage"}, std::string{"v1."}, std::string{"v1.1741910700"},
          "v2.1741910700" + mac, "v1." + mac, "v1.01741910700" + mac, "v1.-1741910700" + mac,
          "v1.+1741910700" + mac, "v1.17419107x0" + mac, "v1.12345678901234567890" + mac,
          "v1.1741910700" + mac + "A", "v1.1741910700" + mac.substr(0, mac.size() - 1),
          "v1.1741910700" + mac.substr(0, mac.size() - 1) + "+",
          "v1.1741910700" + mac.substr(0, mac.size() - 1) + "=", "v1.1741910700" + mac + ".extra",
          " " + token, token + " "}) {
        EXPECT_EQ(tokens_.redeem(bad, kClaims), StreamTokenCheck::kMalformed) << bad;
    }
    EXPECT_EQ(tokens_.redeem(token, kClaims), StreamTokenCheck::kAccepted);
}

TEST_F(StreamTokenTest, OnlyTheSameAuthTokenMakesValidTokens) {
    const StreamTokens stranger{Secret{"54321"}, clock_, limits()};
    EXPECT_EQ(tokens_.redeem(stranger.issue(kClaims), kClaims), StreamTokenCheck::kMismatch);
    // Another server with the same auth token: its tokens are accepted here.
    const StreamTokens peer{kAuthToken, clock_, limits()};
    EXPECT_EQ(tokens_.redeem(peer.issue(kClaims), kClaims), StreamTokenCheck::kAccepted);
}

TEST_F(StreamTokenTest, AnEmptyCallSidIsNeverAccepted) {
    const StreamClaims anonymous{"", "race_club", "+15550100123", "+15550100999"};
    EXPECT_EQ(tokens_.redeem(tokens_.issue(anonymous), anonymous), StreamTokenCheck::kMismatch);
}

TEST_F(StreamTokenTest, AFullStoreFailsClosedUntilEntriesExpire) {
    StreamTokens small{kAuthToken, clock_, limits(2)};
    std::vector<std::string> sids;
    for (int i = 1; i <= 3; ++i)
        sids.push_back("CA0000000000000000000000000000000" + std::to_string(i));
    const auto claims = [&](std::size_t i) {
        return StreamClaims{sids[i], "race_club", "+15550100123", "+15550100999"};
    };
    EXPECT_EQ(small.redeem(small.issue(claims(0)), claims(0)), StreamTokenCheck::kAccepted);
    clock_.advance(1min);
    EXPECT_EQ(small.redeem(small.issue(claims(1)), claims(1)), StreamTokenCheck::kAccepted);
    EXPECT_EQ(small.redeem(small.issue(claims(2)), claims(2)), StreamTokenCheck::kTooManyStreams);
    EXPECT_EQ(small.remembered(), 2U);
    clock_.advance(4min);  // the first entry's token has expired; the second's has not
    EXPECT_EQ(small.redeem(small.issue(claims(2)), claims(2)), StreamTokenCheck::kAccepted);
    EXPECT_EQ(small.remembered(), 2U);
}

TEST_F(StreamTokenTest, ConcurrentRedeemsAcceptExactlyOne) {
    const auto token = tokens_.issue(kClaims);
    constexpr int kThreads = 8;
    std::atomic<int> accepted{0};
    std::atomic<int> replayed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&] {
            const auto check = tokens_.redeem(token, kClaims);
            if (check == StreamTokenCheck::kAccepted) ++accepted;
            if (check == StreamTokenCheck::kReplayed) ++replayed;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(accepted.load(), 1);
    EXPECT_EQ(replayed.load(), kThreads - 1);
}

TEST(StreamTokenCheck, ReasonsArePrecise) {
    EXPECT_EQ(to_string(StreamTokenCheck::kMissing), "stream token missing");
    EXPECT_EQ(to_string(StreamTokenCheck::kMalformed), "stream token malformed");
    EXPECT_EQ(to_string(StreamTokenCheck::kMismatch), "stream token does not match the call");
    EXPECT_EQ(to_string(StreamTokenCheck::kExpired), "stream token expired");
    EXPECT_EQ(to_string(StreamTokenCheck::kReplayed), "stream token already used");
}

}  // namespace
}  // namespace frontdesk::telephony
