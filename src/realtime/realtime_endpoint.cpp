#include "realtime/realtime_endpoint.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace frontdesk::realtime {
namespace {

constexpr std::string_view kTlsPort = "443";

}  // namespace

RealtimeConfig realtime_config_from_env(const EnvLookup& env) {
    RealtimeConfig config;
    if (auto key = env("OPENAI_API_KEY"); key && !key->empty()) config.api_key = Secret{*key};
    if (auto model = env("OPENAI_REALTIME_MODEL"); model && !model->empty()) config.model = *model;
    if (auto base = env("OPENAI_BASE_URL"); base && !base->empty()) config.base_url = *base;
    return config;
}

std::optional<RealtimeEndpoint> realtime_endpoint(std::string_view base_url,
                                                  std::string_view model) {
    const auto parsed = boost::urls::parse_uri(base_url);
    if (!parsed) return std::nullopt;
    const auto& url = *parsed;
    if (url.scheme() != "https" && url.scheme() != "wss") return std::nullopt;
    if (url.host().empty()) return std::nullopt;

    RealtimeEndpoint endpoint;
    endpoint.host = url.host();
    endpoint.port = url.has_port() ? std::string{url.port()} : std::string{kTlsPort};
    endpoint.host_header = url.has_port() && url.port() != kTlsPort
                               ? endpoint.host + ":" + endpoint.port
                               : endpoint.host;

    const auto encoded_path = url.encoded_path();
    std::string path{encoded_path.data(), encoded_path.size()};
    while (!path.empty() && path.back() == '/') path.pop_back();
    boost::urls::url target;
    target.set_encoded_path(path + "/realtime");
    target.params().append({"model", model});
    const auto encoded_target = target.encoded_target();
    endpoint.target.assign(encoded_target.data(), encoded_target.size());
    return endpoint;
}

}  // namespace frontdesk::realtime
