#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_fields.hpp"
#include "net/http_message.hpp"

namespace frontdesk::api {

/// A 2xx/4xx response with a JSON body.
[[nodiscard]] net::HttpResponse json_response(int status, const nlohmann::json& body);

/// The request body as a JSON object. INVALID_JSON (with line and column) or
/// INVALID_BODY ("must be a JSON object") otherwise.
[[nodiscard]] nlohmann::json parse_json_object(const net::HttpRequest& request);

/// A query parameter as an integer in [min, max], else INVALID_PARAMETER.
[[nodiscard]] std::optional<int> query_int(const net::HttpRequest& request, std::string_view name,
                                           int min, int max);

}  // namespace frontdesk::api
