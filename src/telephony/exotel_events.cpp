#include "telephony/exotel_events.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "media/base64.hpp"
#include "media/g711.hpp"
#include "telephony/event_json.hpp"

namespace frontdesk::telephony {
namespace {

using detail::integer_member;
using detail::json_quote;
using detail::member;
using detail::string_member;
using nlohmann::json;

[[nodiscard]] StreamEvent parse_start(const json& frame) {
    const auto* start = member(frame, {"start", "Start"});
    if (start == nullptr || !start->is_object()) return InvalidEvent{"start without a start object"};
    StartEvent event;
    auto stream_sid = string_member(frame, {"stream_sid", "streamSid"});
    if (!stream_sid) stream_sid = string_member(*start, {"stream_sid", "streamSid"});
    if (!stream_sid || stream_sid->empty()) return InvalidEvent{"start without stream_sid"};
    event.stream_id = std::move(*stream_sid);
    event.call_id = string_member(*start, {"call_sid", "callSid"}).value_or("");
    event.account_id = string_member(*start, {"account_sid", "accountSid"}).value_or("");
    event.from = string_member(*start, {"from", "From"}).value_or("");
    event.to = string_member(*start, {"to", "To"}).value_or("");
    event.custom_parameters =
        detail::string_map_member(*start, {"custom_parameters", "customParameters"});
    if (const auto* format = member(*start, {"media_format", "mediaFormat"})) {
        event.encoding = string_member(*format, {"encoding"}).value_or("");
        if (const auto rate = integer_member(*format, {"sample_rate", "sampleRate"})) {
            event.sample_rate_hz = static_cast<int>(*rate);
        }
    }
    return event;
}

[[nodiscard]] StreamEvent parse_media(const json& frame) {
    const auto* media = member(frame, {"media", "Media"});
    if (media == nullptr) return InvalidEvent{"media without a media object"};
    auto payload = string_member(*media, {"payload", "Payload"});
    if (!payload) return InvalidEvent{"media without a payload"};
    return MediaEvent{std::move(*payload), integer_member(*media, {"timestamp"})};
}

[[nodiscard]] StreamEvent parse_dtmf(const json& frame) {
    const auto* dtmf = member(frame, {"dtmf", "Dtmf"});
    const auto digit = dtmf == nullptr ? std::nullopt : string_member(*dtmf, {"digit", "Digit"});
    if (!digit || digit->size() != 1 || !is_dtmf_digit(digit->front())) {
        return InvalidEvent{"dtmf without a valid digit"};
    }
    return DtmfEvent{digit->front()};
}

[[nodiscard]] StreamEvent parse_mark(const json& frame) {
    const auto* mark = member(frame, {"mark", "Mark"});
    auto name = mark == nullptr ? std::nullopt : string_member(*mark, {"name", "Name"});
    if (!name) return InvalidEvent{"mark without a name"};
    return MarkEvent{std::move(*name)};
}

[[nodiscard]] StreamEvent parse_stop(const json& frame) {
    const auto* stop = member(frame, {"stop", "Stop"});
    if (stop == nullptr) return StopEvent{};
    return StopEvent{string_member(*stop, {"reason", "Reason"}).value_or("")};
}

[[nodiscard]] std::string frame_head(std::string_view event, std::string_view stream_sid) {
    std::string out = R"({"event":")";
    out += event;
    out += R"(","stream_sid":)";
    out += json_quote(stream_sid);
    return out;
}

}  // namespace

StreamEvent parse_exotel_event(std::string_view text) {
    const json frame = json::parse(text, nullptr, false);
    if (frame.is_discarded() || !frame.is_object()) return InvalidEvent{"not a JSON object", true};
    const auto name = string_member(frame, {"event", "Event"});
    if (!name) return InvalidEvent{"no event name", true};
    if (*name == "media") return parse_media(frame);
    if (*name == "mark") return parse_mark(frame);
    if (*name == "start") return parse_start(frame);
    if (*name == "connected") return ConnectedEvent{};
    if (*name == "dtmf") return parse_dtmf(frame);
    if (*name == "stop") return parse_stop(frame);
    return IgnoredEvent{*name};
}

std::string exotel_media_frame(std::string_view stream_sid, std::span<const std::uint8_t> audio) {
    std::string out = frame_head("media", stream_sid);
    out += R"(,"media":{"payload":")";
    media::base64_encode_append(audio, out);
    out += R"("}})";
    return out;
}

std::string exotel_mark_frame(std::string_view stream_sid, std::string_view name) {
    return frame_head("mark", stream_sid) + R"(,"mark":{"name":)" + json_quote(name) + "}}";
}

std::string exotel_clear_frame(std::string_view stream_sid) {
    return frame_head("clear", stream_sid) + "}";
}

ExotelChunker::ExotelChunker(media::AudioFormat format)
    : granule_bytes_(std::max<std::size_t>(media::bytes_per_duration(format, kGranule), 1)),
      min_chunk_bytes_(media::bytes_per_duration(format, kMinChunk)),
      max_chunk_bytes_(kMaxChunkBytes / granule_bytes_ * granule_bytes_),
      silence_(format.encoding == media::AudioEncoding::kPcmu ? media::kUlawSilence
                                                             : std::uint8_t{0}) {
    const std::size_t minimum = std::max({min_chunk_bytes_, kMinChunkBytes, granule_bytes_});
    min_chunk_bytes_ = (minimum + granule_bytes_ - 1) / granule_bytes_ * granule_bytes_;
    pending_.reserve(max_chunk_bytes_);
}

std::vector<std::vector<std::uint8_t>> ExotelChunker::push(std::span<const std::uint8_t> audio) {
    std::vector<std::vector<std::uint8_t>> chunks;
    pending_.insert(pending_.end(), audio.begin(), audio.end());
    std::size_t offset = 0;
    while (pending_.size() - offset >= min_chunk_bytes_) {
        const std::size_t available = pending_.size() - offset;
        const std::size_t size = std::min(available / granule_bytes_ * granule_bytes_,
                                          max_chunk_bytes_);
        const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(offset);
        chunks.emplace_back(first, first + static_cast<std::ptrdiff_t>(size));
        offset += size;
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(offset));
    return chunks;
}

std::vector<std::uint8_t> ExotelChunker::flush() {
    std::vector<std::uint8_t> chunk;
    if (pending_.empty()) return chunk;
    chunk.swap(pending_);
    pending_.reserve(max_chunk_bytes_);
    const std::size_t whole = (chunk.size() + granule_bytes_ - 1) / granule_bytes_ * granule_bytes_;
    chunk.resize(std::max(whole, min_chunk_bytes_), silence_);
    return chunk;
}

}  // namespace frontdesk::telephony
