#include "telephony/voice_webhook.hpp"

#include <gtest/gtest.h>

#include "telephony/form_body.hpp"
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

TEST(VoiceWebhook, BadOrMissingSignatureIs403) {
    EXPECT_EQ(handle_voice_webhook(settings(), {kBody, "bogus=", kFullUrl}, kLookup).status, 403);
    EXPECT_EQ(handle_voice_webhook(settings(), {kBody, "", kFullUrl}, kLookup).status, 403);
    const auto signature = sign(kBody);
    EXPECT_EQ(handle_voice_webhook(settings(), {kBody, signature,
                                                "https://voice.example.com/voice/other"},
                                   kLookup)
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
