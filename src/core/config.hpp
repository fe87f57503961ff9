#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/logging.hpp"
#include "core/secret.hpp"

namespace frontdesk {

/// Everything the server is configured with. Built once at start-up from the environment and
/// the command line (a flag wins over its variable), then read-only.
struct AppConfig {
    std::string host = "0.0.0.0";
    std::uint16_t port = 8080;
    std::string public_url;  // https URL the outside world uses to reach us; empty = derived
    std::string db_path = "data/frontdesk.db";
    std::string facilities_path = "facilities";
    std::string assets_path = "assets";  // pre-rendered audio prompts
    Secret public_api_key;
    Secret owner_api_key;
    spdlog::level::level_enum log_level = spdlog::level::info;
    LogFormat log_format = LogFormat::kText;
    std::chrono::minutes quote_hold{10};
    int worker_threads = 4;
    int io_threads = 1;
    std::size_t body_limit_bytes = 1024 * 1024;
    std::chrono::seconds shutdown_grace{10};
    std::chrono::minutes max_call_length{30};  // a phone call is ended politely after it
    std::chrono::seconds idle_prompt_after{15};  // a silent caller is asked if they are there
};

/// A configuration value that cannot be used; what() names the variable or flag and the value's
/// problem. main prints it and exits with code 2.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Looks an environment variable up; injectable so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment.
[[nodiscard]] EnvLookup process_env();

/// Parses `args` (without the program name) over the environment. Returns nullopt when --help
/// was asked for (the caller prints config_help()). Throws ConfigError.
[[nodiscard]] std::optional<AppConfig> parse_config(const std::vector<std::string>& args,
                                                    const EnvLookup& env);

/// The --help text: every flag with its variable and default.
[[nodiscard]] std::string config_help();

}  // namespace frontdesk
