#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// application/x-www-form-urlencoded bodies (Twilio webhooks in, Twilio REST requests out).
// Pure functions, any thread, never throw.

namespace frontdesk::telephony {

/// Name/value pairs in the order they appeared; names may repeat (Twilio signs every value).
using FormParams = std::vector<std::pair<std::string, std::string>>;

/// Decodes `body` ("a=1&b=%2B1+2"): '+' is a space, %XX a byte, empty fields are skipped, a
/// field without '=' has an empty value. nullopt when a '%' is not followed by two hex digits.
[[nodiscard]] std::optional<FormParams> parse_form_body(std::string_view body);

/// Percent-decodes one component ('+' → space); nullopt on a bad escape.
[[nodiscard]] std::optional<std::string> form_decode(std::string_view text);

/// Encodes pairs as a form body: unreserved characters (A-Z a-z 0-9 - . _ ~) as is, space as
/// '+', everything else %XX (upper-case hex).
[[nodiscard]] std::string form_encode(const FormParams& params);

/// RFC 3986 percent-encoding of one path segment or value: unreserved characters as is,
/// everything else (space included) %XX.
[[nodiscard]] std::string percent_encode(std::string_view text);

/// The first value of `name`, or nullopt.
[[nodiscard]] std::optional<std::string_view> find_param(const FormParams& params,
                                                         std::string_view name);

}  // namespace frontdesk::telephony
