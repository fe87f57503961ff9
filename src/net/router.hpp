#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "net/http_message.hpp"

namespace frontdesk::net {

/// A handler runs on the worker pool (it may block on the store), never on an event loop.
/// It may throw frontdesk::Error; the router turns that into a JSON error response.
using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

/// Maps method + path pattern ("/public/booking/{id}") to handlers. Unknown path: 404 JSON;
/// known path, other method: 405 JSON with Allow. Built at start-up, then read-only: any thread.
/// HEAD falls back to the GET route (the server sends the headers only). A literal segment beats
/// a "{name}" capture, so "/booking/search" wins over "/booking/{id}" whatever the order of add().
class Router {
public:
    /// Throws std::invalid_argument for a malformed pattern (no leading '/', empty or repeated
    /// capture name, stray brace) or a method + pattern pair that is already routed.
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
    struct Match {
        const Route* route = nullptr;      // nullptr: 404 or, when `allowed` is not empty, 405
        std::vector<std::string> allowed;  // methods routed for this path
    };
    [[nodiscard]] Match find(std::string_view method, std::string_view path) const;
    [[nodiscard]] HttpResponse run(const Route& route, HttpRequest& request) const;

    std::vector<Route> routes_;
};

/// The JSON error body every error response uses:
/// {"error":{"code":"SLOT_UNAVAILABLE","message":"…","request_id":"req_…"}} plus extra fields.
[[nodiscard]] HttpResponse json_error(int status, std::string_view code, std::string_view message,
                                      std::string_view request_id);

/// As above; the members of `extra` (a JSON object, e.g. {"alternatives":[…]}) are added inside
/// the "error" object. They never replace code, message or request_id.
[[nodiscard]] HttpResponse json_error(int status, std::string_view code, std::string_view message,
                                      std::string_view request_id, const nlohmann::json& extra);

/// `body` serialised as application/json (invalid UTF-8 in strings is replaced, never thrown).
[[nodiscard]] HttpResponse json_response(const nlohmann::json& body, int status = 200);

/// The request body parsed as a JSON object. Throws InvalidArgument "INVALID_JSON" when the body
/// is not JSON or not an object, with a message that can be shown to the client.
[[nodiscard]] nlohmann::json parse_json_body(const HttpRequest& request);

}  // namespace frontdesk::net
