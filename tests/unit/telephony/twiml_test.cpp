#include "telephony/twiml.hpp"

#include <gtest/gtest.h>

namespace frontdesk::telephony {
namespace {

TEST(Twiml, EscapesXml) { EXPECT_EQ(xml_escape(R"(a&b<c>"d'e)"), "a&amp;b&lt;c&gt;&quot;d&apos;e"); }

TEST(Twiml, StreamUrlFromPublicUrl) {
    EXPECT_EQ(stream_url_from_public_url("https://voice.example.com", "/voice/stream"),
              "wss://voice.example.com/voice/stream");
    EXPECT_EQ(stream_url_from_public_url("https://voice.example.com:8443/base/", "/voice/stream"),
              "wss://voice.example.com:8443/base/voice/stream");
    EXPECT_EQ(stream_url_from_public_url("http://127.0.0.1:8080?x=1", "/voice/stream"),
              "ws://127.0.0.1:8080/voice/stream");
    EXPECT_FALSE(stream_url_from_public_url("ftp://example.com", "/voice/stream"));
    EXPECT_FALSE(stream_url_from_public_url("not a url", "/voice/stream"));
    EXPECT_FALSE(stream_url_from_public_url("", "/voice/stream"));
}

TEST(Twiml, ConnectStreamCarriesEscapedParameters) {
    const auto twiml = connect_stream_twiml(
        {"wss://voice.example.com/voice/stream",
         {{"facility_id", "race_club"}, {"caller", "+15550100123"}, {"note", R"(a"b&c)"}}});
    EXPECT_EQ(twiml,
              R"(<?xml version="1.0" encoding="UTF-8"?><Response><Connect>)"
              R"(<Stream url="wss://voice.example.com/voice/stream">)"
              R"(<Parameter name="facility_id" value="race_club"/>)"
              R"(<Parameter name="caller" value="+15550100123"/>)"
              R"(<Parameter name="note" value="a&quot;b&amp;c"/>)"
              R"(</Stream></Connect></Response>)");
}

TEST(Twiml, SayAndHangUp) {
    EXPECT_EQ(say_and_hang_up_twiml("Sorry & goodbye."),
              R"(<?xml version="1.0" encoding="UTF-8"?><Response><Say>Sorry &amp; goodbye.</Say>)"
              R"(<Hangup/></Response>)");
}

TEST(Twiml, Dial) {
    EXPECT_EQ(dial_twiml("1231231234"), "<Response><Dial>1231231234</Dial></Response>");
    EXPECT_EQ(dial_twiml("+15550100", "One moment."),
              "<Response><Say>One moment.</Say><Dial>+15550100</Dial></Response>");
}

}  // namespace
}  // namespace frontdesk::telephony
