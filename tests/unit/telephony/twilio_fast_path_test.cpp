// The media and mark fast path against the DOM path: for every input both must give the same
// event (the fast path may only decline), and the fast path must actually serve real frames.
// Also the outbound builders against the json_quote() shapes they replaced.
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/event_fixture.hpp"
#include "support/json_edge_cases.hpp"
#include "support/random_edits.hpp"
#include "telephony/event_json.hpp"
#include "telephony/twilio_events.hpp"

namespace frontdesk::telephony {
namespace {

using namespace std::string_literals;
using frontdesk::test::object_of;

std::string describe(const StreamEvent& event) {
    std::ostringstream out;
    std::visit(
        [&out](const auto& e) {
            using Event = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<Event, MediaEvent>) {
                out << "media payload=" << e.payload << " timestamp=";
                if (e.timestamp_ms) {
                    out << *e.timestamp_ms;
                } else {
                    out << "none";
                }
            } else if constexpr (std::is_same_v<Event, InvalidEvent>) {
                out << "invalid fatal=" << e.fatal << " " << e.reason;
            } else if constexpr (std::is_same_v<Event, IgnoredEvent>) {
                out << "ignored " << e.name;
            } else if constexpr (std::is_same_v<Event, MarkEvent>) {
                out << "mark " << e.name;
            } else {
                out << "other event " << StreamEvent{e}.index();
            }
        },
        event);
    return out.str();
}

/// The fast path against the DOM path on `text` (test::expect_fast_path_agrees); returns
/// whether the fast path answered.
bool expect_same(const std::string& text) {
    return test::expect_fast_path_agrees(text, detail::parse_twilio_event_dom,
                                         detail::scan_twilio_media_or_mark, parse_twilio_event,
                                         describe);
}

constexpr std::string_view kPayload = "f39/f38AAQL+/w==";

std::vector<std::string> media_members() {
    return {R"("track":"inbound")", R"("chunk":"1")", R"("timestamp":"5")",
            R"("payload":")" + std::string{kPayload} + "\"", R"("extra":{"a":[1,{"b":null}]})"};
}

std::string media_frame_with(const std::vector<std::string>& media) {
    return object_of({R"("event":"media")", R"("sequenceNumber":"3")",
                      R"("media":)" + object_of(media), R"("streamSid":"MZ0001")"});
}

std::string media_frame() { return media_frame_with(media_members()); }

TEST(TwilioFastPath, ServesRealFramesInAnyKeyOrder) {
    EXPECT_TRUE(expect_same(test::event_fixture("twilio_media.json")));
    EXPECT_TRUE(expect_same(nlohmann::json::parse(media_frame()).dump(4)));
    int orders = 0;
    for (const auto& media : test::every_member_order(media_members())) {
        for (const auto& frame :
             test::every_member_order({R"("event":"media")", R"("sequenceNumber":"3")",
                                       R"("media":)" + media, R"("streamSid":"MZ1")"})) {
            ASSERT_TRUE(expect_same(frame)) << frame;
            ++orders;
        }
    }
    EXPECT_EQ(orders, 24 * 120);
}

TEST(TwilioFastPath, WhitespaceAnywhere) {
    const auto frame = media_frame();
    for (const auto& space : frontdesk::test::whitespace_variants()) {
        for (const auto& text : frontdesk::test::insertions_into(frame, space)) expect_same(text);
    }
}

TEST(TwilioFastPath, UnknownFieldsOfAnyShape) {
    for (const auto& [extra, served] : frontdesk::test::unknown_members()) {
        for (const auto& inner : frontdesk::test::insertions_into(media_members(), extra)) {
            EXPECT_EQ(expect_same(media_frame_with(inner)), served) << extra;
        }
        const auto outer =
            object_of({extra, R"("event":"media")", "\"media\":" + object_of(media_members())});
        EXPECT_EQ(expect_same(outer), served) << extra;
        const auto outer_last =
            object_of({R"("event":"media")", "\"media\":" + object_of(media_members()), extra});
        EXPECT_EQ(expect_same(outer_last), served) << extra;
    }
}

TEST(TwilioFastPath, EscapesInFieldsItReadsAreLeftToTheDom) {
    const std::vector<std::string> frames{
        R"({"event":"media","media":{"payload":"\/\/8AAQ=="}})",
        R"({"event":"media","media":{"payload":"\u0041AAA"}})",
        R"({"event":"media","media":{"payload":"AA\"A"}})",
        R"({"event":"\u006dedia","media":{"payload":"AAAA"}})",
        R"({"\u0065vent":"media","media":{"payload":"AAAA"}})",
        R"({"event":"media","medi\u0061":{"payload":"AAAA"}})",
        R"({"event":"media","media":{"p\u0061yload":"AAAA"}})",
        R"({"event":"media","media":{"payload":"AAAA","t\u0069mestamp":"7"}})",
        R"({"event":"media","media":{"payload":"AAAA","timestamp":"\u0037"}})",
        R"({"event":"media","media":{"payload":"AAAA","timestamp":"7\n"}})",
    };
    for (const auto& frame : frames) EXPECT_FALSE(expect_same(frame)) << frame;
    // Escapes elsewhere are only validated.
    EXPECT_TRUE(expect_same(
        R"({"event":"media","streamSid":"MZ\u0041\/\"","media":{"track":"\n","payload":"AAAA"}})"));
}

TEST(TwilioFastPath, TimestampsAsStringsAndNumbers) {
    const std::vector<std::pair<std::string, bool>> timestamps{
        {R"("5")", true},
        {"5", true},
        {"-5", true},
        {R"("-5")", true},
        {"-0", true},
        {R"("-0")", true},
        {"0", true},
        {R"("+5")", true},
        {R"(" 5")", true},
        {R"("5 ")", true},
        {R"("")", true},
        {R"("abc")", true},
        {R"("0x10")", true},
        {"5.0", true},
        {"5.5", true},
        {R"("5.0")", true},
        {"null", true},
        {"true", true},
        {"false", true},
        {"{}", true},
        {"[]", true},
        {R"({"a":1})", true},
        {"123456789012345678", true},
        {"-123456789012345678", true},
        {R"("9223372036854775807")", true},
        {R"("9223372036854775808")", true},
        {R"("-9223372036854775809")", true},
        {"\"\xD9\xA3\"", true},
        {"1234567890123456789", false},
        {"9223372036854775807", false},
        {"9223372036854775808", false},
        {"18446744073709551616", false},
        {"-9223372036854775809", false},
        {"1e3", false},
        {R"("\u0035")", false},
        {"00", false},
        {"1.", false},
        {"+5", false},
    };
    for (const auto& [timestamp, served] : timestamps) {
        const auto frame =
            R"({"event":"media","media":{"timestamp":)" + timestamp + R"(,"payload":"AAAA"}})";
        EXPECT_EQ(expect_same(frame), served) << frame;
    }
}

TEST(TwilioFastPath, MissingFieldsAndWrongTypes) {
    const std::vector<std::string> frames{
        R"({"event":"media"})",
        R"({"event":"media","media":null})",
        R"({"event":"media","media":"AAAA"})",
        R"({"event":"media","media":["AAAA"]})",
        R"({"event":"media","media":{}})",
        R"({"event":"media","media":{"payload":null}})",
        R"({"event":"media","media":{"payload":5}})",
        R"({"event":"media","media":{"payload":["AAAA"]}})",
        R"({"event":"media","media":{"payload":{}}})",
        R"({"media":{"payload":"AAAA"}})",
        R"({"event":null,"media":{"payload":"AAAA"}})",
        R"({"event":5,"media":{"payload":"AAAA"}})",
        R"({"event":["media"],"media":{"payload":"AAAA"}})",
        R"({"event":"Media","media":{"payload":"AAAA"}})",
        R"({"event":"media ","media":{"payload":"AAAA"}})",
        R"({"event":"","media":{"payload":"AAAA"}})",
        R"({"event":"mark","media":{"payload":"AAAA"}})",
        R"({})",
    };
    for (const auto& frame : frames) EXPECT_FALSE(expect_same(frame)) << frame;
    // The event name decides which object counts.
    EXPECT_TRUE(expect_same(R"({"media":{"payload":"AAAA"},"event":"mark","mark":{"name":"m1"}})"));
    // The payload is only checked for base64 where it is decoded; an empty one is served.
    EXPECT_TRUE(expect_same(R"({"event":"media","media":{"payload":""}})"));
    EXPECT_TRUE(expect_same(R"({"event":"media","media":{"payload":"not base64!"}})"));
}

TEST(TwilioFastPath, RepeatedKeysAreLeftToTheDom) {
    const std::vector<std::string> frames{
        R"({"event":"media","event":"media","media":{"payload":"AAAA"}})",
        R"({"event":"media","media":{"payload":"AAAA"},"event":"mark","mark":{"name":"m"}})",
        R"({"event":"mark","mark":{"name":"m"},"event":"media","media":{"payload":"AAAA"}})",
        R"({"event":"media","media":{"payload":"AAAA"},"media":{"payload":"BBBB"}})",
        R"({"event":"media","media":{"payload":"AAAA"},"media":null})",
        R"({"event":"media","media":{"payload":"AAAA","payload":"BBBB"}})",
        R"({"event":"media","media":{"payload":"AAAA","payload":null}})",
        R"({"event":"media","media":{"payload":"AAAA","timestamp":1,"timestamp":"2"}})",
    };
    for (const auto& frame : frames) EXPECT_FALSE(expect_same(frame)) << frame;
    EXPECT_TRUE(expect_same(R"({"x":1,"x":2,"event":"media","media":{"payload":"AAAA"}})"));
}

TEST(TwilioFastPath, TruncatedAtEveryByte) {
    for (
        const auto& frame :
        {media_frame(), nlohmann::json::parse(media_frame()).dump(2),
         test::event_fixture("twilio_media.json"),
         R"({"event":"media","media":{"timestamp":-12.5,"payload":"\/\/8="},"x":"\ud83d\ude00"})"s}) {
        EXPECT_TRUE(expect_same(frame) || frame.find('\\') != std::string::npos) << frame;
        for (std::size_t size = 0; size < frame.size(); ++size) {
            EXPECT_FALSE(expect_same(frame.substr(0, size))) << frame.substr(0, size);
        }
    }
}

TEST(TwilioFastPath, GarbageAfterTheDocumentAndOtherRoots) {
    const auto frame = media_frame();
    for (const auto& tail :
         std::vector<std::string>{" x", "}", "{}", ",", "\0"s, "]", "null", "\xC3\xA9", " {"}) {
        EXPECT_FALSE(expect_same(frame + tail)) << tail;
    }
    EXPECT_TRUE(expect_same(frame + " \r\n\t"));
    for (const auto& text : std::vector<std::string>{
             "[]"s, "[" + frame + "]", R"("media")"s, "1"s, "null"s, "true"s, ""s, " "s,
             "\xEF\xBB\xBF" + frame, "\xEF\xBB" + frame, frame.substr(1)}) {
        EXPECT_FALSE(expect_same(text)) << text;
    }
}

TEST(TwilioFastPath, MarksAreServedAndOtherEventsTakeTheDomPath) {
    const std::vector<std::pair<std::string, bool>> fixtures{
        {"twilio_connected.json", false},   {"twilio_start.json", false},
        {"twilio_dtmf.json", false},        {"twilio_mark.json", true},
        {"twilio_stop.json", false},        {"malformed_truncated.json", false},
        {"malformed_no_event.json", false}, {"malformed_media_payload.json", true},
        {"exotel_media.json", true},
    };
    for (const auto& [name, served] : fixtures)
        EXPECT_EQ(expect_same(test::event_fixture(name)), served) << name;
}

std::string mark_frame() {
    return object_of({R"("event":"mark")", R"("sequenceNumber":"4")", R"("streamSid":"MZ1")",
                      R"("mark":{"name":"resp-42-chunk-7"})"});
}

TEST(TwilioFastPath, MarkEchoesInAnyKeyOrder) {
    const auto orders = test::every_member_order(
        {R"("event":"mark")", R"("sequenceNumber":"4")", R"("streamSid":"MZ1")",
         R"("mark":{"x":[1,{"y":null}],"name":"resp-42-chunk-7"})"});
    EXPECT_EQ(orders.size(), 24U);
    for (const auto& mark : orders) ASSERT_TRUE(expect_same(mark)) << mark;
    EXPECT_EQ(describe(parse_twilio_event(mark_frame())), "mark resp-42-chunk-7");
    EXPECT_TRUE(expect_same(nlohmann::json::parse(mark_frame()).dump(4)));
}

TEST(TwilioFastPath, MarksWithoutAPlainNameAreLeftToTheDom) {
    const std::vector<std::string> frames{
        R"({"event":"mark"})",
        R"({"event":"mark","mark":null})",
        R"({"event":"mark","mark":"m1"})",
        R"({"event":"mark","mark":{}})",
        R"({"event":"mark","mark":{"name":null}})",
        R"({"event":"mark","mark":{"name":7}})",
        R"({"event":"mark","mark":{"name":["m1"]}})",
        R"({"event":"mark","mark":{"name":"m\u0031"}})",
        R"({"event":"mark","mark":{"n\u0061me":"m1"}})",
        R"({"event":"mark","m\u0061rk":{"name":"m1"}})",
        R"({"event":"mark","mark":{"name":"m1","name":"m2"}})",
        R"({"event":"mark","mark":{"name":"m1"},"mark":{"name":"m2"}})",
        R"({"event":"mark","mark":{"name":"m1"},"event":"mark"})",
        R"({"event":"Mark","mark":{"name":"m1"}})",
        R"({"mark":{"name":"m1"}})",
    };
    for (const auto& frame : frames) EXPECT_FALSE(expect_same(frame)) << frame;
    // A media object in a mark event (or a mark in a media event) is only validated.
    EXPECT_TRUE(expect_same(R"({"event":"mark","mark":{"name":""},"media":{"x":1}})"));
    EXPECT_TRUE(expect_same(R"({"event":"media","mark":{"x":1},"media":{"payload":"AAAA"}})"));
    EXPECT_TRUE(expect_same("{\"event\":\"mark\",\"mark\":{\"name\":\"caf\xC3\xA9\"}}"));
    for (std::size_t size = 0; size < mark_frame().size(); ++size) {
        EXPECT_FALSE(expect_same(mark_frame().substr(0, size))) << size;
    }
}

TEST(TwilioFastPath, RandomEditsNeverChangeTheResult) {
    const auto media_seed =
        R"({"event":"media","sequenceNumber":"3","media":{"track":"inbound",)"
        R"("chunk":"1","timestamp":"5","payload":"f39/f38=","x":[1,{"a":null}]},)"
        R"("streamSid":"MZ1"})"s;
    const auto mark_seed =
        R"({"event":"mark","sequenceNumber":"4","mark":{"name":"m-7","x":[1,{"a":null}]},)"
        R"("media":{"payload":"f39/"},"streamSid":"MZ1"})"s;
    constexpr std::string_view kAlphabet = "{}[]:,\"\\ -.0123456789eEtrufalsnmdiaAp/kr\x01\xC3";
    std::mt19937 random{7};
    for (const auto& seed : {media_seed, mark_seed}) {
        EXPECT_GT(
            test::count_served_after_random_edits(seed, kAlphabet, random, 20000, expect_same),
            2000)
            << seed;
    }
}

TEST(TwilioOutbound, BuildersQuoteExactlyAsJsonQuote) {
    const std::uint8_t audio[] = {0xFF, 0x7F, 0x00, 0x01};
    for (const auto& value :
         std::vector<std::string>{"MZ0001"s, ""s, "a\"b"s, "a\\b"s, "a/b"s, "tab\there"s, "nul\0l"s,
                                  "del\x7F"s, "caf\xC3\xA9"s, "bad\xC3"s, "resp-42-chunk-7"s}) {
        const auto quoted = detail::json_quote(value);
        EXPECT_EQ(twilio_media_frame(value, audio), R"({"event":"media","streamSid":)" + quoted +
                                                        R"(,"media":{"payload":"/38AAQ=="}})")
            << value;
        EXPECT_EQ(twilio_mark_frame("MZ1", value),
                  R"({"event":"mark","streamSid":"MZ1","mark":{"name":)" + quoted + "}}")
            << value;
        EXPECT_EQ(twilio_mark_frame(value, "m"),
                  R"({"event":"mark","streamSid":)" + quoted + R"(,"mark":{"name":"m"}})")
            << value;
        EXPECT_EQ(twilio_clear_frame(value), R"({"event":"clear","streamSid":)" + quoted + "}")
            << value;
    }
}

}  // namespace
}  // namespace frontdesk::telephony
