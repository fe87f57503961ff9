#pragma once
// Inputs near a valid JSON document, for tests that compare a fast-path parser with the DOM
// path (the Twilio media/mark and Realtime delta fast paths over core/json_scan): the
// whitespace a document may hold anywhere, object members of every shape, with whether a
// strict scanner can still step over them, and every order of an object's members.

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace frontdesk::test {

/// Checks a fast-path parser against the DOM path on `text`: `fast`, when it answers (an
/// optional), and `full` (fast path, else DOM) must both give what `dom` gives, compared as
/// `describe` prints them. Returns whether the fast path answered.
template <typename Dom, typename Fast, typename Full, typename Describe>
bool expect_fast_path_agrees(const std::string& text, Dom dom, Fast fast, Full full,
                             Describe describe) {
    const auto expected = describe(dom(text));
    const auto served = fast(text);
    if (served) {
        EXPECT_EQ(describe(*served), expected) << "fast path on: " << text;
    }
    EXPECT_EQ(describe(full(text)), expected) << "on: " << text;
    return served.has_value();
}

/// A JSON object of the given members ("\"name\":value" texts), in order.
inline std::string object_of(const std::vector<std::string>& members) {
    std::string out = "{";
    for (const auto& member : members) {
        if (out.size() > 1) out += ',';
        out += member;
    }
    return out + "}";
}

/// The object of `members` in every order they can come in (n! objects).
inline std::vector<std::string> every_member_order(std::vector<std::string> members) {
    std::sort(members.begin(), members.end());
    std::vector<std::string> objects;
    do {
        objects.push_back(object_of(members));
    } while (std::next_permutation(members.begin(), members.end()));
    return objects;
}

/// Runs of whitespace, valid JSON and not (form feed, vertical tab, a no-break space, NUL), to
/// insert at every offset of a document.
inline std::vector<std::string> whitespace_variants() {
    return {" ", "\t\r\n ", "\f", "\v", "\xC2\xA0", std::string(1, '\0')};
}

/// An unknown member `"x":…` of some shape, and whether a fast path should still serve the
/// document holding it (false: it must fall back to the DOM path, which decides).
struct UnknownMember {
    std::string text;
    bool served = true;
};

/// Unknown members of every shape: nested containers, numbers, escapes and UTF-8 the scanner
/// steps over; numbers it does not handle, nesting beyond its depth, bad escapes, bad UTF-8 and
/// malformed values it must refuse.
inline std::vector<UnknownMember> unknown_members() {
    return {
        {R"("x":{})", true},
        {R"("x":[])", true},
        {R"("x":{"a":[1,{"b":null,"c":[true,false]}],"d":"e"})", true},
        {R"("x":[[[[]]],{}])", true},
        {R"("x":{"a":1,"a":2})", true},
        {R"("x":{"type":"error","delta":5})", true},
        {R"("x":-0.25)", true},
        {R"("x":"caf\u00e9 \/ \ud83d\ude00")", true},
        {"\"x\":\"caf\xC3\xA9\"", true},
        {"\"x\xC3\xA9\":1", true},
        {R"("x":1e5)", false},
        {R"("x":123456789012345678901234567890)", false},
        {R"("x":1e400)", false},
        {std::string{R"("x":)"} + std::string(70, '{') + std::string(70, '}'), false},
        {std::string{R"("x":)"} + std::string(70, '[') + std::string(70, ']'), false},
        {R"("x":"\udc00")", false},
        {R"("x":"\ud83d")", false},
        {R"("x":"\u00g0")", false},
        {R"("x":"\q")", false},
        {"\"x\":\"\xE0\x80\x80\"", false},
        {"\"x\":\"\xC3\"", false},
        {"\"x\":\"a\tb\"", false},
        {R"("x":01)", false},
        {R"("x":[1,])", false},
        {R"("x":[1,,2])", false},
        {R"("x":{"a"})", false},
        {R"("x":tru)", false},
    };
}

/// `text` with `inserted` put in at every offset, from before its first character to after its
/// last.
inline std::vector<std::string> insertions_into(const std::string& text,
                                                const std::string& inserted) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at <= text.size(); ++at) {
        out.push_back(text);
        out.back().insert(at, inserted);
    }
    return out;
}

/// `members` with `extra` put in at every position, first to last.
inline std::vector<std::vector<std::string>> insertions_into(
    const std::vector<std::string>& members, const std::string& extra) {
    std::vector<std::vector<std::string>> out;
    for (std::size_t at = 0; at <= members.size(); ++at) {
        out.push_back(members);
        out.back().insert(out.back().begin() + static_cast<std::ptrdiff_t>(at), extra);
    }
    return out;
}

}  // namespace frontdesk::test
