// Client-event builders: the exact GA shapes of PROTOCOLS.md §7.3 and §7.4.
#include <nlohmann/json.hpp>

#include "media/base64.hpp"
#include "realtime/realtime_events.hpp"

namespace frontdesk::realtime {
namespace {

using nlohmann::json;

/// Text from outside (facility files, transcripts) may hold invalid UTF-8; replace it rather
/// than throw.
std::string dump(const json& event) {
    return event.dump(-1, ' ', false, json::error_handler_t::replace);
}

json format_json(media::AudioFormat format) {
    json out{{"type", std::string{media::openai_format_name(format.encoding)}}};
    // Only PCM carries a rate (24 kHz, the one OpenAI accepts); G.711 is always 8 kHz.
    if (format.encoding == media::AudioEncoding::kPcm16) out["rate"] = format.sample_rate_hz;
    return out;
}

json turn_detection_json(const VadSettings& vad) {
    return {{"type", "server_vad"},
            {"threshold", vad.threshold},
            {"prefix_padding_ms", vad.prefix_padding_ms},
            {"silence_duration_ms", vad.silence_duration_ms},
            {"create_response", true},
            {"interrupt_response", true}};
}

json audio_json(const SessionSettings& settings) {
    return {
        {"input",
         {{"format", format_json(settings.input_format)},
          {"transcription", {{"model", settings.transcription_model}}},
          {"turn_detection", turn_detection_json(settings.vad)}}},
        {"output", {{"format", format_json(settings.output_format)}, {"voice", settings.voice}}}};
}

}  // namespace

std::string build_session_update(const SessionSettings& settings) {
    auto tools = json::parse(settings.tools_json, nullptr, false);
    if (tools.is_discarded() || !tools.is_array()) tools = json::array();
    const json event{{"type", "session.update"},
                     {"session",
                      {{"type", "realtime"},
                       {"instructions", settings.instructions},
                       {"output_modalities", {"audio"}},
                       {"audio", audio_json(settings)},
                       {"tools", std::move(tools)},
                       {"tool_choice", "auto"}}}};
    return dump(event);
}

void build_audio_append(std::span<const std::uint8_t> audio, std::string& out) {
    // Built by hand: this runs for every caller frame, and base64 needs no JSON escaping.
    static constexpr std::string_view kHead = R"({"type":"input_audio_buffer.append","audio":")";
    static constexpr std::string_view kTail = R"("})";
    out.clear();
    out.reserve(kHead.size() + media::base64_encoded_size(audio.size()) + kTail.size());
    out.append(kHead);
    media::base64_encode_append(audio, out);
    out.append(kTail);
}

std::string build_function_call_output(std::string_view call_id, std::string_view output_json) {
    const json event{
        {"type", "conversation.item.create"},
        {"item",
         {{"type", "function_call_output"}, {"call_id", call_id}, {"output", output_json}}}};
    return dump(event);
}

std::string build_user_text(std::string_view text) {
    const json event{{"type", "conversation.item.create"},
                     {"item",
                      {{"type", "message"},
                       {"role", "user"},
                       {"content", json::array({{{"type", "input_text"}, {"text", text}}})}}}};
    return dump(event);
}

std::string build_response_create(std::string_view instructions) {
    json event{{"type", "response.create"}};
    if (!instructions.empty()) event["response"] = {{"instructions", instructions}};
    return dump(event);
}

std::string build_truncate(std::string_view item_id, std::int64_t audio_end_ms) {
    const json event{{"type", "conversation.item.truncate"},
                     {"item_id", item_id},
                     {"content_index", 0},
                     {"audio_end_ms", audio_end_ms}};
    return dump(event);
}

std::string build_response_cancel() { return R"({"type":"response.cancel"})"; }

std::string build_system_text(std::string_view text) {
    // GA system message item: context for the model, never spoken as the caller's words.
    const json event{{"type", "conversation.item.create"},
                     {"item",
                      {{"type", "message"},
                       {"role", "system"},
                       {"content", json::array({{{"type", "input_text"}, {"text", text}}})}}}};
    return dump(event);
}

}  // namespace frontdesk::realtime
