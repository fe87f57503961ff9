#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>

// Carrier-neutral model of the events a media-stream websocket carries inbound (Twilio §3.2,
// Exotel §6.2). Plain values; parsed by twilio_events.hpp / exotel_events.hpp.

namespace frontdesk::telephony {

struct ConnectedEvent {};

struct StartEvent {
    std::string stream_id;
    std::string call_id;
    std::string account_id;
    std::string from;  // Exotel sends the numbers; Twilio passes them as custom parameters
    std::string to;
    std::map<std::string, std::string> custom_parameters;
    std::string encoding;                // "audio/x-mulaw", "audio/x-raw", "linear16", or empty
    std::optional<int> sample_rate_hz;  // from the media format, when stated
};

struct MediaEvent {
    std::string payload;                     // base64, not yet decoded
    std::optional<std::int64_t> timestamp_ms;  // the carrier's media clock, when stated
};

struct DtmfEvent {
    char digit = '0';  // 0-9, *, #, A-D
};

struct MarkEvent {
    std::string name;
};

struct StopEvent {
    std::string reason;  // free text (Exotel), empty for Twilio
};

/// A well-formed event we do not act on (unknown names must be ignored, §3.2 / §6.6).
struct IgnoredEvent {
    std::string name;
};

/// A frame that breaks the protocol. `fatal`: the frame is not a JSON object with an event
/// name at all; otherwise a known event lacks a field or has a bad one.
struct InvalidEvent {
    std::string reason;
    bool fatal = false;
};

using StreamEvent = std::variant<ConnectedEvent, StartEvent, MediaEvent, DtmfEvent, MarkEvent,
                                 StopEvent, IgnoredEvent, InvalidEvent>;

/// Whether `c` is a DTMF digit (0-9, *, #, A-D).
[[nodiscard]] constexpr bool is_dtmf_digit(char c) noexcept {
    return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D');
}

}  // namespace frontdesk::telephony
