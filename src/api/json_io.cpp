#include "api/json_io.hpp"

#include <charconv>

#include "core/error.hpp"

namespace frontdesk::api {
net::HttpResponse json_response(int status, const nlohmann::json& body) {
    net::HttpResponse response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

nlohmann::json parse_json_object(const net::HttpRequest& request) {
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& e) {
        throw InvalidArgument("INVALID_JSON",
                              "The request body is not valid JSON (" + std::string{e.what()} + ").");
    }
    if (!body.is_object()) {
        throw InvalidArgument("INVALID_BODY", "The request body must be a JSON object.");
    }
    return body;
}

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

}  // namespace frontdesk::api
