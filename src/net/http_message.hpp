#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frontdesk::net {

/// An HTTP request as handlers see it: Beast stays inside net, so api code compiles without it.
struct HttpRequest {
    std::string method;  // "GET", "POST", …
    std::string target;  // raw target, "/public/availability?date=2026-11-22"
    std::string path;    // decoded path without the query, "/public/availability"
    std::multimap<std::string, std::string> query;   // decoded query parameters
    std::map<std::string, std::string, std::less<>> headers;  // names lower-cased
    std::map<std::string, std::string, std::less<>> path_params;  // from "{id}" route segments
    std::string body;
    std::string request_id;  // "req_…", echoed as X-Request-Id and used in every log line
    std::string remote_address;

    [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_name) const;
    [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
    [[nodiscard]] const std::string& path_param(std::string_view name) const;
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers
    std::string body;
};

}  // namespace frontdesk::net
