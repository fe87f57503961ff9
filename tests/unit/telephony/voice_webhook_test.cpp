#include "telephony/voice_webhook.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "telephony/form_body.hpp"
#include "telephony/stream_token.hpp"
#include "telephony/twilio_signature.hpp"

namespace frontdesk::telephony {
namespace {

constexpr std::string_view kFullUrl = "https://voice.example.com/voice/webhook";
constexpr std::string_view kBody =
    "CallSid=CA00000000000000000000000000000001&From=%2B15550100123&To=%2B15550100999"
    "&AccountSid=AC00000000000000000000000000000001";

VoiceWebhookSettings settings(std::string token = "12345") {
    VoiceWebhookSettings s;
    s.auth_token = Secret{std::move(token)};
    s.stream_url = "wss://voice.example.com/voice/stream";
    return s;
}

const FacilityLookup kLookup = [](std::string_view number) -> std::optional<std::string> {
    if (number == "+15550100999") return "race_club";
    return std::nullopt;
};

std::string sign(std::string_view body) {
    return compute_twilio_signature(Secret{"12345"}, kFullUrl, *parse_form_body(body));
}

TEST(VoiceWebhook, KnownNumberConnectsTheStreamWithParameters) {
    const auto signature = sign(kBody);
    const auto response = handle_voice_webhook(settings(), {kBody, signature, kFullUrl}, kLookup);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "text/xml");
    EXPECT_NE(response.body.find(R"(<Stream url="wss://voice.example.com/voice/stream">)"),
              std::string::npos);
    EXPECT_NE(response.body.find(R"(<Parameter name="facility_id" value="race_club"/>)"),
              std::string::npos);
    EXPECT_NE(response.body.find(R"(<Parameter name="caller" value="+15550100123"/>)"),
              std::string::npos);
    EXPECT_NE(response.body.find(R"(<Parameter name="called" value="+15550100999"/>)"),
              std::string::npos);
    EXPECT_NE(response.body.find(
                  R"(<Parameter name="call_sid" value="CA00000000000000000000000000000001"/>)"),
              std::string::npos);
}

/// The value of <Parameter name="`name`" value="…"/> in `twiml`, or nullopt.
std::optional<std::string> parameter(const std::string& twiml, std::string_view name) {
    const auto head = R"(<Parameter name=")" + std::string{name} + R"(" value=")";
    const auto at = twiml.find(head);
    if (at == std::string::npos) return std::nullopt;
    const auto start = at + head.size();
    return twiml.substr(start, twiml.find('"', start) - start);
}

TEST(VoiceWebhook, SignedCallsGetAStreamTokenCoveringTheCall) {
    ManualClock clock{Instant{std::chrono::seconds{1'700'000'000}}};
    StreamTokens tokens{Secret{"12345"}, clock};
    auto with_tokens = settings();
    with_tokens.stream_tokens = &tokens;
    const auto signature = sign(kBody);
    const auto response = handle_voice_webhook(with_tokens, {kBody, signature, kFullUrl}, kLookup);
    ASSERT_EQ(response.status, 200);
    const auto token = parameter(response.body, kParamStreamToken);
    ASSERT_TRUE(token) << response.body;
    // Bound to what the webhook announced: the CallSid, the facility, From and To.
    const StreamClaims claims{"CA00000000000000000000000000000001", "race_club", "+15550100123",
                              "+15550100999"};
    auto spoofed = claims;
    spoofed.caller = "+15550100555";
    EXPECT_EQ(tokens.redeem(*token, spoofed), StreamTokenCheck::kMismatch);
    EXPECT_EQ(tokens.redeem(*token, claims), StreamTokenCheck::kAccepted);
}

TEST(VoiceWebhook, NoAuthTokenNoStreamToken) {
    ManualClock clock{Instant{std::chrono::seconds{1'700'000'000}}};
    StreamTokens tokens{Secret{"12345"}, clock};
    auto unsigned_settings = settings("");
    unsigned_settings.stream_tokens = &tokens;
    const auto response = handle_voice_webhook(unsigned_settings, {kBody, "", kFullUrl}, kLookup);
    ASSERT_EQ(response.status, 200);
    EXPECT_NE(response.body.find("<Connect>"), std::string::npos);
    EXPECT_FALSE(parameter(response.body, kParamStreamToken)) << response.body;
    EXPECT_TRUE(parameter(response.body, kParamFacilityId));
}

TEST(VoiceWebhook, BadOrMissingSignatureIs403) {
    EXPECT_EQ(handle_voice_webhook(settings(), {kBody, "bogus=", kFullUrl}, kLookup).status, 403);
    EXPECT_EQ(handle_voice_webhook(settings(), {kBody, "", kFullUrl}, kLookup).status, 403);
    const auto signature = sign(kBody);
    EXPECT_EQ(handle_voice_webhook(
                  settings(), {kBody, signature, "https://voice.example.com/voice/other"}, kLookup)
                  .status,
              403);
}

TEST(VoiceWebhook, NoTokenSkipsTheCheck) {
    EXPECT_EQ(handle_voice_webhook(settings(""), {kBody, "", kFullUrl}, kLookup).status, 200);
}

TEST(VoiceWebhook, UnknownNumberHearsAPoliteGoodbye) {
    constexpr std::string_view kOther = "CallSid=CA1&From=%2B15550100123&To=%2B15550100000";
    const auto signature = sign(kOther);
    const auto response = handle_voice_webhook(settings(), {kOther, signature, kFullUrl}, kLookup);
    EXPECT_EQ(response.status, 200);
    EXPECT_NE(response.body.find("<Say>"), std::string::npos);
    EXPECT_NE(response.body.find("<Hangup/>"), std::string::npos);
    EXPECT_EQ(response.body.find("<Connect>"), std::string::npos);
}

TEST(VoiceWebhook, MalformedBodyIs400) {
    EXPECT_EQ(handle_voice_webhook(settings(), {"To=%zz", "", kFullUrl}, kLookup).status, 400);
}

TEST(VoiceWebhook, UrlFromPublicUrl) {
    EXPECT_EQ(webhook_url("https://voice.example.com/", "/voice/webhook?x=1"),
              "https://voice.example.com/voice/webhook?x=1");
}

}  // namespace
}  // namespace frontdesk::telephony
