#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "core/secret.hpp"

namespace frontdesk::realtime {

inline constexpr std::string_view kDefaultOpenAiBaseUrl = "https://api.openai.com/v1";
inline constexpr std::string_view kDefaultRealtimeModel = "gpt-realtime";

/// Where and how to reach the OpenAI Realtime API (OPENAI_API_KEY, OPENAI_REALTIME_MODEL,
/// OPENAI_BASE_URL).
struct RealtimeConfig {
    Secret api_key;
    std::string model{kDefaultRealtimeModel};
    std::string base_url{kDefaultOpenAiBaseUrl};

    [[nodiscard]] bool configured() const noexcept { return !api_key.empty(); }
};

/// Reads the three variables; unset ones keep their defaults.
[[nodiscard]] RealtimeConfig realtime_config_from_env(const EnvLookup& env);

/// The websocket URL split for a connection: wss://host[:port]/path/realtime?model=…
struct RealtimeEndpoint {
    std::string host;         // for DNS, SNI and certificate verification
    std::string port;         // "443" unless the base URL names one
    std::string host_header;  // host, or host:port for a non-default port
    std::string target;       // "/v1/realtime?model=gpt-realtime"
};

/// Derives the endpoint from an https:// (or wss://) base URL, as the official SDK does: scheme
/// wss, path + "/realtime", query model. nullopt for any other scheme (TLS is never optional)
/// or a URL without a host.
[[nodiscard]] std::optional<RealtimeEndpoint> realtime_endpoint(std::string_view base_url,
                                                                std::string_view model);

}  // namespace frontdesk::realtime
