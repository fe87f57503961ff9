#include "telephony/voice_webhook.hpp"

#include "core/phone.hpp"
#include "telephony/form_body.hpp"
#include "telephony/session_log.hpp"
#include "telephony/stream_token.hpp"
#include "telephony/twilio_signature.hpp"
#include "telephony/twiml.hpp"

namespace frontdesk::telephony {
namespace {

constexpr int kBadRequest = 400;
constexpr int kForbidden = 403;

[[nodiscard]] VoiceWebhookResponse plain(int status, std::string body) {
    return {status, "text/plain", std::move(body)};
}

[[nodiscard]] std::string param(const FormParams& params, std::string_view name) {
    return std::string{find_param(params, name).value_or("")};
}

}  // namespace

std::string webhook_url(std::string_view public_url, std::string_view target) {
    std::string url{public_url};
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (!target.empty() && target.front() != '/') url += '/';
    url += target;
    return url;
}

VoiceWebhookResponse handle_voice_webhook(const VoiceWebhookSettings& settings,
                                          const VoiceWebhookRequest& request,
                                          const FacilityLookup& lookup) {
    auto& log = detail::telephony_log();
    const auto params = parse_form_body(request.body);
    if (!params) return plain(kBadRequest, "malformed form body");
    if (!settings.auth_token.empty() &&
        !validate_twilio_signature(settings.auth_token, request.signature, request.full_url,
                                   *params)) {
        log.warn("voice webhook refused: invalid X-Twilio-Signature");
        return plain(kForbidden, "invalid X-Twilio-Signature");
    }
    const auto call_sid = param(*params, "CallSid");
    const auto to = param(*params, "To");
    const auto from = param(*params, "From");
    const auto facility = lookup && !to.empty() ? lookup(to) : std::nullopt;
    if (!facility) {
        log.info("call_sid={} to={} no facility answers this number", call_sid, redact_phone(to));
        return {200, "text/xml", say_and_hang_up_twiml(settings.unknown_number_message)};
    }
    log.info("call_sid={} facility={} from={} incoming call", call_sid, *facility,
             redact_phone(from));
    StreamTwiml twiml{settings.stream_url,
                      {{std::string{kParamFacilityId}, *facility},
                       {std::string{kParamCaller}, from},
                       {std::string{kParamCalled}, to},
                       {std::string{kParamCallSid}, call_sid}}};
    // The upgrade's signature is the same for every call; this token ties the stream to the
    // call Twilio just announced, signed above.
    if (!settings.auth_token.empty() && settings.stream_tokens != nullptr) {
        twiml.parameters.emplace_back(
            kParamStreamToken, settings.stream_tokens->issue({call_sid, *facility, from, to}));
    }
    return {200, "text/xml", connect_stream_twiml(twiml)};
}

}  // namespace frontdesk::telephony
