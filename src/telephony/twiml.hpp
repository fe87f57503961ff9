#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// TwiML documents (PROTOCOLS §3.1, §4.1) with every text and attribute value XML-escaped.
// Pure functions, any thread, never throw.

namespace frontdesk::telephony {

/// `text` with & < > " ' replaced by their entities.
[[nodiscard]] std::string xml_escape(std::string_view text);

/// The wss URL Twilio should open: FRONTDESK_PUBLIC_URL's scheme switched (https → wss, http →
/// ws), its path joined with `path`, no query or fragment. nullopt when `public_url` is not an
/// absolute http(s) URL.
[[nodiscard]] std::optional<std::string> stream_url_from_public_url(std::string_view public_url,
                                                                    std::string_view path);

/// What the Connect/Stream document carries. Twilio drops a query string on the stream URL, so
/// every value travels as a <Parameter>.
struct StreamTwiml {
    std::string stream_url;  // wss://…/voice/stream
    std::vector<std::pair<std::string, std::string>> parameters;  // name → value, in order
};

/// <Response><Connect><Stream url=…><Parameter …/>…</Stream></Connect></Response>.
/// Nothing follows </Connect>, so closing the websocket ends the call (§3.1).
[[nodiscard]] std::string connect_stream_twiml(const StreamTwiml& twiml);

/// <Response><Say>text</Say><Hangup/></Response>: the polite refusal for unknown numbers.
[[nodiscard]] std::string say_and_hang_up_twiml(std::string_view text);

/// <Response>[<Say>say</Say>]<Dial>number</Dial></Response>: the transfer document.
[[nodiscard]] std::string dial_twiml(std::string_view phone_number, std::string_view say = {});

}  // namespace frontdesk::telephony
