#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "telephony/stream_events.hpp"

// Twilio Media Streams events (PROTOCOLS §3.2, §3.3). Pure functions, any thread, never throw
// (the serialisers may throw std::bad_alloc only).

namespace frontdesk::telephony {

/// Parses one inbound text frame. Unknown events become IgnoredEvent; frames that are not a
/// JSON object with a string "event" become a fatal InvalidEvent; a known event with a missing
/// or mistyped field becomes a non-fatal InvalidEvent. Media events (one every 20 ms) and mark
/// echoes are read without building a JSON DOM when they are plain enough; the result is the
/// same either way.
[[nodiscard]] StreamEvent parse_twilio_event(std::string_view text);

/// {"event":"media","streamSid":…,"media":{"payload":base64(ulaw)}}
[[nodiscard]] std::string twilio_media_frame(std::string_view stream_sid,
                                             std::span<const std::uint8_t> ulaw);
/// {"event":"mark","streamSid":…,"mark":{"name":…}}
[[nodiscard]] std::string twilio_mark_frame(std::string_view stream_sid, std::string_view name);
/// {"event":"clear","streamSid":…}
[[nodiscard]] std::string twilio_clear_frame(std::string_view stream_sid);

namespace detail {
// The two halves of parse_twilio_event(), public for the differential tests.

/// A media or mark event read straight from the text, or nullopt whenever only the full parse
/// can say what the frame is: another event, escapes in a field it reads, a repeated key,
/// malformed or unusual JSON. When it returns an event, parse_twilio_event_dom() returns the
/// same.
[[nodiscard]] std::optional<StreamEvent> scan_twilio_media_or_mark(std::string_view text);

/// The full parse, through a JSON DOM.
[[nodiscard]] StreamEvent parse_twilio_event_dom(std::string_view text);

}  // namespace detail

}  // namespace frontdesk::telephony
