#include "telephony/twilio_events.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/json_scan.hpp"
#include "media/base64.hpp"
#include "telephony/event_json.hpp"

namespace frontdesk::telephony {
namespace {

using detail::integer_member;
using detail::json_quote;
using detail::member;
using detail::string_member;
using nlohmann::json;

[[nodiscard]] StreamEvent parse_start(const json& frame) {
    const auto* start = member(frame, {"start"});
    if (start == nullptr || !start->is_object()) {
        return InvalidEvent{"start without a start object"};
    }
    StartEvent event;
    auto stream_sid = string_member(*start, {"streamSid"});
    if (!stream_sid) stream_sid = string_member(frame, {"streamSid"});
    if (!stream_sid || stream_sid->empty()) return InvalidEvent{"start without streamSid"};
    event.stream_id = std::move(*stream_sid);
    event.call_id = string_member(*start, {"callSid"}).value_or("");
    event.account_id = string_member(*start, {"accountSid"}).value_or("");
    event.custom_parameters = detail::string_map_member(*start, {"customParameters"});
    if (const auto* format = member(*start, {"mediaFormat"})) {
        event.encoding = string_member(*format, {"encoding"}).value_or("");
        if (const auto rate = integer_member(*format, {"sampleRate"})) {
            event.sample_rate_hz = static_cast<int>(*rate);
        }
    }
    return event;
}

[[nodiscard]] StreamEvent parse_media(const json& frame) {
    const auto* media = member(frame, {"media"});
    if (media == nullptr) return InvalidEvent{"media without a media object"};
    auto payload = string_member(*media, {"payload"});
    if (!payload) return InvalidEvent{"media without a payload"};
    return MediaEvent{std::move(*payload), integer_member(*media, {"timestamp"})};
}

[[nodiscard]] StreamEvent parse_dtmf(const json& frame) {
    const auto* dtmf = member(frame, {"dtmf"});
    const auto digit = dtmf == nullptr ? std::nullopt : string_member(*dtmf, {"digit"});
    if (!digit || digit->size() != 1 || !is_dtmf_digit(digit->front())) {
        return InvalidEvent{"dtmf without a valid digit"};
    }
    return DtmfEvent{digit->front()};
}

[[nodiscard]] StreamEvent parse_mark(const json& frame) {
    const auto* mark = member(frame, {"mark"});
    auto name = mark == nullptr ? std::nullopt : string_member(*mark, {"name"});
    if (!name) return InvalidEvent{"mark without a name"};
    return MarkEvent{std::move(*name)};
}

// ---- Fast path: the media and mark events without a DOM. Every rule below mirrors what the
// DOM path makes of the same text; where mirroring would take more than a few lines, it gives
// up and the DOM decides. ----

/// Reads the value of a member the fast path uses. A repeated key gives up: nlohmann keeps the
/// last one, and the frame is odd enough to leave to it.
[[nodiscard]] bool read_once(JsonScanner& scan, std::optional<JsonToken>& slot) noexcept {
    if (slot) return false;
    slot = scan.read_value();
    return slot.has_value();
}

/// integer_member() of the scanned timestamp into `out`; false when only the DOM can tell.
[[nodiscard]] bool scanned_timestamp(const JsonToken& token,
                                     std::optional<std::int64_t>& out) noexcept {
    out.reset();
    if (token.kind == JsonKind::kString && token.escaped) return false;
    if (token.kind != JsonKind::kString && token.kind != JsonKind::kNumber) return true;
    // One parse serves both forms: a number token has at most 18 integer digits (the scanner
    // refuses longer ones and exponents), and a fraction stops from_chars before the end, just
    // as nlohmann's float is no integer.
    const auto* end = token.text.data() + token.text.size();
    std::int64_t parsed = 0;
    const auto [ptr, ec] = std::from_chars(token.text.data(), end, parsed);
    if (ec == std::errc{} && ptr == end && !token.text.empty()) out = parsed;
    return true;
}

struct ScannedMedia {
    std::optional<JsonToken> payload;
    std::optional<JsonToken> timestamp;
};

/// The members of the `media` object; false when the DOM must decide (not an object, …).
[[nodiscard]] bool scan_media_object(JsonScanner& scan, ScannedMedia& media) noexcept {
    if (!scan.enter_object()) return false;
    JsonToken key;
    while (scan.next_member(key)) {
        // An escaped key ("\u0070ayload") could be one we read.
        if (key.escaped) return false;
        bool read = false;
        if (key.text == "payload") {
            read = read_once(scan, media.payload);
        } else if (key.text == "timestamp") {
            read = read_once(scan, media.timestamp);
        } else {
            read = scan.read_value().has_value();
        }
        if (!read) return false;
    }
    return !scan.failed();
}

/// The members of the `mark` object (only its name counts); false when the DOM must decide.
[[nodiscard]] bool scan_mark_object(JsonScanner& scan, std::optional<JsonToken>& name) noexcept {
    if (!scan.enter_object()) return false;
    JsonToken key;
    while (scan.next_member(key)) {
        if (key.escaped) return false;
        const bool read =
            key.text == "name" ? read_once(scan, name) : scan.read_value().has_value();
        if (!read) return false;
    }
    return !scan.failed();
}

/// The event a complete scan found, or nullopt when it lacks what the event needs (the DOM
/// path then words the InvalidEvent).
[[nodiscard]] std::optional<StreamEvent> scanned_event(const JsonToken& event,
                                                       const ScannedMedia& media,
                                                       const std::optional<JsonToken>& mark_name) {
    if (event.text == "mark") {
        if (!mark_name || !mark_name->is_plain_string()) return std::nullopt;
        return MarkEvent{std::string{mark_name->text}};
    }
    if (!media.payload || !media.payload->is_plain_string()) return std::nullopt;
    std::optional<std::int64_t> timestamp_ms;
    if (media.timestamp && !scanned_timestamp(*media.timestamp, timestamp_ms)) return std::nullopt;
    return MediaEvent{std::string{media.payload->text}, timestamp_ms};
}

}  // namespace

namespace detail {

std::optional<StreamEvent> scan_twilio_media_or_mark(std::string_view text) {
    JsonScanner scan{text};
    if (!scan.enter_object()) return std::nullopt;
    std::optional<JsonToken> event;
    ScannedMedia media;
    std::optional<JsonToken> mark_name;
    bool media_seen = false;
    bool mark_seen = false;
    JsonToken key;
    while (scan.next_member(key)) {
        if (key.escaped) return std::nullopt;
        bool read = false;
        if (key.text == "event") {
            // Any other event (or a mistyped name) is left to the DOM path at once.
            read = read_once(scan, event) && event->is_plain_string() &&
                   (event->text == "media" || event->text == "mark");
        } else if (key.text == "media") {
            read = !std::exchange(media_seen, true) && scan_media_object(scan, media);
        } else if (key.text == "mark") {
            read = !std::exchange(mark_seen, true) && scan_mark_object(scan, mark_name);
        } else {
            read = scan.read_value().has_value();
        }
        if (!read) return std::nullopt;
    }
    if (!scan.finish() || !event) return std::nullopt;
    return scanned_event(*event, media, mark_name);
}

StreamEvent parse_twilio_event_dom(std::string_view text) {
    const json frame = json::parse(text, nullptr, false);
    if (frame.is_discarded() || !frame.is_object()) return InvalidEvent{"not a JSON object", true};
    const auto name = string_member(frame, {"event"});
    if (!name) return InvalidEvent{"no event name", true};
    if (*name == "media") return parse_media(frame);
    if (*name == "mark") return parse_mark(frame);
    if (*name == "start") return parse_start(frame);
    if (*name == "connected") return ConnectedEvent{};
    if (*name == "dtmf") return parse_dtmf(frame);
    if (*name == "stop") return StopEvent{};
    return IgnoredEvent{*name};
}

}  // namespace detail

StreamEvent parse_twilio_event(std::string_view text) {
    if (auto event = detail::scan_twilio_media_or_mark(text)) return std::move(*event);
    return detail::parse_twilio_event_dom(text);
}

namespace {

constexpr std::size_t kQuoteChars = 2;

/// Whether json_quote() would only add the quotes: printable ASCII without '"' or '\\'.
/// Stream SIDs and our mark names always are.
[[nodiscard]] bool is_plain_json_text(std::string_view value) noexcept {
    return std::all_of(value.begin(), value.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20U && byte < 0x7FU && c != '"' && c != '\\';
    });
}

/// Appends `value` as JSON string text, byte for byte what json_quote() gives, without its
/// DOM and temporary strings for the plain case.
void append_quoted(std::string& out, std::string_view value) {
    if (!is_plain_json_text(value)) {
        out += json_quote(value);
        return;
    }
    out += '"';
    out += value;
    out += '"';
}

}  // namespace

std::string twilio_media_frame(std::string_view stream_sid, std::span<const std::uint8_t> ulaw) {
    // Sent for every 20 ms of model audio: one allocation, sized up front.
    static constexpr std::string_view kHead = R"({"event":"media","streamSid":)";
    static constexpr std::string_view kMiddle = R"(,"media":{"payload":")";
    static constexpr std::string_view kTail = R"("}})";
    std::string out;
    out.reserve(kHead.size() + stream_sid.size() + kQuoteChars + kMiddle.size() +
                media::base64_encoded_size(ulaw.size()) + kTail.size());
    out += kHead;
    append_quoted(out, stream_sid);
    out += kMiddle;
    media::base64_encode_append(ulaw, out);
    out += kTail;
    return out;
}

std::string twilio_mark_frame(std::string_view stream_sid, std::string_view name) {
    static constexpr std::string_view kHead = R"({"event":"mark","streamSid":)";
    static constexpr std::string_view kMiddle = R"(,"mark":{"name":)";
    static constexpr std::string_view kTail = "}}";
    std::string out;
    out.reserve(kHead.size() + stream_sid.size() + kMiddle.size() + name.size() + 2 * kQuoteChars +
                kTail.size());
    out += kHead;
    append_quoted(out, stream_sid);
    out += kMiddle;
    append_quoted(out, name);
    out += kTail;
    return out;
}

std::string twilio_clear_frame(std::string_view stream_sid) {
    static constexpr std::string_view kHead = R"({"event":"clear","streamSid":)";
    static constexpr std::string_view kTail = "}";
    std::string out;
    out.reserve(kHead.size() + stream_sid.size() + kQuoteChars + kTail.size());
    out += kHead;
    append_quoted(out, stream_sid);
    out += kTail;
    return out;
}

}  // namespace frontdesk::telephony
