#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_message.hpp"

namespace frontdesk::net {

/// A handler runs on the worker pool (it may block on the store), never on an event loop.
/// It may throw frontdesk::Error; the router turns that into a JSON error response.
using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

/// Maps method + path pattern ("/public/booking/{id}") to handlers. Unknown path: 404 JSON;
/// known path, other method: 405 JSON with Allow. Built at start-up, then read-only: any thread.
class Router {
public:
    void add(std::string method, std::string pattern, HttpHandler handler);

    /// Finds the route, fills request.path_params, runs the handler and maps exceptions:
    /// frontdesk::Error → its status with {"error":{"code","message"}}, anything else → 500
    /// (details only in the log, tagged with the request id). Never throws.
    [[nodiscard]] HttpResponse dispatch(HttpRequest& request) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;  // "{name}" segments capture
        HttpHandler handler;
    };
    std::vector<Route> routes_;
};

/// The JSON error body every error response uses:
/// {"error":{"code":"SLOT_UNAVAILABLE","message":"…","request_id":"req_…"}} plus extra fields.
[[nodiscard]] HttpResponse json_error(int status, std::string_view code, std::string_view message,
                                      std::string_view request_id);

}  // namespace frontdesk::net
