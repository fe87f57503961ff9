#include "api/json_io.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::api {

std::optional<int> query_int(const net::HttpRequest& request, std::string_view name, int min,
                             int max) {
    auto text = request.query_param(name);
    if (!text) return std::nullopt;
    int value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc{} || ptr != end || value < min || value > max) {
        throw InvalidArgument("INVALID_PARAMETER", "Query parameter '" + std::string{name} +
                                                       "' must be a whole number from " +
                                                       std::to_string(min) + " to " +
                                                       std::to_string(max) + ".");
    }
    return value;
}

std::optional<Instant> query_instant(const net::HttpRequest& request, std::string_view name) {
    const auto text = request.query_param(name);
    if (!text) return std::nullopt;
    auto instant = parse_rfc3339(*text);
    if (!instant) {
        throw InvalidArgument("INVALID_DATE", "Query parameter '" + std::string{name} +
                                                  "' must be an RFC 3339 time such as "
                                                  "2026-11-22T18:00:00Z.");
    }
    return instant;
}

}  // namespace frontdesk::api
