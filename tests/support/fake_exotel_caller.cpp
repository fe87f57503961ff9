#include "support/fake_exotel_caller.hpp"

#include <boost/beast/core/detail/base64.hpp>
#include <nlohmann/json.hpp>

namespace frontdesk::test {
namespace {

using nlohmann::json;

std::string encode_base64(std::span<const std::uint8_t> bytes) {
    std::string out(boost::beast::detail::base64::encoded_size(bytes.size()), '\0');
    out.resize(boost::beast::detail::base64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

CallerDialect exotel_dialect(const FakeExotelCall& call) {
    const bool camel = call.camel_case;
    const std::string sid_key = camel ? "streamSid" : "stream_sid";
    CallerDialect dialect;
    dialect.target = "/voice/exotel?sample-rate=" + std::to_string(call.sample_rate_hz);
    if (!call.authorization.empty()) dialect.headers.emplace_back("Authorization", call.authorization);
    dialect.opening_frames.push_back(json{{"event", "connected"}}.dump());
    json format{{"encoding", camel ? "linear16" : "audio/x-raw"}};
    format[camel ? "sampleRate" : "sample_rate"] =
        camel ? json(call.sample_rate_hz) : json(std::to_string(call.sample_rate_hz));
    json start{{sid_key, call.stream_sid}, {"from", call.from}, {"to", call.to}};
    start[camel ? "callSid" : "call_sid"] = call.call_sid;
    start[camel ? "customParameters" : "custom_parameters"] = call.parameters;
    start[camel ? "mediaFormat" : "media_format"] = format;
    json opening{{camel ? "Event" : "event", "start"}, {"sequence_number", "1"}, {"start", start}};
    opening[sid_key] = call.stream_sid;
    dialect.opening_frames.push_back(opening.dump());
    dialect.media_frame = [sid_key, sid = call.stream_sid, camel](
                              std::span<const std::uint8_t> audio, std::int64_t timestamp) {
        json frame{{"event", "media"},
                   {sid_key, sid},
                   {"media", {{"timestamp", std::to_string(timestamp)},
                              {camel ? "Payload" : "payload", encode_base64(audio)}}}};
        return frame.dump();
    };
    dialect.mark_frame = [sid_key, sid = call.stream_sid](std::string_view name) {
        return json{{"event", "mark"}, {sid_key, sid}, {"mark", {{"name", name}}}}.dump();
    };
    dialect.stop_frame = [sid_key, call] {
        return json{{"event", "stop"},
                    {sid_key, call.stream_sid},
                    {"stop", {{"call_sid", call.call_sid}, {"reason", "callended"}}}}
            .dump();
    };
    dialect.stream_key = sid_key;
    return dialect;
}

}  // namespace

FakeExotelCaller::FakeExotelCaller(boost::asio::any_io_executor executor, std::uint16_t port,
                                   FakeExotelCall call, CallerScript script)
    : core_(std::make_shared<FakeCallerCore>(std::move(executor), port, exotel_dialect(call),
                                             script)) {}

}  // namespace frontdesk::test
