#include "support/fake_twilio_caller.hpp"

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

CallerDialect twilio_dialect(const FakeTwilioCall& call) {
    CallerDialect dialect;
    dialect.target = call.path;
    if (!call.signature.empty()) dialect.headers.emplace_back("X-Twilio-Signature", call.signature);
    dialect.opening_frames.push_back(
        json{{"event", "connected"}, {"protocol", "Call"}, {"version", "1.0.0"}}.dump());
    json start{{"accountSid", call.account_sid},
               {"streamSid", call.stream_sid},
               {"callSid", call.call_sid},
               {"tracks", json::array({"inbound"})},
               {"customParameters", call.parameters},
               {"mediaFormat", {{"encoding", "audio/x-mulaw"}, {"sampleRate", 8000}, {"channels", 1}}}};
    dialect.opening_frames.push_back(json{{"event", "start"},
                                          {"sequenceNumber", "1"},
                                          {"start", start},
                                          {"streamSid", call.stream_sid}}
                                         .dump());
    dialect.media_frame = [sid = call.stream_sid](std::span<const std::uint8_t> audio,
                                                  std::int64_t timestamp) {
        return json{{"event", "media"},
                    {"streamSid", sid},
                    {"media",
                     {{"track", "inbound"},
                      {"timestamp", std::to_string(timestamp)},
                      {"payload", encode_base64(audio)}}}}
            .dump();
    };
    dialect.mark_frame = [sid = call.stream_sid](std::string_view name) {
        return json{{"event", "mark"}, {"streamSid", sid}, {"mark", {{"name", name}}}}.dump();
    };
    dialect.stop_frame = [call] {
        return json{{"event", "stop"},
                    {"streamSid", call.stream_sid},
                    {"stop", {{"accountSid", call.account_sid}, {"callSid", call.call_sid}}}}
            .dump();
    };
    dialect.stream_key = "streamSid";
    return dialect;
}

}  // namespace

FakeTwilioCaller::FakeTwilioCaller(boost::asio::any_io_executor executor, std::uint16_t port,
                                   FakeTwilioCall call, CallerScript script)
    : call_(std::move(call)),
      core_(std::make_shared<FakeCallerCore>(std::move(executor), port, twilio_dialect(call_),
                                             script)) {}

void FakeTwilioCaller::send_dtmf(char digit) {
    send_text(json{{"event", "dtmf"},
                   {"streamSid", call_.stream_sid},
                   {"dtmf", {{"track", "inbound_track"}, {"digit", std::string(1, digit)}}}}
                  .dump());
}

}  // namespace frontdesk::test
