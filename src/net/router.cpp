#include "net/router.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/logging.hpp"

namespace frontdesk::net {
namespace {

using nlohmann::json;

constexpr int kInternalStatus = 500;
// Written without the JSON library so the last-resort answer cannot fail the same way again.
constexpr std::string_view kFallbackBody =
    R"({"error":{"code":"INTERNAL_ERROR","message":"Internal server error."}})";

const auto& net_log() {
    static const auto log = logger("net");
    return log;
}

std::string dump(const json& value) {
    // Handlers' messages may carry arbitrary bytes; replacing invalid UTF-8 keeps dump() noexcept
    // apart from allocation.
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// "/a/{b}/c" → {"a", "{b}", "c"}; "/" → {}. Empty segments are kept, so "/a/" ≠ "/a".
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    if (path.empty()) return segments;
    for (;;) {
        const auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool is_capture(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string_view capture_name(std::string_view segment) {
    return segment.substr(1, segment.size() - 2);
}

/// Number of literal segments when `pattern` matches `path`; nullopt otherwise.
std::optional<std::size_t> match_score(const std::vector<std::string>& pattern,
                                       const std::vector<std::string_view>& path) {
    if (pattern.size() != path.size()) return std::nullopt;
    std::size_t literals = 0;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (is_capture(pattern[i])) {
            if (path[i].empty()) return std::nullopt;
        } else if (pattern[i] == path[i]) {
            ++literals;
        } else {
            return std::nullopt;
        }
    }
    return literals;
}

std::vector<std::string> parse_pattern(std::string_view pattern) {
    if (pattern.empty() || pattern.front() != '/') {
        throw std::invalid_argument("route pattern must start with '/': " + std::string{pattern});
    }
    std::vector<std::string> segments;
    std::set<std::string_view> names;
    for (const std::string_view segment : split_path(pattern)) {
        const bool braces = segment.find_first_of("{}") != std::string_view::npos;
        if (braces && (!is_capture(segment) || !names.insert(capture_name(segment)).second)) {
            throw std::invalid_argument("bad capture in route pattern: " + std::string{pattern});
        }
        segments.emplace_back(segment);
    }
    return segments;
}

bool same_shape(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return is_capture(x) ? is_capture(y) : x == y;
    });
}

std::string join_methods(const std::vector<std::string>& methods) {
    std::string out;
    for (const auto& method : methods) {
        if (!out.empty()) out += ", ";
        out += method;
    }
    return out;
}

/// The encoded path, as in the access log: a decoded "%0A" must not forge log lines.
std::string_view log_path(const HttpRequest& request) {
    if (request.target.empty()) return request.path;
    return std::string_view{request.target}.substr(0, request.target.find('?'));
}

HttpResponse map_exception(const std::exception_ptr& error, const HttpRequest& request) {
    const auto& id = request.request_id;
    try {
        std::rethrow_exception(error);
    } catch (const Error& e) {
        const int status = http_status(e.kind());
        const auto level = status >= kInternalStatus ? spdlog::level::warn : spdlog::level::debug;
        net_log()->log(level, "request_id={} {} {} failed: {} {}", id, request.method,
                       log_path(request), e.code(), e.what());
        return json_error(status, e.code(), e.what(), id);
    } catch (const std::exception& e) {
        net_log()->error("request_id={} {} {} handler threw: {}", id, request.method,
                         log_path(request), e.what());
    } catch (...) {
        net_log()->error("request_id={} {} {} handler threw a non-standard exception", id,
                         request.method, log_path(request));
    }
    // The detail stays in the log: an exception text may hold SQL, paths or secrets.
    return json_error(kInternalStatus, "INTERNAL_ERROR", "Internal server error.", id);
}

}  // namespace

void Router::add(std::string method, std::string pattern, HttpHandler handler) {
    if (method.empty() || !handler) {
        throw std::invalid_argument("route needs a method and a handler: " + pattern);
    }
    auto segments = parse_pattern(pattern);
    for (const auto& route : routes_) {
        if (route.method == method && same_shape(route.segments, segments)) {
            throw std::invalid_argument("route already defined: " + method + " " + pattern);
        }
    }
    routes_.push_back(Route{std::move(method), std::move(segments), std::move(handler)});
}

Router::Match Router::find(std::string_view method, std::string_view path) const {
    const auto segments = split_path(path);
    Match match;
    std::optional<std::size_t> best;
    const Route* get_route = nullptr;
    std::optional<std::size_t> best_get;
    for (const auto& route : routes_) {
        const auto score = match_score(route.segments, segments);
        if (!score) continue;
        match.allowed.push_back(route.method);
        if (route.method == method && (!best || *score > *best)) {
            match.route = &route;
            best = score;
        }
        if (route.method == "GET" && (!best_get || *score > *best_get)) {
            get_route = &route;
            best_get = score;
        }
    }
    if (match.route == nullptr && method == "HEAD") match.route = get_route;
    if (get_route != nullptr) match.allowed.emplace_back("HEAD");
    std::sort(match.allowed.begin(), match.allowed.end());
    match.allowed.erase(std::unique(match.allowed.begin(), match.allowed.end()),
                        match.allowed.end());
    return match;
}

HttpResponse Router::run(const Route& route, HttpRequest& request) const {
    const auto segments = split_path(request.path);
    request.path_params.clear();
    for (std::size_t i = 0; i < route.segments.size(); ++i) {
        if (is_capture(route.segments[i])) {
            request.path_params.emplace(std::string{capture_name(route.segments[i])},
                                        std::string{segments[i]});
        }
    }
    return route.handler(request);
}

HttpResponse Router::dispatch(HttpRequest& request) const {
    try {
        try {
            const Match match = find(request.method, request.path);
            if (match.route != nullptr) return run(*match.route, request);
            if (match.allowed.empty()) {
                return json_error(404, "NOT_FOUND", "No such resource: " + request.path,
                                  request.request_id);
            }
            auto response = json_error(405, "METHOD_NOT_ALLOWED",
                                       request.method + " is not allowed on " + request.path,
                                       request.request_id);
            response.headers.emplace_back("Allow", join_methods(match.allowed));
            return response;
        } catch (...) {
            return map_exception(std::current_exception(), request);
        }
    } catch (...) {
        HttpResponse response;
        response.status = kInternalStatus;
        response.body = kFallbackBody;
        return response;
    }
}

HttpResponse json_error(int status, std::string_view code, std::string_view message,
                        std::string_view request_id) {
    return json_error(status, code, message, request_id, json::object());
}

HttpResponse json_error(int status, std::string_view code, std::string_view message,
                        std::string_view request_id, const nlohmann::json& extra) {
    json error = extra.is_object() ? extra : json::object();
    error["code"] = code;
    error["message"] = message;
    if (!request_id.empty()) error["request_id"] = request_id;
    return json_response(json{{"error", std::move(error)}}, status);
}

HttpResponse json_response(const nlohmann::json& body, int status) {
    HttpResponse response;
    response.status = status;
    response.body = dump(body);
    return response;
}

nlohmann::json parse_json_body(const HttpRequest& request) {
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
        throw InvalidArgument("INVALID_JSON", "The request body is not valid JSON.");
    }
    if (!body.is_object()) {
        throw InvalidArgument("INVALID_JSON", "The request body must be a JSON object.");
    }
    return body;
}

}  // namespace frontdesk::net
