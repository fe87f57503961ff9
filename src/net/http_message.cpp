#include "net/http_message.hpp"

namespace frontdesk::net {

std::optional<std::string_view> HttpRequest::header(std::string_view lower_name) const {
    const auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return std::string_view{it->second};
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
    // The first occurrence wins; handlers that accept repeated keys read `query` directly.
    const std::string key{name};
    const auto it = query.lower_bound(key);  // multimap keeps equal keys in insertion order
    if (it == query.end() || it->first != key) return std::nullopt;
    return it->second;
}

const std::string& HttpRequest::path_param(std::string_view name) const {
    static const std::string kEmpty;
    const auto it = path_params.find(name);
    return it == path_params.end() ? kEmpty : it->second;
}

}  // namespace frontdesk::net
