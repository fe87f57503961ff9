#pragma once

#include <string>
#include <string_view>

#include "core/secret.hpp"
#include "telephony/form_body.hpp"

// Twilio request signatures (X-Twilio-Signature, PROTOCOLS §5): HMAC-SHA1 keyed with the
// account's auth token over the full URL followed by the sorted POST parameters, base64.
// Pure functions, any thread, never throw.

namespace frontdesk::telephony {

inline constexpr std::string_view kTwilioSignatureHeader = "X-Twilio-Signature";

/// The string Twilio signs: `url`, then for every distinct parameter name in byte order, each of
/// its distinct values in byte order, as name + value with no separators (§5.1, §5.3).
[[nodiscard]] std::string twilio_signed_data(std::string_view url, const FormParams& params);

/// base64(HMAC-SHA1(auth_token, twilio_signed_data(url, params))).
[[nodiscard]] std::string compute_twilio_signature(const Secret& auth_token, std::string_view url,
                                                   const FormParams& params);

/// Whether `signature` is valid for a form-encoded POST (or a GET / websocket upgrade with no
/// parameters) to `url`. Tries `url` as given and with its default port added or removed
/// (":443" for https/wss, ":80" for http/ws), as the official SDKs do. Constant-time compare.
/// False when the token is empty.
[[nodiscard]] bool validate_twilio_signature(const Secret& auth_token, std::string_view signature,
                                             std::string_view url, const FormParams& params);

/// The JSON-body variant (§5.2): `url` carries bodySHA256=<hex SHA-256 of `raw_body`> in its
/// query; both that hash and the signature over the URL alone must match.
[[nodiscard]] bool validate_twilio_json_signature(const Secret& auth_token,
                                                  std::string_view signature,
                                                  std::string_view url, std::string_view raw_body);

/// Lower-case hex SHA-256 of `bytes`.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// Equality whose duration depends only on the lengths.
[[nodiscard]] bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace frontdesk::telephony
