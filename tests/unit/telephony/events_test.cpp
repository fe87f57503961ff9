#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/base64.hpp"
#include "support/event_fixture.hpp"
#include "telephony/exotel_events.hpp"
#include "telephony/twilio_events.hpp"

namespace frontdesk::telephony {
namespace {

template <class T>
T as(const StreamEvent& event) {
    EXPECT_TRUE(std::holds_alternative<T>(event)) << "variant index " << event.index();
    return std::holds_alternative<T>(event) ? std::get<T>(event) : T{};
}

TEST(TwilioEvents, ParsesEveryFixture) {
    as<ConnectedEvent>(parse_twilio_event(test::event_fixture("twilio_connected.json")));
    const auto start = as<StartEvent>(parse_twilio_event(test::event_fixture("twilio_start.json")));
    EXPECT_EQ(start.stream_id, "MZ00000000000000000000000000000001");
    EXPECT_EQ(start.call_id, "CA00000000000000000000000000000001");
    EXPECT_EQ(start.custom_parameters.at("facility_id"), "race_club");
    EXPECT_EQ(start.encoding, "audio/x-mulaw");
    EXPECT_EQ(start.sample_rate_hz, 8000);
    const auto media = as<MediaEvent>(parse_twilio_event(test::event_fixture("twilio_media.json")));
    EXPECT_EQ(media.timestamp_ms, 5);
    EXPECT_EQ(media::base64_decode(media.payload)->size(), 160U);
    EXPECT_EQ(as<DtmfEvent>(parse_twilio_event(test::event_fixture("twilio_dtmf.json"))).digit,
              '1');
    EXPECT_EQ(as<MarkEvent>(parse_twilio_event(test::event_fixture("twilio_mark.json"))).name,
              "resp-42-chunk-7");
    as<StopEvent>(parse_twilio_event(test::event_fixture("twilio_stop.json")));
}

TEST(TwilioEvents, MalformedFramesNeverThrow) {
    EXPECT_TRUE(
        as<InvalidEvent>(parse_twilio_event(test::event_fixture("malformed_truncated.json")))
            .fatal);
    EXPECT_TRUE(
        as<InvalidEvent>(parse_twilio_event(test::event_fixture("malformed_no_event.json"))).fatal);
    EXPECT_TRUE(as<InvalidEvent>(parse_twilio_event("[1,2]")).fatal);
    EXPECT_TRUE(as<InvalidEvent>(parse_twilio_event(R"({"event":7})")).fatal);
    EXPECT_TRUE(as<InvalidEvent>(parse_twilio_event("")).fatal);
    EXPECT_FALSE(as<InvalidEvent>(parse_twilio_event(R"({"event":"media"})")).fatal);
    EXPECT_FALSE(
        as<InvalidEvent>(parse_twilio_event(R"({"event":"media","media":{"payload":5}})")).fatal);
    EXPECT_FALSE(as<InvalidEvent>(parse_twilio_event(R"({"event":"mark","mark":{}})")).fatal);
    EXPECT_FALSE(
        as<InvalidEvent>(parse_twilio_event(R"({"event":"dtmf","dtmf":{"digit":"x"}})")).fatal);
    EXPECT_FALSE(as<InvalidEvent>(parse_twilio_event(R"({"event":"start","start":{}})")).fatal);
    // The payload is checked where it is decoded (the session), not here.
    as<MediaEvent>(parse_twilio_event(test::event_fixture("malformed_media_payload.json")));
}

TEST(TwilioEvents, UnknownEventsAndNumbersAsNumbers) {
    EXPECT_EQ(as<IgnoredEvent>(parse_twilio_event(R"({"event":"future","x":1})")).name, "future");
    const auto media = as<MediaEvent>(
        parse_twilio_event(R"({"event":"media","media":{"timestamp":40,"payload":"//8="}})"));
    EXPECT_EQ(media.timestamp_ms, 40);
    const auto bad_clock = as<MediaEvent>(
        parse_twilio_event(R"({"event":"media","media":{"timestamp":"4x","payload":"//8="}})"));
    EXPECT_FALSE(bad_clock.timestamp_ms);
}

TEST(TwilioEvents, SerialisesOutboundShapes) {
    const std::uint8_t audio[] = {0xFF, 0x7F, 0x00};
    const auto media = nlohmann::json::parse(twilio_media_frame("MZ1", audio));
    EXPECT_EQ(media, nlohmann::json::parse(
                         R"({"event":"media","streamSid":"MZ1","media":{"payload":"/38A"}})"));
    EXPECT_EQ(
        nlohmann::json::parse(twilio_mark_frame("MZ1", R"(m"1)")),
        nlohmann::json::parse(R"({"event":"mark","streamSid":"MZ1","mark":{"name":"m\"1"}})"));
    EXPECT_EQ(twilio_clear_frame("MZ1"), R"({"event":"clear","streamSid":"MZ1"})");
}

TEST(ExotelEvents, ParsesSnakeCaseFixtures) {
    as<ConnectedEvent>(parse_exotel_event(test::event_fixture("exotel_connected.json")));
    const auto start = as<StartEvent>(parse_exotel_event(test::event_fixture("exotel_start.json")));
    EXPECT_EQ(start.stream_id, "MZ0000000000000000000000EX");
    EXPECT_EQ(start.call_id, "CA0000000000000000000000EX");
    EXPECT_EQ(start.from, "+915550100123");
    EXPECT_EQ(start.to, "+915550100999");
    EXPECT_EQ(start.encoding, "audio/x-raw");
    EXPECT_EQ(start.sample_rate_hz, 8000);
    EXPECT_EQ(start.custom_parameters.at("facility_id"), "race_club");
    const auto media = as<MediaEvent>(parse_exotel_event(test::event_fixture("exotel_media.json")));
    EXPECT_EQ(media::base64_decode(media.payload)->size(), 320U);
    EXPECT_EQ(as<DtmfEvent>(parse_exotel_event(test::event_fixture("exotel_dtmf.json"))).digit,
              '5');
    EXPECT_EQ(as<MarkEvent>(parse_exotel_event(test::event_fixture("exotel_mark.json"))).name,
              "greeting-complete");
    EXPECT_EQ(as<StopEvent>(parse_exotel_event(test::event_fixture("exotel_stop.json"))).reason,
              "callended");
    EXPECT_EQ(as<IgnoredEvent>(parse_exotel_event(test::event_fixture("exotel_closed.json"))).name,
              "closed");
}

TEST(ExotelEvents, ToleratesCasingVariants) {
    const auto start =
        as<StartEvent>(parse_exotel_event(test::event_fixture("exotel_start_camel.json")));
    EXPECT_EQ(start.stream_id, "MZ0000000000000000000000EX");
    EXPECT_EQ(start.call_id, "CA0000000000000000000000EX");
    EXPECT_EQ(start.encoding, "linear16");
    EXPECT_EQ(start.sample_rate_hz, 16000);
    const auto media =
        as<MediaEvent>(parse_exotel_event(test::event_fixture("exotel_media_camel.json")));
    EXPECT_EQ(media::base64_decode(media.payload)->size(), 640U);
    EXPECT_EQ(media.timestamp_ms, 200);
    EXPECT_EQ(as<StopEvent>(parse_exotel_event(R"({"event":"stop"})")).reason, "");
}

TEST(ExotelEvents, MalformedFramesNeverThrow) {
    EXPECT_TRUE(
        as<InvalidEvent>(parse_exotel_event(test::event_fixture("malformed_truncated.json")))
            .fatal);
    EXPECT_TRUE(as<InvalidEvent>(parse_exotel_event(R"({"EVENT":"media"})")).fatal);
    EXPECT_FALSE(as<InvalidEvent>(parse_exotel_event(R"({"event":"start","start":{}})")).fatal);
    EXPECT_FALSE(as<InvalidEvent>(parse_exotel_event(R"({"event":"media","media":[]})")).fatal);
}

TEST(ExotelEvents, SerialisesSnakeCase) {
    const std::uint8_t audio[] = {1, 0};
    EXPECT_EQ(exotel_media_frame("MZ1", audio),
              R"({"event":"media","stream_sid":"MZ1","media":{"payload":"AQA="}})");
    EXPECT_EQ(exotel_mark_frame("MZ1", "r-1"),
              R"({"event":"mark","stream_sid":"MZ1","mark":{"name":"r-1"}})");
    EXPECT_EQ(exotel_clear_frame("MZ1"), R"({"event":"clear","stream_sid":"MZ1"})");
}

TEST(ExotelChunker, EmitsWholeGranulesOfAtLeastAHundredMilliseconds) {
    ExotelChunker chunker{{media::AudioEncoding::kPcm16, media::kSampleRate8k}};
    EXPECT_EQ(chunker.granule_bytes(), 320U);
    EXPECT_EQ(chunker.min_chunk_bytes(), 3200U);  // Exotel's 3.2 KB (200 ms at 8 kHz)
    std::vector<std::uint8_t> audio(3000, 1);
    EXPECT_TRUE(chunker.push(audio).empty());
    auto chunks = chunker.push(std::vector<std::uint8_t>(1000, 2));
    ASSERT_EQ(chunks.size(), 1U);
    EXPECT_EQ(chunks[0].size(), 3840U);  // 4000 held → 12 granules out, 160 left
    EXPECT_EQ(chunker.pending_bytes(), 160U);
    const auto rest = chunker.flush();
    EXPECT_EQ(rest.size(), 3200U);  // padded with silence to the minimum
    EXPECT_EQ(rest[159], 2);
    EXPECT_EQ(rest[160], 0);
    EXPECT_TRUE(chunker.flush().empty());
}

TEST(ExotelChunker, SplitsLargeInputAtTheMaximumAndScalesWithRate) {
    ExotelChunker chunker{{media::AudioEncoding::kPcm16, media::kSampleRate24k}};
    EXPECT_EQ(chunker.granule_bytes(), 960U);
    EXPECT_EQ(chunker.min_chunk_bytes(), 4800U);  // 100 ms
    const auto chunks = chunker.push(std::vector<std::uint8_t>(250'000, 3));
    ASSERT_FALSE(chunks.empty());
    for (const auto& chunk : chunks) {
        EXPECT_EQ(chunk.size() % 960, 0U);
        EXPECT_LE(chunk.size(), 100'000U);
        EXPECT_GE(chunk.size(), 4800U);
    }
    chunker.clear();
    EXPECT_EQ(chunker.pending_bytes(), 0U);
}

}  // namespace
}  // namespace frontdesk::telephony
