#pragma once
// Internal to net: translation between Beast messages and the Beast-free HttpRequest/HttpResponse.

#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http_message.hpp"

namespace frontdesk::net::detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

/// 1 to 64 characters of [A-Za-z0-9._-]: safe to echo in a header and to write in a log line.
[[nodiscard]] bool is_sane_request_id(std::string_view id) noexcept;

/// The client's X-Request-Id when sane, else a fresh "req_…".
[[nodiscard]] std::string request_id_for(const BeastRequest& request);

/// The decoded path of an origin-form target ("/a%20b?x=1" → "/a b"); nullopt for any other form.
[[nodiscard]] std::optional<std::string> decoded_path(std::string_view target);

/// The still-encoded path of a target, without the query: what the access log shows. Encoded,
/// so a "%0A" cannot forge log lines; no query, as query strings may carry personal data.
[[nodiscard]] std::string path_for_log(std::string_view target);

/// Moves the body out of `request`. Nullopt when the target is not origin-form.
[[nodiscard]] std::optional<HttpRequest> to_http_request(BeastRequest&& request,
                                                         std::string request_id,
                                                         std::string remote_address);

struct ResponseFraming {
    unsigned version = 11;  // of the request: 10 or 11
    bool keep_alive = false;
    bool head = false;  // answer to HEAD: Content-Length of the body, but no body
    std::string_view request_id;
};

/// Adds Server, Content-Type, Content-Length, Connection and X-Request-Id. Extra headers that
/// would break framing (Content-Length, Transfer-Encoding, Connection) are dropped.
[[nodiscard]] BeastResponse to_beast_response(HttpResponse&& response,
                                              const ResponseFraming& framing);

}  // namespace frontdesk::net::detail
