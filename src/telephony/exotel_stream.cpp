#include "telephony/exotel_stream.hpp"

#include <cstdint>
#include <span>
#include <utility>
#include <variant>

#include <boost/asio/post.hpp>
#include <boost/url/parse.hpp>

#include "media/base64.hpp"
#include "net/websocket_upgrade.hpp"
#include "telephony/exotel_events.hpp"
#include "telephony/exotel_outbound.hpp"
#include "telephony/upgrade_reject.hpp"

namespace frontdesk::telephony {
namespace {

namespace http = boost::beast::http;

constexpr unsigned kBadRequest = 400;
constexpr unsigned kUnauthorized = 401;
constexpr std::string_view kBasicPrefix = "Basic ";

[[nodiscard]] bool is_exotel_pcm_rate(std::int64_t rate) noexcept {
    return rate == media::kSampleRate8k || rate == media::kSampleRate16k ||
           rate == media::kSampleRate24k;
}

[[nodiscard]] bool authorized(const http::request<http::string_body>& request,
                              const Secret& basic_auth) {
    if (basic_auth.empty()) return true;
    const auto header = request[http::field::authorization];
    const std::string_view value{header.data(), header.size()};
    if (value.substr(0, kBasicPrefix.size()) != kBasicPrefix) return false;
    const auto decoded = media::base64_decode(value.substr(kBasicPrefix.size()));
    if (!decoded) return false;
    return basic_auth.matches(
        std::string_view{reinterpret_cast<const char*>(decoded->data()), decoded->size()});
}

/// Exotel's dialect: PCM16 LE (or μ-law), snake_case, chunked outbound audio, no REST control.
class ExotelCarrier final : public Carrier {
public:
    ExotelCarrier(int sample_rate_hz, FacilityLookup lookup)
        : format_{media::AudioEncoding::kPcm16, sample_rate_hz},
          outbound_(format_),
          facility_lookup_(std::move(lookup)) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "exotel"; }
    [[nodiscard]] StreamEvent parse(std::string_view text) const override {
        return parse_exotel_event(text);
    }
    // Exotel's media.timestamp is not documented as a media clock: count bytes instead.
    [[nodiscard]] bool has_media_clock() const noexcept override { return false; }

    [[nodiscard]] std::optional<CallStart> describe(const StartEvent& start) override {
        if (start.encoding == "audio/x-mulaw") {
            format_ = media::kTwilioFormat;
        } else if (start.sample_rate_hz && is_exotel_pcm_rate(*start.sample_rate_hz)) {
            format_.sample_rate_hz = *start.sample_rate_hz;
        }
        outbound_ = ExotelOutbound{format_};
        stream_sid_ = start.stream_id;
        CallStart call;
        call.carrier = "exotel";
        call.call_id = start.call_id;
        call.stream_id = start.stream_id;
        call.caller = start.from;
        call.called = start.to;
        const auto it = start.custom_parameters.find(std::string{kParamFacilityId});
        if (it != start.custom_parameters.end()) call.facility_id = it->second;
        if (call.facility_id.empty() && facility_lookup_ && !call.called.empty()) {
            call.facility_id = facility_lookup_(call.called).value_or("");
        }
        call.format = format_;
        call.parameters = start.custom_parameters;
        return call;
    }

    void frame_audio(std::span<const std::uint8_t> audio,
                     std::vector<OutboundFrame>& frames) override {
        outbound_.push(audio, steps_);
        to_frames(frames);
    }
    void frame_mark(std::string_view name, std::vector<OutboundFrame>& frames) override {
        outbound_.mark(std::string{name}, steps_);
        to_frames(frames);
    }
    void flush_audio(std::vector<OutboundFrame>& frames) override {
        outbound_.finish(steps_);
        to_frames(frames);
    }
    void drop_audio(std::vector<OutboundFrame>& frames) override {
        outbound_.clear(steps_);
        to_frames(frames);
    }
    [[nodiscard]] bool holds_audio() const noexcept override { return outbound_.holds_audio(); }
    [[nodiscard]] std::string clear_frame() const override {
        return exotel_clear_frame(stream_sid_);
    }

    // Closing the websocket is Exotel's hang-up (§6.1): nothing more to do.
    void hang_up(const CallStart& /*call*/) override {}
    void transfer(const CallStart& /*call*/, const std::string& /*phone_number*/,
                  const boost::asio::any_io_executor& reply_on, CallControlDone done) override {
        boost::asio::post(reply_on, [done = std::move(done)] {
            done({false, 0, "exotel streams cannot be transferred"});
        });
    }

private:
    void to_frames(std::vector<OutboundFrame>& frames) {
        for (const auto& step : steps_) {
            if (const auto* chunk = std::get_if<ExotelChunk>(&step)) {
                frames.push_back(
                    {exotel_media_frame(stream_sid_, chunk->audio), FrameKind::kAudio});
            } else {
                frames.push_back({exotel_mark_frame(stream_sid_, std::get<ExotelMark>(step).name),
                                  FrameKind::kControl});
            }
        }
        steps_.clear();
    }

    media::AudioFormat format_;
    ExotelOutbound outbound_;
    std::vector<ExotelStep> steps_;  // one operation's output, reused
    FacilityLookup facility_lookup_;
    std::string stream_sid_;
};

}  // namespace

std::optional<int> exotel_sample_rate(std::string_view target) {
    const auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) return std::nullopt;
    const auto params = parsed->params();
    auto it = params.find("sample-rate");
    if (it == params.end()) it = params.find("sample_rate");
    if (it == params.end()) return media::kSampleRate8k;
    const std::string value = (*it).value;
    if (value == "8000") return media::kSampleRate8k;
    if (value == "16000") return media::kSampleRate16k;
    if (value == "24000") return media::kSampleRate24k;
    return std::nullopt;
}

std::shared_ptr<MediaStreamSession> accept_exotel_stream(net::UpgradeContext&& context,
                                                         const ExotelStreamSettings& settings) {
    const auto target = context.request.target();
    const auto rate = exotel_sample_rate(std::string_view{target.data(), target.size()});
    if (!rate) {
        reject_upgrade(std::move(context), kBadRequest, "sample-rate must be 8000, 16000 or 24000");
        return nullptr;
    }
    if (!authorized(context.request, settings.basic_auth)) {
        reject_upgrade(std::move(context), kUnauthorized, "invalid credentials");
        return nullptr;
    }
    return std::make_shared<MediaStreamSession>(
        std::move(context), std::make_unique<ExotelCarrier>(*rate, settings.facility_lookup),
        settings.limits);
}

}  // namespace frontdesk::telephony
