#include "telephony/twilio_stream.hpp"

#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>

#include "net/websocket_upgrade.hpp"
#include "telephony/session_log.hpp"
#include "telephony/stream_token.hpp"
#include "telephony/twilio_call_control.hpp"
#include "telephony/twilio_events.hpp"
#include "telephony/twilio_signature.hpp"
#include "telephony/upgrade_reject.hpp"

namespace frontdesk::telephony {
namespace {

constexpr unsigned kForbidden = 403;

[[nodiscard]] std::string param_or(const std::map<std::string, std::string>& params,
                                   std::string_view name, std::string fallback) {
    const auto it = params.find(std::string{name});
    return it == params.end() ? std::move(fallback) : it->second;
}

/// Twilio's dialect: μ-law 8 kHz in and out, camelCase, REST call control.
class TwilioCarrier final : public Carrier {
public:
    TwilioCarrier(const TwilioCallControl* call_control, FacilityLookup lookup,
                  bool tokens_required, StreamTokens* tokens)
        : call_control_(call_control),
          facility_lookup_(std::move(lookup)),
          tokens_(tokens),
          tokens_required_(tokens_required) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "twilio"; }
    [[nodiscard]] StreamEvent parse(std::string_view text) const override {
        return parse_twilio_event(text);
    }
    [[nodiscard]] bool has_media_clock() const noexcept override { return true; }
    [[nodiscard]] std::string refusal() const override { return refusal_; }

    [[nodiscard]] std::optional<CallStart> describe(const StartEvent& start) override {
        if (tokens_required_ && !token_accepted(start)) return std::nullopt;
        stream_sid_ = start.stream_id;
        CallStart call;
        call.carrier = "twilio";
        call.call_id = start.call_id.empty() ? param_or(start.custom_parameters, kParamCallSid, "")
                                             : start.call_id;
        call.stream_id = start.stream_id;
        call.caller = param_or(start.custom_parameters, kParamCaller, "");
        call.called = param_or(start.custom_parameters, kParamCalled, "");
        call.facility_id = param_or(start.custom_parameters, kParamFacilityId, "");
        if (call.facility_id.empty() && facility_lookup_ && !call.called.empty()) {
            call.facility_id = facility_lookup_(call.called).value_or("");
        }
        call.format = media::kTwilioFormat;
        call.parameters = start.custom_parameters;
        return call;
    }

    // Twilio plays μ-law frames of any length: nothing is held back, marks go straight out.
    void frame_audio(std::span<const std::uint8_t> audio,
                     std::vector<OutboundFrame>& frames) override {
        frames.push_back({twilio_media_frame(stream_sid_, audio), FrameKind::kAudio});
    }
    void frame_mark(std::string_view name, std::vector<OutboundFrame>& frames) override {
        frames.push_back({twilio_mark_frame(stream_sid_, name), FrameKind::kControl});
    }
    void flush_audio(std::vector<OutboundFrame>& /*frames*/) override {}
    void drop_audio(std::vector<OutboundFrame>& /*frames*/) override {}
    [[nodiscard]] bool holds_audio() const noexcept override { return false; }
    [[nodiscard]] std::string clear_frame() const override {
        return twilio_clear_frame(stream_sid_);
    }

    void hang_up(const CallStart& call) override {
        // Closing the socket already ends the call (nothing follows </Connect>); the REST
        // request also covers TwiML that continues after the stream.
        if (call_control_ == nullptr || call.call_id.empty()) return;
        call_control_->hang_up(call.call_id, boost::asio::system_executor{},
                               [call_id = call.call_id](const CallControlResult& result) {
                                   if (!result.ok) {
                                       detail::telephony_log().warn(
                                           "call_sid={} REST hang-up failed: {}", call_id,
                                           result.detail);
                                   }
                               });
    }

    void transfer(const CallStart& call, const std::string& phone_number,
                  const boost::asio::any_io_executor& reply_on, CallControlDone done) override {
        if (call_control_ == nullptr) {
            boost::asio::post(reply_on, [done = std::move(done)] {
                done({false, 0, "twilio call control is not configured"});
            });
            return;
        }
        call_control_->transfer(call.call_id, phone_number, reply_on, std::move(done));
    }

private:
    /// Whether the start carries the stream token the webhook issued for exactly this call;
    /// otherwise notes the refusal. The token binds the start's callSid (Twilio's, not a
    /// parameter) and the raw parameters the call is served by, before any fallback lookup.
    [[nodiscard]] bool token_accepted(const StartEvent& start) {
        const auto& params = start.custom_parameters;
        const auto token = param_or(params, kParamStreamToken, "");
        const auto facility_id = param_or(params, kParamFacilityId, "");
        const auto caller = param_or(params, kParamCaller, "");
        const auto called = param_or(params, kParamCalled, "");
        const auto check =
            tokens_ == nullptr
                ? std::optional<StreamTokenCheck>{}
                : tokens_->redeem(token, {start.call_id, facility_id, caller, called});
        if (check == StreamTokenCheck::kAccepted) return true;
        refusal_ = check ? std::string{to_string(*check)} : "stream tokens are not configured";
        // Neither the token nor anything derived from the auth token goes to the log, nor the
        // (unauthenticated, unbounded) parameter values.
        detail::telephony_log().warn("call_sid={} stream_sid={} stream refused: {}", start.call_id,
                                     start.stream_id, refusal_);
        return false;
    }

    const TwilioCallControl* call_control_ = nullptr;  // borrowed, may be null
    FacilityLookup facility_lookup_;
    StreamTokens* tokens_ = nullptr;  // borrowed from the settings; null: every start refused
    bool tokens_required_ = false;
    std::string stream_sid_;
    std::string refusal_ = "unsupported media format";
};

}  // namespace

std::shared_ptr<MediaStreamSession> accept_twilio_stream(net::UpgradeContext&& context,
                                                         const TwilioStreamSettings& settings) {
    if (!settings.auth_token.empty()) {
        const auto header = context.request[kTwilioSignatureHeader];
        const std::string_view signature{header.data(), header.size()};
        if (!validate_twilio_signature(settings.auth_token, signature, settings.stream_url, {})) {
            reject_upgrade(std::move(context), kForbidden, "invalid X-Twilio-Signature");
            return nullptr;
        }
    }
    return std::make_shared<MediaStreamSession>(
        std::move(context),
        std::make_unique<TwilioCarrier>(settings.call_control, settings.facility_lookup,
                                        !settings.auth_token.empty(), settings.stream_tokens),
        settings.limits);
}

}  // namespace frontdesk::telephony
