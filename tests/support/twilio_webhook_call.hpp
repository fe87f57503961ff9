#pragma once

#include <map>
#include <optional>
#include <string>

#include "support/fake_twilio_caller.hpp"
#include "support/http_client.hpp"

namespace frontdesk::test {

/// An incoming call as Twilio announces it to our voice webhook.
struct IncomingTwilioCall {
    std::string public_url;  // FRONTDESK_PUBLIC_URL the server runs with: what Twilio calls
    std::string auth_token;  // TWILIO_AUTH_TOKEN: what Twilio signs with
    std::string account_sid = "AC00000000000000000000000000000001";
    std::string call_sid = "CA00000000000000000000000000000001";
    std::string from;  // the caller, E.164
    std::string to;    // the number dialled, E.164
};

/// What the webhook answered, and the media stream Twilio would open from it.
struct TwilioWebhookAnswer {
    int status = 0;
    std::string twiml;                              // the body as received
    std::string stream_url;                         // <Stream url>, XML-unescaped; empty if none
    std::map<std::string, std::string> parameters;  // every <Parameter name value>, unescaped
    /// Ready for FakeTwilioCaller: the CallSid and AccountSid announced, exactly the TwiML's
    /// parameters, the stream URL's path, and X-Twilio-Signature over the stream URL with no
    /// parameters (PROTOCOLS §5.1). nullopt when the TwiML opens no <Stream>.
    std::optional<FakeTwilioCall> call;
};

/// Does what Twilio does when `incoming` rings: POSTs /voice/webhook through `http` with the
/// usual form fields (CallSid, AccountSid, From, To, Caller, Called, CallStatus, Direction,
/// ApiVersion), signed with the auth token over public_url + "/voice/webhook", then reads the
/// TwiML answer. Blocking; throws std::runtime_error on a transport failure (from HttpClient).
[[nodiscard]] TwilioWebhookAnswer ring_voice_webhook(HttpClient& http,
                                                     const IncomingTwilioCall& incoming);

}  // namespace frontdesk::test
