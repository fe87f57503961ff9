#pragma once

#include <string>
#include <string_view>

#include "core/secret.hpp"
#include "telephony/facility_lookup.hpp"

namespace frontdesk::telephony {

class StreamTokens;

struct VoiceWebhookSettings {
    Secret auth_token;       // TWILIO_AUTH_TOKEN; empty: signatures are not checked
    std::string stream_url;  // wss://…/voice/stream (stream_url_from_public_url)
    /// Borrowed, outlives the handler; issues the stream_token parameter when auth_token is set
    /// (the stream then requires it). Built from the same auth token.
    const StreamTokens* stream_tokens = nullptr;
    std::string unknown_number_message =
        "Sorry, this number is not connected to a booking line. Goodbye.";
};

struct VoiceWebhookRequest {
    std::string_view body;       // the raw form-encoded POST body
    std::string_view signature;  // X-Twilio-Signature, empty when absent
    /// The URL Twilio requested, rebuilt from FRONTDESK_PUBLIC_URL + the request target (path
    /// and query exactly as received), not from proxy-rewritten request data (§5.1).
    std::string_view full_url;
};

struct VoiceWebhookResponse {
    int status = 200;
    std::string content_type = "text/xml";
    std::string body;
};

/// The logic of `POST /voice/webhook` (Twilio, form-encoded): 403 on a bad signature when an
/// auth token is set, 400 on an unparseable body; the facility is found by `To`; a known
/// number gets <Connect><Stream> with facility_id, caller, called and call_sid parameters, plus
/// a stream_token covering them when an auth token and stream_tokens are set; an unknown one a
/// polite <Say> and <Hangup/>. Any thread; never throws except std::bad_alloc.
[[nodiscard]] VoiceWebhookResponse handle_voice_webhook(const VoiceWebhookSettings& settings,
                                                        const VoiceWebhookRequest& request,
                                                        const FacilityLookup& lookup);

/// `public_url` (scheme://host[:port][/base]) joined with `target` (/path?query).
[[nodiscard]] std::string webhook_url(std::string_view public_url, std::string_view target);

}  // namespace frontdesk::telephony
