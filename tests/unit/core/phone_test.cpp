#include "core/phone.hpp"

#include <gtest/gtest.h>

namespace frontdesk {
namespace {

TEST(Phone, DigitsOnly) {
    EXPECT_EQ(digits_only("+1 (312) 555-0100"), "13125550100");
    EXPECT_EQ(digits_only("98000 00001"), "9800000001");
    EXPECT_EQ(digits_only(""), "");
}

TEST(Phone, SameNumberAcrossSpellings) {
    EXPECT_TRUE(same_phone_number("+919800000001", "+91 98000 00001"));
    EXPECT_TRUE(same_phone_number("+919800000001", "09800000001"));
    EXPECT_TRUE(same_phone_number("9800000001", "+919800000001"));
    EXPECT_FALSE(same_phone_number("+919800000001", "+919800000002"));
    EXPECT_FALSE(same_phone_number("0001", "+919800000001"));  // too short to be a national number
    EXPECT_FALSE(same_phone_number("", ""));
}

TEST(Phone, RedactionShowsOnlyTheLastFourDigits) {
    EXPECT_EQ(redact_phone("+919812345678"), "…5678");
    EXPECT_EQ(redact_phone("12"), "…");
}

}  // namespace
}  // namespace frontdesk
