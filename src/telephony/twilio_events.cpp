#include "telephony/twilio_events.hpp"

#include <nlohmann/json.hpp>

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
    if (start == nullptr || !start->is_object()) return InvalidEvent{"start without a start object"};
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

}  // namespace

StreamEvent parse_twilio_event(std::string_view text) {
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

std::string twilio_media_frame(std::string_view stream_sid, std::span<const std::uint8_t> ulaw) {
    std::string out = R"({"event":"media","streamSid":)";
    out += json_quote(stream_sid);
    out += R"(,"media":{"payload":")";
    media::base64_encode_append(ulaw, out);
    out += R"("}})";
    return out;
}

std::string twilio_mark_frame(std::string_view stream_sid, std::string_view name) {
    return R"({"event":"mark","streamSid":)" + json_quote(stream_sid) + R"(,"mark":{"name":)" +
           json_quote(name) + "}}";
}

std::string twilio_clear_frame(std::string_view stream_sid) {
    return R"({"event":"clear","streamSid":)" + json_quote(stream_sid) + "}";
}

}  // namespace frontdesk::telephony
