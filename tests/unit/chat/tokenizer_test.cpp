#include "chat/tokenizer.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace frontdesk::chat {
namespace {

std::vector<std::string> texts(const Tokens& tokens) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < tokens.size(); ++i) out.emplace_back(tokens[i].text);
    return out;
}

using Words = std::vector<std::string>;

TEST(Tokenizer, LowerCasesAndSplitsPunctuation) {
    const Tokens tokens{"Book 2 courts @ 6pm, I'm Asha!"};
    EXPECT_EQ(texts(tokens), (Words{"book", "2", "courts", "at", "6", "pm", "im", "asha"}));
}

TEST(Tokenizer, SplitsLettersFromDigits) {
    EXPECT_EQ(texts(Tokens{"22nd court3 1.5hrs"}), (Words{"22", "nd", "court", "3", "1.5", "hrs"}));
}

TEST(Tokenizer, KeepsClockAndDateSeparatorsInsideNumbers) {
    const Tokens tokens{"18:30 22/11/2026 6.30. +91"};
    EXPECT_EQ(texts(tokens), (Words{"18:30", "22/11/2026", "6.30", "+91"}));
    EXPECT_EQ(tokens[0].kind, TokenKind::kNumber);
    EXPECT_EQ(tokens[3].kind, TokenKind::kNumber);
}

TEST(Tokenizer, DashesOnlyBetweenNumbers) {
    const Tokens tokens{"6-8pm 2026-11-22 twenty-two day-after"};
    EXPECT_EQ(texts(tokens), (Words{"6", "-", "8", "pm", "2026", "-", "11", "-", "22", "twenty",
                                    "two", "day", "after"}));
    EXPECT_EQ(tokens[1].kind, TokenKind::kDash);
    EXPECT_EQ(tokens[5].kind, TokenKind::kDash);
}

TEST(Tokenizer, EnDashIsADash) {
    const Tokens tokens{
        "6\xE2\x80\x93"
        "8"};
    EXPECT_EQ(texts(tokens), (Words{"6", "-", "8"}));
}

TEST(Tokenizer, DropsApostrophesStraightAndCurly) {
    EXPECT_EQ(texts(Tokens{"Men's o'clock I\xE2\x80\x99m 'quoted'"}),
              (Words{"mens", "oclock", "im", "quoted"}));
}

TEST(Tokenizer, KeepsEmailsWhole) {
    const Tokens tokens{"mail: Asha.Rao+x@Example.co.in."};
    ASSERT_EQ(tokens.size(), 2U);
    EXPECT_EQ(tokens[1].kind, TokenKind::kEmail);
    EXPECT_EQ(tokens[1].raw, "Asha.Rao+x@Example.co.in");
    EXPECT_EQ(tokens[1].text, "asha.rao+x@example.co.in");
}

TEST(Tokenizer, NotAnEmailWithoutADomain) {
    EXPECT_EQ(texts(Tokens{"asha@home"}), (Words{"asha", "at", "home"}));
}

TEST(Tokenizer, KeepsOurIdsWhole) {
    const Tokens tokens{"cancel BK_3f9c0a6d1e2b, a_b"};
    ASSERT_EQ(tokens.size(), 4U);
    EXPECT_EQ(tokens[1].kind, TokenKind::kId);
    EXPECT_EQ(tokens[1].text, "bk_3f9c0a6d1e2b");
    EXPECT_EQ(tokens[2].text, "a");  // too short to be an id
}

TEST(Tokenizer, PeriodsInAbbreviationsSeparate) {
    EXPECT_EQ(texts(Tokens{"6 p.m."}), (Words{"6", "p", "m"}));
}

TEST(Tokenizer, NonAsciiIsPartOfWordsAndRawIsKept) {
    const Tokens tokens{"José राहुल"};
    ASSERT_EQ(tokens.size(), 2U);
    EXPECT_EQ(tokens[0].text, "jos\xC3\xA9");
    EXPECT_EQ(tokens[0].raw, "José");
    EXPECT_EQ(tokens[1].raw, "राहुल");
}

TEST(Tokenizer, NoBreakSpaceAndQuotesSeparate) {
    EXPECT_EQ(texts(Tokens{"\xE2\x80\x9Chi\xE2\x80\x9D\xC2\xA0there"}), (Words{"hi", "there"}));
}

TEST(Tokenizer, EmptyAndPunctuationOnly) {
    EXPECT_EQ(Tokens{""}.size(), 0U);
    EXPECT_EQ(Tokens{"?!.,;:()[]"}.size(), 0U);
}

TEST(Tokenizer, LongInputIsClippedAndFlagged) {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "ab ";
    const Tokens tokens{text};
    EXPECT_TRUE(tokens.truncated());
    EXPECT_EQ(tokens.size(), Tokens::kMaxTokens);
    EXPECT_EQ(tokens[0].text, "ab");
}

TEST(Tokenizer, ClipsOnlyAtACharacterBoundary) {
    std::string text;
    while (text.size() < kMaxUtteranceBytes + 10) text += "\xC3\xA9";  // "é" with no spaces
    const Tokens tokens{text};
    ASSERT_EQ(tokens.size(), 1U);
    EXPECT_TRUE(tokens.truncated());
    EXPECT_EQ(tokens[0].raw.size() % 2, 0U);
}

TEST(Tokenizer, EveryByteValueIsSafe) {
    std::string text;
    for (int b = 0; b < 256; ++b) text += static_cast<char>(b);
    text += text;
    const Tokens tokens{text};
    for (std::size_t i = 0; i < tokens.size(); ++i) EXPECT_FALSE(tokens[i].text.empty());
}

}  // namespace
}  // namespace frontdesk::chat
