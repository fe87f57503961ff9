#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_fields.hpp"
#include "net/http_message.hpp"

namespace frontdesk::api {

/// A query parameter as an integer in [min, max], else INVALID_PARAMETER.
[[nodiscard]] std::optional<int> query_int(const net::HttpRequest& request, std::string_view name,
                                           int min, int max);

}  // namespace frontdesk::api
