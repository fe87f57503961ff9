#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "media/audio_format.hpp"

// OpenAI Realtime events (PROTOCOLS.md §7): the server events the bridge acts on, parsed into
// plain values, and the client events it sends, built as JSON text. GA shapes; the beta names of
// the audio and transcript events, and the beta session format fields, are accepted on input.
// Pure: no Asio, no I/O. Parsers never throw; any thread.

namespace frontdesk::realtime {

/// session.created / session.updated: what the server actually applied.
struct SessionApplied {
    bool created = false;  // session.created (true) or session.updated (false)
    std::optional<media::AudioFormat> input_format;   // nullopt when absent or unknown
    std::optional<media::AudioFormat> output_format;  // nullopt when absent or unknown
};

struct SpeechStarted {
    std::string item_id;
    std::int64_t audio_start_ms = 0;
};

struct SpeechStopped {
    std::string item_id;
    std::int64_t audio_end_ms = 0;
};

/// response.output_audio.delta (beta: response.audio.delta). `audio` is still base64.
struct AudioDelta {
    std::string response_id;
    std::string item_id;
    std::string audio_base64;
};

/// response.output_audio.done (beta: response.audio.done): the item's audio is complete.
struct AudioDone {
    std::string response_id;
    std::string item_id;
};

/// response.output_audio_transcript.delta / .done (beta: response.audio_transcript.*).
struct AgentTranscript {
    std::string item_id;
    std::string text;
    bool done = false;  // .done carries the whole transcript in `text`
};

/// conversation.item.input_audio_transcription.completed
struct CallerTranscript {
    std::string item_id;
    std::string text;
};

/// response.function_call_arguments.done. `arguments` is JSON text, not yet validated.
struct FunctionCall {
    std::string response_id;
    std::string item_id;
    std::string call_id;
    std::string name;
    std::string arguments;
};

enum class ResponseStatus : std::uint8_t {
    kCompleted,
    kCancelled,
    kFailed,
    kIncomplete,
    kInProgress,
    kUnknown,
};

/// response.created: the model started a response (server VAD, or our response.create).
struct ResponseCreated {
    std::string response_id;
};

/// response.done
struct ResponseDone {
    std::string response_id;
    ResponseStatus status = ResponseStatus::kUnknown;
    std::string reason;  // status_details.reason ("turn_detected", …) or error code; may be empty
};

/// error: a problem with one client event; the session usually goes on.
struct ServerError {
    std::string type;
    std::string code;
    std::string message;
};

struct RateLimit {
    std::string name;
    std::int64_t limit = 0;
    std::int64_t remaining = 0;
    double reset_seconds = 0;
};

struct RateLimitsUpdated {
    std::vector<RateLimit> limits;
};

/// A well-formed event the bridge does not act on (conversation.item.added, …).
struct OtherEvent {
    std::string type;
};

using ServerEvent =
    std::variant<SessionApplied, SpeechStarted, SpeechStopped, AudioDelta, AudioDone,
                 AgentTranscript, CallerTranscript, FunctionCall, ResponseCreated, ResponseDone,
                 ServerError, RateLimitsUpdated, OtherEvent>;

/// nullopt when `text` is not a JSON object with a string `type`, or when an event the bridge
/// acts on lacks a field it needs (e.g. an audio delta without `delta`). Audio deltas (one for
/// every chunk of model audio) and agent transcript deltas (one every word or so) are read
/// without building a JSON DOM when they are plain enough; the result is the same either way.
[[nodiscard]] std::optional<ServerEvent> parse_server_event(std::string_view text) noexcept;

namespace detail {
// The two halves of parse_server_event(), public for the differential tests.

/// An AudioDelta or a delta AgentTranscript read straight from the text, or nullopt whenever
/// only the full parse can say what the event is: another type, escapes in a field it reads, a
/// repeated key, malformed or unusual JSON. When it returns an event, parse_server_event_dom()
/// returns the same. Throws std::bad_alloc only.
[[nodiscard]] std::optional<ServerEvent> scan_delta_event(std::string_view text);

/// The full parse, through a JSON DOM.
[[nodiscard]] std::optional<ServerEvent> parse_server_event_dom(std::string_view text) noexcept;

}  // namespace detail

[[nodiscard]] std::string_view to_string(ResponseStatus status) noexcept;

// ---- Client events -----------------------------------------------------------------------------

/// Server voice activity detection, as sent in session.update.
struct VadSettings {
    double threshold = 0.5;
    int prefix_padding_ms = 300;
    int silence_duration_ms = 500;
};

/// The session.update the bridge sends. `tools_json` is the registry's realtime_schemas() text.
struct SessionSettings {
    std::string instructions;
    std::string voice = "alloy";
    media::AudioFormat input_format = media::kTwilioFormat;
    media::AudioFormat output_format = media::kTwilioFormat;
    std::string transcription_model = "gpt-4o-mini-transcribe";
    VadSettings vad;
    std::string tools_json = "[]";
};

/// session.update (GA shape: session.type, audio.input/output, tool_choice "auto").
[[nodiscard]] std::string build_session_update(const SessionSettings& settings);

/// input_audio_buffer.append with the base64 of `audio`, written into `out` (cleared first) so
/// a reused string keeps the frame path allocation-free.
void build_audio_append(std::span<const std::uint8_t> audio, std::string& out);

/// conversation.item.create with a function_call_output; `output_json` is the result text.
[[nodiscard]] std::string build_function_call_output(std::string_view call_id,
                                                     std::string_view output_json);

/// conversation.item.create with a user message holding `text` (DTMF digits, summaries).
[[nodiscard]] std::string build_user_text(std::string_view text);

/// response.create; with `instructions`, a per-response override (greeting, idle prompt).
[[nodiscard]] std::string build_response_create(std::string_view instructions = {});

/// conversation.item.truncate of the assistant item's audio (content_index 0).
[[nodiscard]] std::string build_truncate(std::string_view item_id, std::int64_t audio_end_ms);

/// response.cancel (the in-flight response).
[[nodiscard]] std::string build_response_cancel();

/// conversation.item.create with a system message holding `text`: what the application tells
/// the model mid-call (a tool's late outcome), as opposed to what the caller said.
[[nodiscard]] std::string build_system_text(std::string_view text);

}  // namespace frontdesk::realtime
