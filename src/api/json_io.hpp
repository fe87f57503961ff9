#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json_fields.hpp"
#include "net/http_message.hpp"

namespace frontdesk::api {

/// A query parameter as an integer in [min, max], else INVALID_PARAMETER.
[[nodiscard]] std::optional<int> query_int(const net::HttpRequest& request, std::string_view name,
                                           int min, int max);

/// A query parameter as an RFC 3339 instant ("2026-11-22T18:00:00Z"), else INVALID_DATE.
[[nodiscard]] std::optional<Instant> query_instant(const net::HttpRequest& request,
                                                   std::string_view name);

}  // namespace frontdesk::api
