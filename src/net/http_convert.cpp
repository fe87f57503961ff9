#include "net/http_convert.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <boost/beast/http/field.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "core/ids.hpp"

namespace frontdesk::net::detail {
namespace http = boost::beast::http;

namespace {

constexpr std::size_t kMaxRequestIdLength = 64;
constexpr int kMinStatus = 100;
constexpr int kMaxStatus = 599;
constexpr int kInternalStatus = 500;

std::string to_lower(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool iequals(std::string_view a, std::string_view b) { return to_lower(a) == to_lower(b); }

/// Framing is the server's business: a handler cannot desynchronise the connection.
bool is_framing_header(std::string_view name) {
    constexpr std::array<std::string_view, 3> kFraming{"content-length", "transfer-encoding",
                                                       "connection"};
    return std::any_of(kFraming.begin(), kFraming.end(),
                       [&](std::string_view framing) { return iequals(name, framing); });
}

/// 1xx, 204 and 304 carry no body and, for 1xx and 204, no Content-Length (RFC 9110 §8.6).
bool has_no_content(int status) { return status < 200 || status == 204 || status == 304; }

}  // namespace

bool is_sane_request_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > kMaxRequestIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '_' || c == '-' || c == '.';
    });
}

std::string request_id_for(const BeastRequest& request) {
    const auto it = request.find("X-Request-Id");
    if (it != request.end() && is_sane_request_id(it->value())) return std::string{it->value()};
    return new_id("req");
}

std::optional<std::string> decoded_path(std::string_view target) {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) return std::nullopt;
    return url->path();
}

std::string path_for_log(std::string_view target) {
    return std::string{target.substr(0, target.find('?'))};
}

std::optional<HttpRequest> to_http_request(BeastRequest&& request, std::string request_id,
                                           std::string remote_address) {
    const std::string_view target = request.target();
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) return std::nullopt;

    HttpRequest out;
    out.method = std::string{request.method_string()};
    out.target = std::string{target};
    out.path = url->path();
    for (const auto& param : url->params()) out.query.emplace(param.key, param.value);
    for (const auto& field : request) {
        // Repeated fields fold into one comma-separated value, as RFC 9110 §5.3 allows.
        auto [it, inserted] =
            out.headers.try_emplace(to_lower(field.name_string()), std::string{field.value()});
        if (!inserted) (it->second += ", ") += field.value();
    }
    out.body = std::move(request.body());
    out.request_id = std::move(request_id);
    out.remote_address = std::move(remote_address);
    return out;
}

BeastResponse to_beast_response(HttpResponse&& response, const ResponseFraming& framing) {
    const int status = response.status < kMinStatus || response.status > kMaxStatus
                           ? kInternalStatus
                           : response.status;
    BeastResponse out;
    out.version(framing.version);
    out.result(static_cast<unsigned>(status));
    out.set(http::field::server, "frontdesk");
    out.set("X-Request-Id", framing.request_id);
    for (auto& [name, value] : response.headers) {
        if (!is_framing_header(name)) out.insert(name, value);
    }
    out.keep_alive(framing.keep_alive);
    if (has_no_content(status)) return out;

    if (!response.content_type.empty()) out.set(http::field::content_type, response.content_type);
    const auto length = response.body.size();
    if (!framing.head) out.body() = std::move(response.body);
    out.content_length(length);
    return out;
}

}  // namespace frontdesk::net::detail
