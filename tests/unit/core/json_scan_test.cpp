// JsonScanner: the grammar it walks, the valid forms it refuses, and its soundness against
// nlohmann (everything it accepts, nlohmann accepts), including long strings that take the
// word-at-a-time path with a special byte at every offset.
#include "core/json_scan.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/random_edits.hpp"

namespace frontdesk {
namespace {

using namespace std::string_literals;

/// Whether the scanner accepts `text` as one whole value (read at the root, skipped whole).
bool scans(std::string_view text) {
    JsonScanner scan{text};
    return scan.read_value().has_value() && scan.finish();
}

bool nlohmann_accepts(std::string_view text) { return nlohmann::json::accept(text); }

TEST(JsonScan, ReadsTheMembersOfAnObject) {
    JsonScanner scan{R"( {"s" : "x y", "n":-12.5, "t":true, "f":false, "z":null, "o":{"a":[1]}} )"};
    ASSERT_TRUE(scan.enter_object());
    struct Expected {
        std::string_view key;
        JsonKind kind;
        std::string_view text;
    };
    const std::vector<Expected> expected{
        {"s", JsonKind::kString, "x y"}, {"n", JsonKind::kNumber, "-12.5"},
        {"t", JsonKind::kBool, "true"},  {"f", JsonKind::kBool, "false"},
        {"z", JsonKind::kNull, "null"},  {"o", JsonKind::kObject, R"({"a":[1]})"}};
    JsonToken key;
    for (const auto& member : expected) {
        ASSERT_TRUE(scan.next_member(key)) << member.key;
        EXPECT_EQ(key.text, member.key);
        EXPECT_TRUE(key.is_plain_string());
        const auto value = scan.read_value();
        ASSERT_TRUE(value) << member.key;
        EXPECT_EQ(value->kind, member.kind) << member.key;
        EXPECT_EQ(value->text, member.text) << member.key;
    }
    EXPECT_FALSE(scan.next_member(key));
    EXPECT_FALSE(scan.failed());
    EXPECT_TRUE(scan.finish());
}

TEST(JsonScan, EntersNestedObjectsAndComesBack) {
    JsonScanner scan{R"({"m":{"p":"v","q":{}},"a":[{"x":1}],"z":1})"};
    ASSERT_TRUE(scan.enter_object());
    JsonToken key;
    ASSERT_TRUE(scan.next_member(key));
    ASSERT_EQ(scan.peek(), JsonKind::kObject);
    ASSERT_TRUE(scan.enter_object());
    ASSERT_TRUE(scan.next_member(key));
    EXPECT_EQ(key.text, "p");
    EXPECT_EQ(scan.read_value()->text, "v");
    ASSERT_TRUE(scan.next_member(key));
    EXPECT_EQ(key.text, "q");
    ASSERT_TRUE(scan.enter_object());
    EXPECT_FALSE(scan.next_member(key));  // the empty inner object
    EXPECT_FALSE(scan.next_member(key));  // end of "m"
    EXPECT_FALSE(scan.failed());
    ASSERT_TRUE(scan.next_member(key));
    EXPECT_EQ(key.text, "a");
    EXPECT_FALSE(scan.enter_object());  // an array: not entered, not a failure
    EXPECT_FALSE(scan.failed());
    EXPECT_EQ(scan.read_value()->text, R"([{"x":1}])");
    ASSERT_TRUE(scan.next_member(key));
    EXPECT_EQ(scan.read_value()->text, "1");
    EXPECT_FALSE(scan.next_member(key));
    EXPECT_TRUE(scan.finish());
}

TEST(JsonScan, MarksEscapedStringsAndKeys) {
    JsonScanner scan{R"({"p\u0061":"a\/b","k":"\ud83d\ude00"})"};
    ASSERT_TRUE(scan.enter_object());
    JsonToken key;
    ASSERT_TRUE(scan.next_member(key));
    EXPECT_TRUE(key.escaped);
    EXPECT_EQ(key.text, R"(p\u0061)");
    const auto value = scan.read_value();
    EXPECT_TRUE(value->escaped);
    EXPECT_FALSE(value->is_plain_string());
    EXPECT_EQ(value->text, R"(a\/b)");
    ASSERT_TRUE(scan.next_member(key));
    EXPECT_FALSE(key.escaped);
    EXPECT_TRUE(scan.read_value()->escaped);
    EXPECT_FALSE(scan.next_member(key));
    EXPECT_TRUE(scan.finish());
}

TEST(JsonScan, CallsOutOfGrammarOrderFail) {
    {
        JsonScanner scan{R"({"a":1})"};
        JsonToken key;
        EXPECT_FALSE(scan.next_member(key));  // no object entered
        EXPECT_TRUE(scan.failed());
    }
    {
        JsonScanner scan{R"({"a":1} {"b":2})"};
        EXPECT_TRUE(scan.read_value());
        EXPECT_FALSE(scan.read_value());  // a second root value
        EXPECT_FALSE(scan.finish());
    }
    {
        JsonScanner scan{R"({"a":1,"b":2})"};
        ASSERT_TRUE(scan.enter_object());
        JsonToken key;
        ASSERT_TRUE(scan.next_member(key));
        EXPECT_FALSE(scan.next_member(key));  // the value of "a" was not read
        EXPECT_TRUE(scan.failed());
    }
    {
        JsonScanner scan{R"({"a":1})"};
        ASSERT_TRUE(scan.enter_object());
        EXPECT_FALSE(scan.finish());  // the object is still open
    }
    {
        JsonScanner scan{"  "};
        EXPECT_FALSE(scan.finish());  // no value at all
    }
}

TEST(JsonScan, AcceptsValidJson) {
    const std::vector<std::string> valid{
        "0",
        "-0",
        "12",
        "-12.50",
        "0.000001",
        "123456789012345678",
        "true",
        "false",
        "null",
        R"("")",
        R"("plain")",
        R"("\"\\\/\b\f\n\r\t")",
        R"("\u0000\u00e9\uFFFF")",
        R"("\ud83d\ude00")",
        "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF \x7F\"",
        "[]",
        "{}",
        " \t\r\n[ 1 , [ ] , { } , \"a\" ] \n",
        R"({"a":{"b":{"c":[1,2,{"d":null}]}},"e":[[],[[]]]})",
        R"({"":""})",
        R"({"a":1,"a":2})",
    };
    for (const auto& text : valid) {
        EXPECT_TRUE(nlohmann_accepts(text)) << text;
        EXPECT_TRUE(scans(text)) << text;
    }
}

TEST(JsonScan, RejectsInvalidJson) {
    const std::vector<std::string> invalid{
        "",
        " ",
        "{",
        "}",
        "[",
        R"({"a"})",
        R"({"a":})",
        R"({"a":1,})",
        R"({,"a":1})",
        R"({"a" 1})",
        R"({"a":1 "b":2})",
        "{'a':1}",
        "{a:1}",
        "[1,]",
        "[,1]",
        "[1 2]",
        "[1}",
        R"({"a":1])",
        "1 2",
        "01",
        "-01",
        "1.",
        ".5",
        "-",
        "+1",
        "1.e5",
        "0x10",
        "NaN",
        "tru",
        "nul",
        "True",
        "nulll",
        R"("open)",
        R"("\x")",
        R"("\u12")",
        R"("\u12G4")",
        R"("\ud800")",
        R"("\udc00")",
        R"("\ud800\u0041")",
        R"("\ud800\n")",
        R"("\ud800\ud800")",
        R"("\udc00\udc00")",
        "\"a\nb\"",
        "\"a\tb\"",
        "\"\x01\"",
        "\"\x1F\"",
        "\"\xC0\xAF\"",
        "\"\xC1\xBF\"",
        "\"\xE0\x80\xAF\"",
        "\"\xED\xA0\x80\"",
        "\"\xF0\x80\x80\xAF\"",
        "\"\xF4\x90\x80\x80\"",
        "\"\xF5\x80\x80\x80\"",
        "\"\x80\"",
        "\"\xBF\"",
        "\"\xE2\x82\"",
        "\"\xE2\x82",
        "\"\xFF\"",
        "\f1",
        "\v1",
        "1\f",
        "\0"s,
        "[\0]"s,
        "/* c */ 1",
        "\xEF\xBB\xBF",
    };
    for (const auto& text : invalid) {
        EXPECT_FALSE(nlohmann_accepts(text)) << text;
        EXPECT_FALSE(scans(text)) << text;
    }
}

TEST(JsonScan, RefusesSomeValidButUnusualForms) {
    // The callers fall back to nlohmann for these: they may overflow (numbers) or are merely
    // rare, and refusing them keeps the scanner short.
    const std::vector<std::string> refused{
        "1e5",
        "1E+5",
        "-2.5e-3",
        "1234567890123456789",
        "-12345678901234567890.5",
        "\xEF\xBB\xBF{}",
        "[1]\0 trailing bytes after a NUL"s,  // nlohmann stops reading at a NUL byte
        std::string(JsonScanner::kMaxSkipDepth + 1, '[') +
            std::string(JsonScanner::kMaxSkipDepth + 1, ']'),
    };
    for (const auto& text : refused) {
        EXPECT_TRUE(nlohmann_accepts(text)) << text;
        EXPECT_FALSE(scans(text)) << text;
    }
    const auto deepest =
        std::string(JsonScanner::kMaxSkipDepth, '[') + std::string(JsonScanner::kMaxSkipDepth, ']');
    EXPECT_TRUE(scans(deepest));
}

TEST(JsonScan, LongStringsWithASpecialByteAtEveryOffset) {
    // Long strings are tested 16 bytes at a time (SSE2), then 8, then byte by byte; every
    // special byte must be caught wherever it falls in a block, a word or the tail.
    const std::vector<std::string> specials{"\"",
                                            "\\",
                                            "\\/",
                                            "\\u0041",
                                            "\\q",
                                            "\x01",
                                            "\x1F",
                                            "\n",
                                            "\x7F",
                                            "\xC3\xA9",
                                            "\xC3",
                                            "\x80",
                                            "\xE2\x82\xAC",
                                            "\xF0\x9F\x98\x80",
                                            " ",
                                            "!",
                                            "#",
                                            "[",
                                            "]",
                                            "}",
                                            "~"};
    for (const auto& special : specials) {
        for (std::size_t before = 0; before < 40; ++before) {
            for (std::size_t after = 0; after < 24; ++after) {
                const auto text =
                    "\"" + std::string(before, 'A') + special + std::string(after, '/') + "\"";
                EXPECT_EQ(scans(text), nlohmann_accepts(text)) << text;
            }
        }
    }
}

TEST(JsonScan, PlainStringsOfEveryLengthEndAtTheirQuote) {
    // Plain bytes from both ends of the plain range, so that a block test that is off by one
    // (0x1F/0x20, 0x7F/0x80) or stops early shows up as a wrong token.
    const std::string plain = " ~!#[]}{AZaz09/+=\x7F";
    for (std::size_t size = 0; size < 70; ++size) {
        std::string content;
        for (std::size_t i = 0; i < size; ++i) content += plain[i % plain.size()];
        const auto text = "{\"k\":\"" + content + "\",\"n\":1}";
        JsonScanner scan{text};
        ASSERT_TRUE(scan.enter_object()) << size;
        JsonToken key;
        ASSERT_TRUE(scan.next_member(key)) << size;
        const auto value = scan.read_value();
        ASSERT_TRUE(value.has_value()) << text;
        EXPECT_EQ(value->text, content);
        EXPECT_FALSE(value->escaped);
        ASSERT_TRUE(scan.next_member(key)) << text;
        EXPECT_EQ(key.text, "n");
    }
}

TEST(JsonScan, NeverAcceptsWhatNlohmannRejects) {
    // Random byte edits of a realistic event, from JSON's own alphabet so that many stay close
    // to valid. Soundness is what the callers rely on: when the scanner accepts, it is right.
    const std::string seed =
        R"({"event":"media","sequenceNumber":"3","media":{"track":"inbound","chunk":"1",)"
        R"("timestamp":"5","payload":"f39/f39/f38=","extra":[1,-2.5,{"a":null}]},)"
        R"("flags":[true,false],"streamSid":"MZ\u0041\/1"})";
    constexpr std::string_view kAlphabet = "{}[]:,\"\\ -.0123456789eEtrufalsn/u\x01\x80\xC3\xA9";
    std::mt19937 random{20240611};
    std::size_t both_accept = 0;
    for (int round = 0; round < 20000; ++round) {
        auto text = seed;
        const int edits = 1 + static_cast<int>(random() % 3);
        for (int i = 0; i < edits; ++i) {
            test::random_edit(text, kAlphabet, random);
        }
        const bool accepted = scans(text);
        if (accepted) {
            ASSERT_TRUE(nlohmann_accepts(text)) << text;
            ++both_accept;
        }
    }
    EXPECT_GT(both_accept, 1000U);  // the edits must not all break the text
}

}  // namespace
}  // namespace frontdesk
