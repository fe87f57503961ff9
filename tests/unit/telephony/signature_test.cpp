#include "telephony/twilio_signature.hpp"

#include <gtest/gtest.h>

namespace frontdesk::telephony {
namespace {

const Secret kToken{"12345"};
constexpr std::string_view kUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

FormParams vector_params() {
    return {{"CallSid", "CA1234567890ABCDE"},
            {"Caller", "+14158675309"},
            {"Digits", "1234"},
            {"From", "+14158675309"},
            {"To", "+18005551212"}};
}

TEST(TwilioSignature, SignedStringMatchesReference) {
    EXPECT_EQ(twilio_signed_data(kUrl, vector_params()),
              "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+"
              "14158675309Digits1234From+14158675309To+18005551212");
}

TEST(TwilioSignature, Vector1) {
    EXPECT_EQ(compute_twilio_signature(kToken, kUrl, vector_params()),
              "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    EXPECT_TRUE(validate_twilio_signature(kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kUrl,
                                          vector_params()));
}

TEST(TwilioSignature, Vector2ExplicitHttpsPort) {
    constexpr std::string_view kPortUrl = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    EXPECT_EQ(compute_twilio_signature(kToken, kPortUrl, vector_params()),
              "kvajT1Ptam85bY51eRf/AJRuM3w=");
    // Either spelling of the URL validates either signature (§5.1).
    EXPECT_TRUE(validate_twilio_signature(kToken, "kvajT1Ptam85bY51eRf/AJRuM3w=", kUrl,
                                          vector_params()));
    EXPECT_TRUE(validate_twilio_signature(kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kPortUrl,
                                          vector_params()));
}

TEST(TwilioSignature, Vector3ExplicitHttpPort) {
    constexpr std::string_view kPortUrl = "http://mycompany.com:80/myapp.php?foo=1&bar=2";
    EXPECT_EQ(compute_twilio_signature(kToken, kPortUrl, vector_params()),
              "0ZXoZLH/DfblKGATFgpif+LLRf4=");
    EXPECT_TRUE(validate_twilio_signature(kToken, "0ZXoZLH/DfblKGATFgpif+LLRf4=",
                                          "http://mycompany.com/myapp.php?foo=1&bar=2",
                                          vector_params()));
}

TEST(TwilioSignature, Vector4NonDefaultPortIsSignedAsIs) {
    constexpr std::string_view kPortUrl = "http://mycompany.com:1234/myapp.php?foo=1&bar=2";
    EXPECT_EQ(compute_twilio_signature(kToken, kPortUrl, vector_params()),
              "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
    EXPECT_TRUE(validate_twilio_signature(kToken, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", kPortUrl,
                                          vector_params()));
    EXPECT_FALSE(validate_twilio_signature(kToken, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
                                           "http://mycompany.com/myapp.php?foo=1&bar=2",
                                           vector_params()));
}

TEST(TwilioSignature, Vector5DocsExample) {
    auto params = vector_params();
    params[1].second = "+12349013030";
    params[3].second = "+12349013030";
    EXPECT_EQ(compute_twilio_signature(kToken, kUrl, params), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
}

TEST(TwilioSignature, Vector6RepeatedParameters) {
    const FormParams params{{"Sid", "CA123"},
                            {"SidAccount", "AC123"},
                            {"Digits", "5678"},
                            {"Digits", "1234"},
                            {"Digits", "1234"}};
    EXPECT_EQ(twilio_signed_data(kUrl, params),
              "https://mycompany.com/myapp.php?foo=1&bar=2Digits1234Digits5678SidCA123SidAccountAC123");
    EXPECT_EQ(compute_twilio_signature(kToken, kUrl, params), "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
}

TEST(TwilioSignature, Vector7JsonBody) {
    constexpr std::string_view kBody = R"({"property": "value", "boolean": true})";
    constexpr std::string_view kHash =
        "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    EXPECT_EQ(sha256_hex(kBody), kHash);
    const std::string url = std::string{kUrl} + "&bodySHA256=" + std::string{kHash};
    EXPECT_EQ(compute_twilio_signature(kToken, url, {}), "a9nBmqA0ju/hNViExpshrM61xv4=");
    EXPECT_TRUE(validate_twilio_json_signature(kToken, "a9nBmqA0ju/hNViExpshrM61xv4=", url, kBody));
    EXPECT_FALSE(validate_twilio_json_signature(kToken, "a9nBmqA0ju/hNViExpshrM61xv4=", url,
                                                R"({"property": "value", "boolean": false})"));
    EXPECT_FALSE(validate_twilio_json_signature(kToken, "a9nBmqA0ju/hNViExpshrM61xv4=", kUrl, kBody));
}

TEST(TwilioSignature, RejectsTamperingAndMissingInputs) {
    auto params = vector_params();
    params[2].second = "9999";
    EXPECT_FALSE(validate_twilio_signature(kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kUrl, params));
    EXPECT_FALSE(validate_twilio_signature(Secret{"54321"}, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kUrl,
                                           vector_params()));
    EXPECT_FALSE(validate_twilio_signature(kToken, "", kUrl, vector_params()));
    EXPECT_FALSE(validate_twilio_signature(Secret{}, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kUrl,
                                           vector_params()));
    EXPECT_FALSE(validate_twilio_signature(kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B8", kUrl,
                                           vector_params()));
}

TEST(TwilioSignature, WebsocketUrlWithDefaultPortVariant) {
    constexpr std::string_view kWss = "wss://voice.example.com/voice/stream";
    const auto signature = compute_twilio_signature(kToken, kWss, {});
    EXPECT_TRUE(validate_twilio_signature(kToken, signature, kWss, {}));
    EXPECT_TRUE(validate_twilio_signature(kToken, signature,
                                          "wss://voice.example.com:443/voice/stream", {}));
}

TEST(TwilioSignature, ConstantTimeEqual) {
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace frontdesk::telephony
