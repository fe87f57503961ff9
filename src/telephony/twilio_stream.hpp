#pragma once

#include <memory>
#include <string>

#include "core/secret.hpp"
#include "telephony/facility_lookup.hpp"
#include "telephony/media_stream_session.hpp"

namespace frontdesk::telephony {

class TwilioCallControl;

struct TwilioStreamSettings {
    Secret auth_token;       // TWILIO_AUTH_TOKEN; empty: the upgrade's signature is not checked
    std::string stream_url;  // the wss URL our TwiML advertised (what Twilio signs, §5.1)
    SessionLimits limits;
    /// Borrowed, outlives every leg; null: hang-up only closes the socket, transfer fails.
    const TwilioCallControl* call_control = nullptr;
    /// Used when the stream's parameters carry no facility_id (a hand-written TwiML).
    FacilityLookup facility_lookup;
};

/// Takes over a `/voice/stream` upgrade. When an auth token is set, X-Twilio-Signature must
/// sign `stream_url` (no parameters); otherwise the request is answered 403 and nullptr is
/// returned. The leg does nothing until start(listener), which accepts the websocket.
/// Call on the connection's strand (inside the UpgradeHandler). CallStart::format is μ-law
/// 8 kHz, passed through untouched.
[[nodiscard]] std::shared_ptr<MediaStreamSession> accept_twilio_stream(
    net::UpgradeContext&& context, const TwilioStreamSettings& settings);

}  // namespace frontdesk::telephony
