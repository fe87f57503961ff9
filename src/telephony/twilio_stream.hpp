#pragma once

#include <memory>
#include <string>

#include "core/secret.hpp"
#include "telephony/facility_lookup.hpp"
#include "telephony/media_stream_session.hpp"

namespace frontdesk::telephony {

class StreamTokens;
class TwilioCallControl;

struct TwilioStreamSettings {
    /// TWILIO_AUTH_TOKEN; empty: neither the upgrade's signature nor a stream token is checked.
    Secret auth_token;
    std::string stream_url;  // the wss URL our TwiML advertised (what Twilio signs, §5.1)
    SessionLimits limits;
    /// Borrowed, outlives every leg; null: hang-up only closes the socket, transfer fails.
    const TwilioCallControl* call_control = nullptr;
    /// Borrowed, outlives every leg; redeems the start's stream_token when auth_token is set.
    /// Null with an auth token set: every stream is refused (fail closed).
    StreamTokens* stream_tokens = nullptr;
    /// Used when the stream's parameters carry no facility_id (a hand-written TwiML).
    FacilityLookup facility_lookup;
};

/// Takes over a `/voice/stream` upgrade. When an auth token is set, X-Twilio-Signature must
/// sign `stream_url` (no parameters); otherwise the request is answered 403 and nullptr is
/// returned. That signature is the same for every call, so the start event must also carry the
/// per-call stream_token the webhook issued, matching the start's callSid and the facility_id,
/// caller and called parameters, unexpired and not used before; if not, the leg ends with
/// kProtocolError (close code policy_error, the reason in the close frame) and never reports
/// on_call_started. The leg does nothing until start(listener), which accepts the websocket.
/// Call on the connection's strand (inside the UpgradeHandler). CallStart::format is μ-law
/// 8 kHz, passed through untouched.
[[nodiscard]] std::shared_ptr<MediaStreamSession> accept_twilio_stream(
    net::UpgradeContext&& context, const TwilioStreamSettings& settings);

}  // namespace frontdesk::telephony
