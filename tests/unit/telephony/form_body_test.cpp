#include "telephony/form_body.hpp"

#include <gtest/gtest.h>

namespace frontdesk::telephony {
namespace {

TEST(FormBody, DecodesPlusAndPercentEscapes) {
    const auto params = parse_form_body("From=%2B15550100123&Body=hello+world&Caller=%2b1&x=a%26b");
    ASSERT_TRUE(params);
    ASSERT_EQ(params->size(), 4U);
    EXPECT_EQ((*params)[0], (std::pair<std::string, std::string>{"From", "+15550100123"}));
    EXPECT_EQ((*params)[1].second, "hello world");
    EXPECT_EQ((*params)[2].second, "+1");
    EXPECT_EQ((*params)[3].second, "a&b");
}

TEST(FormBody, KeepsRepeatsOrderAndEmptyValues) {
    const auto params = parse_form_body("a=1&&b&a=2&c=");
    ASSERT_TRUE(params);
    ASSERT_EQ(params->size(), 4U);
    EXPECT_EQ((*params)[1], (std::pair<std::string, std::string>{"b", ""}));
    EXPECT_EQ((*params)[2].second, "2");
    EXPECT_EQ(find_param(*params, "a"), "1");
    EXPECT_EQ(find_param(*params, "c"), "");
    EXPECT_FALSE(find_param(*params, "z"));
}

TEST(FormBody, EmptyBodyIsNoParameters) {
    const auto params = parse_form_body("");
    ASSERT_TRUE(params);
    EXPECT_TRUE(params->empty());
}

TEST(FormBody, BadEscapesAreRefusedWithoutThrowing) {
    EXPECT_FALSE(parse_form_body("a=%"));
    EXPECT_FALSE(parse_form_body("a=%2"));
    EXPECT_FALSE(parse_form_body("a=%zz"));
    EXPECT_FALSE(parse_form_body("%G1=1"));
    EXPECT_TRUE(parse_form_body("a=%00"));
}

TEST(FormBody, EncodeRoundTrips) {
    const FormParams params{{"Twiml", "<Response><Dial>+15550100</Dial></Response>"},
                            {"Status", "completed"},
                            {"x y", "a&b=c~"}};
    const auto body = form_encode(params);
    EXPECT_EQ(body.substr(0, 40), "Twiml=%3CResponse%3E%3CDial%3E%2B1555010");
    EXPECT_EQ(parse_form_body(body), params);
    EXPECT_EQ(percent_encode("a b+"), "a%20b%2B");
}

}  // namespace
}  // namespace frontdesk::telephony
