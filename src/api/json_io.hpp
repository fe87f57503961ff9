#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/local_time.hpp"
#include "net/http_message.hpp"

namespace frontdesk::api {

/// A 2xx/4xx response with a JSON body.
[[nodiscard]] net::HttpResponse json_response(int status, const nlohmann::json& body);

/// The request body as a JSON object. INVALID_JSON (with line and column) or
/// INVALID_BODY ("must be a JSON object") otherwise.
[[nodiscard]] nlohmann::json parse_json_object(const net::HttpRequest& request);

/// Typed field readers for request bodies: a missing required field is MISSING_FIELD, a field of
/// the wrong type INVALID_FIELD; each message names the field. `null` counts as missing.
[[nodiscard]] std::string required_string(const nlohmann::json& body, std::string_view field);
[[nodiscard]] std::optional<std::string> optional_string(const nlohmann::json& body,
                                                         std::string_view field);
[[nodiscard]] std::optional<int> optional_int(const nlohmann::json& body, std::string_view field,
                                              int min, int max);
[[nodiscard]] std::vector<std::string> optional_string_list(const nlohmann::json& body,
                                                            std::string_view field);

/// "YYYY-MM-DD" / "HH:MM" from a body field or query parameter, else INVALID_DATE / INVALID_TIME
/// naming the field and the expected format.
[[nodiscard]] LocalDate parse_date_field(std::string_view field, const std::string& text);
[[nodiscard]] TimeOfDay parse_time_field(std::string_view field, const std::string& text);

/// A query parameter as an integer in [min, max], else INVALID_PARAMETER.
[[nodiscard]] std::optional<int> query_int(const net::HttpRequest& request, std::string_view name,
                                           int min, int max);

}  // namespace frontdesk::api
