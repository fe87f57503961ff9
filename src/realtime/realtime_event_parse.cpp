// Server-event parsing. Data plane: nothing here throws; fields are type-checked before reading
// (json::at/get/value can throw), and a malformed event is reported as nullopt.
#include <nlohmann/json.hpp>

#include "core/json_scan.hpp"
#include "realtime/realtime_events.hpp"

namespace frontdesk::realtime {
namespace {

using nlohmann::json;

const json* member(const json& object, std::string_view key) noexcept {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> string_field(const json& object, std::string_view key) noexcept {
    const auto* value = member(object, key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->get_ref<const std::string&>();
}

std::string string_or_empty(const json& object, std::string_view key) noexcept {
    return string_field(object, key).value_or(std::string{});
}

/// Moves a string field out (audio deltas are large; no second copy).
std::optional<std::string> take_string(json& object, std::string_view key) noexcept {
    if (!object.is_object()) return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return std::move(it->get_ref<std::string&>());
}

std::int64_t int_or_zero(const json& object, std::string_view key) noexcept {
    const auto* value = member(object, key);
    if (value == nullptr || !value->is_number_integer()) return 0;
    return value->get<std::int64_t>();
}

/// GA {"type": "audio/pcm", "rate": 24000}; the rate of G.711 is implied.
std::optional<media::AudioFormat> ga_format(const json& format) noexcept {
    const auto name = string_field(format, "type");
    if (!name) return std::nullopt;
    const auto encoding = media::parse_openai_format_name(*name);
    if (!encoding) return std::nullopt;
    auto applied = media::openai_audio_format(*encoding);
    if (const auto* rate = member(format, "rate"); rate != nullptr && rate->is_number_integer()) {
        applied.sample_rate_hz = rate->get<int>();
    }
    return applied;
}

std::optional<media::AudioFormat> beta_format(const json& session, std::string_view key) noexcept {
    const auto name = string_field(session, key);
    if (!name) return std::nullopt;
    const auto encoding = media::parse_openai_format_name(*name);
    if (!encoding) return std::nullopt;
    return media::openai_audio_format(*encoding);
}

std::optional<media::AudioFormat> session_format(const json& session, std::string_view direction,
                                                 std::string_view beta_key) noexcept {
    const auto* audio = member(session, "audio");
    const auto* side = audio != nullptr ? member(*audio, direction) : nullptr;
    const auto* format = side != nullptr ? member(*side, "format") : nullptr;
    if (format != nullptr) return ga_format(*format);
    return beta_format(session, beta_key);
}

std::optional<ServerEvent> session_applied(const json& event, bool created) noexcept {
    const auto* session = member(event, "session");
    if (session == nullptr || !session->is_object()) return std::nullopt;
    return SessionApplied{created, session_format(*session, "input", "input_audio_format"),
                          session_format(*session, "output", "output_audio_format")};
}

std::optional<ServerEvent> audio_delta(json& event) noexcept {
    auto delta = take_string(event, "delta");
    if (!delta) return std::nullopt;
    return AudioDelta{string_or_empty(event, "response_id"), string_or_empty(event, "item_id"),
                      std::move(*delta)};
}

std::optional<ServerEvent> agent_transcript(const json& event, bool done) noexcept {
    auto text = string_field(event, done ? "transcript" : "delta");
    if (!text) return std::nullopt;
    return AgentTranscript{string_or_empty(event, "item_id"), std::move(*text), done};
}

std::optional<ServerEvent> function_call(const json& event) noexcept {
    auto call_id = string_field(event, "call_id");
    auto name = string_field(event, "name");
    if (!call_id || !name) return std::nullopt;
    return FunctionCall{string_or_empty(event, "response_id"), string_or_empty(event, "item_id"),
                        std::move(*call_id), std::move(*name),
                        string_field(event, "arguments").value_or("{}")};
}

ResponseStatus response_status(std::string_view status) noexcept {
    if (status == "completed") return ResponseStatus::kCompleted;
    if (status == "cancelled") return ResponseStatus::kCancelled;
    if (status == "failed") return ResponseStatus::kFailed;
    if (status == "incomplete") return ResponseStatus::kIncomplete;
    if (status == "in_progress") return ResponseStatus::kInProgress;
    return ResponseStatus::kUnknown;
}

std::optional<ServerEvent> response_done(const json& event) noexcept {
    const auto* response = member(event, "response");
    if (response == nullptr || !response->is_object()) return std::nullopt;
    ResponseDone done{string_or_empty(*response, "id"),
                      response_status(string_or_empty(*response, "status")),
                      {}};
    if (const auto* details = member(*response, "status_details"); details != nullptr) {
        done.reason = string_or_empty(*details, "reason");
        if (const auto* error = member(*details, "error"); done.reason.empty() && error) {
            done.reason = string_or_empty(*error, "code");
        }
    }
    return done;
}

std::optional<ServerEvent> server_error(const json& event) noexcept {
    const auto* error = member(event, "error");
    if (error == nullptr || !error->is_object()) return std::nullopt;
    return ServerError{string_or_empty(*error, "type"), string_or_empty(*error, "code"),
                       string_or_empty(*error, "message")};
}

std::optional<ServerEvent> rate_limits(const json& event) noexcept {
    const auto* list = member(event, "rate_limits");
    if (list == nullptr || !list->is_array()) return std::nullopt;
    RateLimitsUpdated updated;
    for (const auto& entry : *list) {
        RateLimit limit{string_or_empty(entry, "name"), int_or_zero(entry, "limit"),
                        int_or_zero(entry, "remaining"), 0};
        if (const auto* reset = member(entry, "reset_seconds"); reset && reset->is_number()) {
            limit.reset_seconds = reset->get<double>();
        }
        updated.limits.push_back(std::move(limit));
    }
    return updated;
}

std::optional<ServerEvent> by_type(const std::string& type, json& event) noexcept {
    if (type == "response.output_audio.delta" || type == "response.audio.delta") {
        return audio_delta(event);
    }
    if (type == "response.output_audio.done" || type == "response.audio.done") {
        return AudioDone{string_or_empty(event, "response_id"), string_or_empty(event, "item_id")};
    }
    if (type == "response.output_audio_transcript.delta" ||
        type == "response.audio_transcript.delta") {
        return agent_transcript(event, false);
    }
    if (type == "response.output_audio_transcript.done" ||
        type == "response.audio_transcript.done") {
        return agent_transcript(event, true);
    }
    if (type == "input_audio_buffer.speech_started") {
        return SpeechStarted{string_or_empty(event, "item_id"),
                             int_or_zero(event, "audio_start_ms")};
    }
    if (type == "input_audio_buffer.speech_stopped") {
        return SpeechStopped{string_or_empty(event, "item_id"), int_or_zero(event, "audio_end_ms")};
    }
    if (type == "conversation.item.input_audio_transcription.completed") {
        auto text = string_field(event, "transcript");
        if (!text) return std::nullopt;
        return CallerTranscript{string_or_empty(event, "item_id"), std::move(*text)};
    }
    if (type == "response.function_call_arguments.done") return function_call(event);
    if (type == "response.done") return response_done(event);
    if (type == "response.created") {
        const auto* response = member(event, "response");
        if (response == nullptr) return std::nullopt;
        return ResponseCreated{string_or_empty(*response, "id")};
    }
    if (type == "session.created") return session_applied(event, true);
    if (type == "session.updated") return session_applied(event, false);
    if (type == "error") return server_error(event);
    if (type == "rate_limits.updated") return rate_limits(event);
    return OtherEvent{type};
}

// ---- Fast path: audio and agent-transcript deltas without a DOM. Every rule below mirrors
// what the DOM path makes of the same text; where mirroring would take more than a few lines,
// it gives up and the DOM decides. ----

struct ScannedDelta {
    std::optional<JsonToken> type;
    std::optional<JsonToken> delta;
    std::optional<JsonToken> response_id;
    std::optional<JsonToken> item_id;

    /// Where a member the fast path reads goes; nullptr for the others.
    std::optional<JsonToken>* slot(std::string_view key) noexcept {
        if (key == "type") return &type;
        if (key == "delta") return &delta;
        if (key == "response_id") return &response_id;
        if (key == "item_id") return &item_id;
        return nullptr;
    }
};

/// The delta events the fast path serves.
enum class DeltaType { kAudio, kAgentTranscript };

std::optional<DeltaType> delta_type(const JsonToken& type) noexcept {
    if (!type.is_plain_string()) return std::nullopt;
    if (type.text == "response.output_audio.delta" || type.text == "response.audio.delta") {
        return DeltaType::kAudio;
    }
    if (type.text == "response.output_audio_transcript.delta" ||
        type.text == "response.audio_transcript.delta") {
        return DeltaType::kAgentTranscript;
    }
    return std::nullopt;
}

/// string_or_empty() of a scanned member into `out`; false when only the DOM can tell.
bool scanned_string_or_empty(const std::optional<JsonToken>& token, std::string& out) {
    out.clear();
    if (!token || token->kind != JsonKind::kString) return true;
    if (token->escaped) return false;
    out.assign(token->text);
    return true;
}

/// The event the DOM path builds from these members (audio_delta(), agent_transcript()), or
/// nullopt when only the DOM can tell.
std::optional<ServerEvent> scanned_event(DeltaType type, const ScannedDelta& fields) {
    if (!fields.delta || !fields.delta->is_plain_string()) return std::nullopt;
    std::string item_id;
    if (!scanned_string_or_empty(fields.item_id, item_id)) return std::nullopt;
    if (type == DeltaType::kAgentTranscript) {
        return AgentTranscript{std::move(item_id), std::string{fields.delta->text}, false};
    }
    std::string response_id;
    if (!scanned_string_or_empty(fields.response_id, response_id)) return std::nullopt;
    return AudioDelta{std::move(response_id), std::move(item_id), std::string{fields.delta->text}};
}

}  // namespace

namespace detail {

std::optional<ServerEvent> scan_delta_event(std::string_view text) {
    JsonScanner scan{text};
    if (!scan.enter_object()) return std::nullopt;
    ScannedDelta fields;
    std::optional<DeltaType> type;
    JsonToken key;
    while (scan.next_member(key)) {
        // An escaped key ("\u0074ype") could be one we read.
        if (key.escaped) return std::nullopt;
        auto* slot = fields.slot(key.text);
        if (slot == nullptr) {
            if (!scan.read_value()) return std::nullopt;
            continue;
        }
        // A repeated key: nlohmann keeps the last one; leave such an odd event to it.
        if (slot->has_value()) return std::nullopt;
        *slot = scan.read_value();
        if (!*slot) return std::nullopt;
        if (slot == &fields.type) {
            type = delta_type(**slot);
            if (!type) return std::nullopt;  // any other event type is left to the DOM at once
        }
    }
    if (!scan.finish() || !type) return std::nullopt;
    return scanned_event(*type, fields);
}

std::optional<ServerEvent> parse_server_event_dom(std::string_view text) noexcept {
    try {
        auto event = json::parse(text, nullptr, false);
        if (event.is_discarded() || !event.is_object()) return std::nullopt;
        auto type = string_field(event, "type");
        if (!type) return std::nullopt;
        return by_type(*type, event);
    } catch (const std::exception&) {
        // Only std::bad_alloc can get here (parse without exceptions, every read type-checked).
        return std::nullopt;
    }
}

}  // namespace detail

std::optional<ServerEvent> parse_server_event(std::string_view text) noexcept {
    try {
        if (auto delta = detail::scan_delta_event(text)) return std::move(*delta);
    } catch (const std::exception&) {
        return std::nullopt;  // std::bad_alloc, as in the DOM path
    }
    return detail::parse_server_event_dom(text);
}

std::string_view to_string(ResponseStatus status) noexcept {
    switch (status) {
        case ResponseStatus::kCompleted:
            return "completed";
        case ResponseStatus::kCancelled:
            return "cancelled";
        case ResponseStatus::kFailed:
            return "failed";
        case ResponseStatus::kIncomplete:
            return "incomplete";
        case ResponseStatus::kInProgress:
            return "in_progress";
        case ResponseStatus::kUnknown:
            break;
    }
    return "unknown";
}

}  // namespace frontdesk::realtime
