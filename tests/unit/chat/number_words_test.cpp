#include "chat/number_words.hpp"

#include <gtest/gtest.h>

#include "chat/scan.hpp"
#include "chat/tokenizer.hpp"

namespace frontdesk::chat {
namespace {

std::optional<int> cardinal(std::string_view text) {
    const Tokens tokens{text};
    const Scan scan{tokens};
    const auto read = read_cardinal(scan, 0);
    if (!read || read->length != tokens.size()) return std::nullopt;
    return read->value;
}

std::optional<int> ordinal(std::string_view text) {
    const Tokens tokens{text};
    const Scan scan{tokens};
    const auto read = read_ordinal(scan, 0);
    if (!read || read->length != tokens.size()) return std::nullopt;
    return read->value;
}

TEST(NumberWords, Cardinals) {
    EXPECT_EQ(cardinal("0"), 0);
    EXPECT_EQ(cardinal("6"), 6);
    EXPECT_EQ(cardinal("six"), 6);
    EXPECT_EQ(cardinal("twelve"), 12);
    EXPECT_EQ(cardinal("nineteen"), 19);
    EXPECT_EQ(cardinal("twenty"), 20);
    EXPECT_EQ(cardinal("twenty two"), 22);
    EXPECT_EQ(cardinal("twenty-two"), 22);
    EXPECT_EQ(cardinal("ninety nine"), 99);
    EXPECT_EQ(cardinal("forty five"), 45);
}

TEST(NumberWords, NotCardinals) {
    EXPECT_EQ(cardinal("22nd"), std::nullopt);  // an ordinal
    EXPECT_EQ(cardinal("18:30"), std::nullopt);
    EXPECT_EQ(cardinal("1234567890"), std::nullopt);  // too long to be a count
    EXPECT_EQ(cardinal("court"), std::nullopt);
    EXPECT_EQ(cardinal(""), std::nullopt);
}

TEST(NumberWords, Ordinals) {
    EXPECT_EQ(ordinal("22nd"), 22);
    EXPECT_EQ(ordinal("1st"), 1);
    EXPECT_EQ(ordinal("3rd"), 3);
    EXPECT_EQ(ordinal("first"), 1);
    EXPECT_EQ(ordinal("twelfth"), 12);
    EXPECT_EQ(ordinal("twentieth"), 20);
    EXPECT_EQ(ordinal("twenty second"), 22);
    EXPECT_EQ(ordinal("thirty-first"), 31);
    EXPECT_EQ(ordinal("twenty"), std::nullopt);
    EXPECT_EQ(ordinal("22"), std::nullopt);
}

TEST(NumberWords, DigitWords) {
    EXPECT_EQ(digit_word("oh"), 0);
    EXPECT_EQ(digit_word("zero"), 0);
    EXPECT_EQ(digit_word("nine"), 9);
    EXPECT_EQ(digit_word("ten"), std::nullopt);
}

TEST(NumberWords, Digits) {
    EXPECT_EQ(parse_digits("123"), 123);
    EXPECT_EQ(parse_digits("999999999"), 999999999);
    EXPECT_EQ(parse_digits("1234567890"), std::nullopt);
    EXPECT_EQ(parse_digits("12a"), std::nullopt);
    EXPECT_EQ(parse_digits(""), std::nullopt);
}

TEST(NumberWords, Hundredths) {
    EXPECT_EQ(parse_hundredths("1.5"), 150);
    EXPECT_EQ(parse_hundredths("1.25"), 125);
    EXPECT_EQ(parse_hundredths("2"), 200);
    EXPECT_EQ(parse_hundredths("0.5"), 50);
    EXPECT_EQ(parse_hundredths("1.255"), std::nullopt);
    EXPECT_EQ(parse_hundredths("1:30"), std::nullopt);
}

}  // namespace
}  // namespace frontdesk::chat
