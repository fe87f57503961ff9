// Server events parsed from the fixtures (PROTOCOLS.md §7.5/§7.7), and client events checked
// field by field against the shapes of §7.3/§7.4.
#include "realtime/realtime_events.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/base64.hpp"
#include "realtime/realtime_endpoint.hpp"
#include "support/event_fixture.hpp"

namespace frontdesk::realtime {
namespace {

using nlohmann::json;

template <class T>
T parse_as(const std::string& name) {
    auto event = parse_server_event(test::event_fixture("realtime/" + name));
    EXPECT_TRUE(event.has_value()) << name;
    if (!event || !std::holds_alternative<T>(*event)) {
        ADD_FAILURE() << name << " parsed as another event";
        return T{};
    }
    return std::get<T>(std::move(*event));
}

TEST(RealtimeEvents, SessionEventsReportTheAppliedFormats) {
    const auto created = parse_as<SessionApplied>("session_created_ga.json");
    EXPECT_TRUE(created.created);
    EXPECT_EQ(created.input_format, media::kOpenAiPcmFormat);
    EXPECT_EQ(created.output_format, media::kOpenAiPcmFormat);

    const auto updated = parse_as<SessionApplied>("session_updated_pcmu.json");
    EXPECT_FALSE(updated.created);
    EXPECT_EQ(updated.input_format, media::kTwilioFormat);
    EXPECT_EQ(updated.output_format, media::kTwilioFormat);

    const auto beta = parse_as<SessionApplied>("session_updated_beta.json");
    EXPECT_EQ(beta.input_format, media::kTwilioFormat);
    EXPECT_EQ(beta.output_format, media::kOpenAiPcmFormat);
}

TEST(RealtimeEvents, SpeechAndTranscripts) {
    EXPECT_EQ(parse_as<SpeechStarted>("speech_started.json").audio_start_ms, 1000);
    EXPECT_EQ(parse_as<SpeechStopped>("speech_stopped.json").audio_end_ms, 2000);
    const auto delta = parse_as<AgentTranscript>("output_audio_transcript_delta.json");
    EXPECT_FALSE(delta.done);
    EXPECT_EQ(delta.text, "Hello, how can I");
    const auto done = parse_as<AgentTranscript>("output_audio_transcript_done.json");
    EXPECT_TRUE(done.done);
    EXPECT_EQ(done.text, "Hello, how can I help?");
    EXPECT_EQ(parse_as<CallerTranscript>("input_audio_transcription_completed.json").text,
              "I'd like to book a court tomorrow at six.");
}

TEST(RealtimeEvents, AudioDeltasInGaAndBetaNames) {
    const auto ga = parse_as<AudioDelta>("output_audio_delta.json");
    EXPECT_EQ(ga.item_id, "item_008");
    EXPECT_EQ(ga.response_id, "resp_001");
    EXPECT_EQ(media::base64_decode(ga.audio_base64),
              (std::vector<std::uint8_t>{0xFF, 0xFF, 0xFF, 0x7F}));
    EXPECT_EQ(parse_as<AudioDelta>("audio_delta_beta.json").audio_base64, "AAEC");
    const auto done = parse_as<AudioDone>("output_audio_done.json");
    EXPECT_EQ(done.response_id, "resp_001");
    EXPECT_EQ(done.item_id, "item_008");
    const auto beta_done = parse_server_event(R"({"type":"response.audio.done","item_id":"i"})");
    ASSERT_TRUE(beta_done && std::holds_alternative<AudioDone>(*beta_done));
    EXPECT_EQ(std::get<AudioDone>(*beta_done).item_id, "i");
}

TEST(RealtimeEvents, FunctionCallsAndResponses) {
    const auto call = parse_as<FunctionCall>("function_call_arguments_done.json");
    EXPECT_EQ(call.call_id, "call_sHlR7iaFwQ2YQOqm");
    EXPECT_EQ(call.name, "check_availability");
    EXPECT_EQ(call.response_id, "resp_002");
    EXPECT_EQ(json::parse(call.arguments)["date"], "2026-11-22");
    EXPECT_EQ(parse_as<ResponseCreated>("response_created.json").response_id, "resp_001");
    const auto done = parse_as<ResponseDone>("response_done.json");
    EXPECT_EQ(done.status, ResponseStatus::kCompleted);
    const auto cancelled = parse_as<ResponseDone>("response_done_cancelled.json");
    EXPECT_EQ(cancelled.status, ResponseStatus::kCancelled);
    EXPECT_EQ(cancelled.reason, "turn_detected");
}

TEST(RealtimeEvents, ErrorsRateLimitsAndOthers) {
    const auto error = parse_as<ServerError>("error.json");
    EXPECT_EQ(error.code, "invalid_event");
    EXPECT_EQ(error.type, "invalid_request_error");
    const auto limits = parse_as<RateLimitsUpdated>("rate_limits_updated.json");
    ASSERT_EQ(limits.limits.size(), 2U);
    EXPECT_EQ(limits.limits[1].remaining, 49950);
    EXPECT_EQ(parse_as<OtherEvent>("conversation_item_added.json").type, "conversation.item.added");
}

TEST(RealtimeEvents, MalformedInputIsNulloptNeverAThrow) {
    for (const auto* text :
         {"", "not json", "[]", "{}", R"({"type": 7})", R"({"type":"response.output_audio.delta"})",
          R"({"type":"response.output_audio.delta","delta":5})", R"({"type":"response.done"})",
          R"({"type":"session.updated","session":"x"})", R"({"type":"error","error":[]})",
          R"({"type":"response.function_call_arguments.done","name":"x"})", "{\"type\":\"a\"",
          "{\"type\":\"x\xff\"}"}) {
        EXPECT_FALSE(parse_server_event(text).has_value()) << text;
    }
    // Unknown fields and wrongly typed optional fields are tolerated.
    const auto lenient = parse_server_event(
        R"({"type":"input_audio_buffer.speech_started","audio_start_ms":"x","extra":{}})");
    ASSERT_TRUE(lenient.has_value());
    EXPECT_EQ(std::get<SpeechStarted>(*lenient).audio_start_ms, 0);
}

TEST(RealtimeEvents, SessionUpdateHasTheGaShape) {
    SessionSettings settings;
    settings.instructions = "Be brief.";
    settings.voice = "verse";
    settings.input_format = media::kTwilioFormat;
    settings.output_format = media::kTwilioFormat;
    settings.tools_json = R"([{"type":"function","name":"end_call","parameters":{}}])";
    const auto event = json::parse(build_session_update(settings));
    EXPECT_EQ(event["type"], "session.update");
    const auto& session = event["session"];
    EXPECT_EQ(session["type"], "realtime");
    EXPECT_EQ(session["instructions"], "Be brief.");
    EXPECT_EQ(session["output_modalities"], json::array({"audio"}));
    EXPECT_EQ(session["audio"]["input"]["format"], json({{"type", "audio/pcmu"}}));
    EXPECT_EQ(session["audio"]["output"]["format"], json({{"type", "audio/pcmu"}}));
    EXPECT_EQ(session["audio"]["output"]["voice"], "verse");
    EXPECT_EQ(session["audio"]["input"]["turn_detection"]["type"], "server_vad");
    EXPECT_EQ(session["audio"]["input"]["turn_detection"]["interrupt_response"], true);
    EXPECT_EQ(session["audio"]["input"]["transcription"]["model"], "gpt-4o-mini-transcribe");
    EXPECT_EQ(session["tools"][0]["name"], "end_call");
    EXPECT_EQ(session["tool_choice"], "auto");
    EXPECT_FALSE(session.contains("temperature"));  // GA has none

    settings.input_format = media::kOpenAiPcmFormat;
    settings.output_format = media::kOpenAiPcmFormat;
    const auto pcm = json::parse(build_session_update(settings));
    EXPECT_EQ(pcm["session"]["audio"]["input"]["format"],
              json({{"type", "audio/pcm"}, {"rate", 24000}}));
}

TEST(RealtimeEvents, ClientEventsHaveTheDocumentedShapes) {
    std::string append;
    const std::vector<std::uint8_t> audio(160, 0xFF);
    build_audio_append(audio, append);
    const auto parsed = json::parse(append);
    EXPECT_EQ(parsed["type"], "input_audio_buffer.append");
    EXPECT_EQ(media::base64_decode(parsed["audio"].get<std::string>()), audio);

    EXPECT_EQ(json::parse(build_function_call_output("call_1", R"({"ok":true})")),
              json::parse(R"({"type":"conversation.item.create","item":{"type":
                  "function_call_output","call_id":"call_1","output":"{\"ok\":true}"}})"));
    EXPECT_EQ(json::parse(build_user_text("1 2")),
              json::parse(R"({"type":"conversation.item.create","item":{"type":"message",
                  "role":"user","content":[{"type":"input_text","text":"1 2"}]}})"));
    EXPECT_EQ(json::parse(build_response_create()), json::parse(R"({"type":"response.create"})"));
    EXPECT_EQ(json::parse(build_response_create("Greet.")),
              json::parse(R"({"type":"response.create","response":{"instructions":"Greet."}})"));
    EXPECT_EQ(json::parse(build_truncate("item_1", 1540)),
              json::parse(R"({"type":"conversation.item.truncate","item_id":"item_1",
                  "content_index":0,"audio_end_ms":1540})"));
    EXPECT_EQ(json::parse(build_response_cancel()), json::parse(R"({"type":"response.cancel"})"));
}

TEST(RealtimeEndpointTest, DerivedFromTheBaseUrl) {
    const auto standard = realtime_endpoint("https://api.openai.com/v1", "gpt-realtime");
    ASSERT_TRUE(standard.has_value());
    EXPECT_EQ(standard->host, "api.openai.com");
    EXPECT_EQ(standard->port, "443");
    EXPECT_EQ(standard->host_header, "api.openai.com");
    EXPECT_EQ(standard->target, "/v1/realtime?model=gpt-realtime");

    const auto local = realtime_endpoint("https://127.0.0.1:8443/v1/", "gpt realtime");
    ASSERT_TRUE(local.has_value());
    EXPECT_EQ(local->port, "8443");
    EXPECT_EQ(local->host_header, "127.0.0.1:8443");
    EXPECT_EQ(local->target, "/v1/realtime?model=gpt%20realtime");

    EXPECT_FALSE(realtime_endpoint("http://api.openai.com/v1", "m").has_value());
    EXPECT_FALSE(realtime_endpoint("not a url", "m").has_value());
}

TEST(RealtimeEndpointTest, ConfigFromTheEnvironment) {
    const auto config = realtime_config_from_env([](const std::string& name) {
        return name == "OPENAI_API_KEY" ? std::optional<std::string>{"sk-test"} : std::nullopt;
    });
    EXPECT_TRUE(config.configured());
    EXPECT_EQ(config.model, "gpt-realtime");
    EXPECT_EQ(config.base_url, "https://api.openai.com/v1");
    EXPECT_EQ(fmt::format("{}", config.api_key), "***");
}

}  // namespace
}  // namespace frontdesk::realtime
