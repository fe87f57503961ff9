#include "core/config.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace frontdesk {
namespace {

/// One setting: its flag, its environment variable, and how it lands in AppConfig.
struct Option {
    std::string_view flag;
    std::string_view env;
    std::string_view help;
    std::function<void(AppConfig&, const Option&, const std::string&)> apply;
};

[[noreturn]] void reject(const Option& option, const std::string& value, std::string_view why) {
    throw ConfigError(std::string{option.env} + " / " + std::string{option.flag} + ": '" + value +
                      "' " + std::string{why});
}

template <typename Int>
Int parse_int(const Option& option, const std::string& value, Int min, Int max) {
    Int parsed{};
    const auto* end = value.data() + value.size();
    auto [ptr, ec] = std::from_chars(value.data(), end, parsed);
    if (ec != std::errc{} || ptr != end || parsed < min || parsed > max) {
        reject(option, value,
               "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return parsed;
}

const std::vector<Option>& options() {
    static const std::vector<Option> kOptions = {
        {"--host", "HOST", "address to listen on (default 0.0.0.0)",
         [](AppConfig& c, const Option&, const std::string& v) { c.host = v; }},
        {"--port", "PORT", "TCP port, 0 for any free port (default 8080)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             c.port = parse_int<std::uint16_t>(o, v, 0, 65535);
         }},
        {"--public-url", "FRONTDESK_PUBLIC_URL",
         "https URL the outside world reaches this server at (default http://HOST:PORT)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             if (v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0) {
                 reject(o, v, "must start with https:// (or http:// for local use)");
             }
             c.public_url = v.back() == '/' ? v.substr(0, v.size() - 1) : v;
         }},
        {"--db", "FRONTDESK_DB", "SQLite database file (default data/frontdesk.db)",
         [](AppConfig& c, const Option&, const std::string& v) { c.db_path = v; }},
        {"--facilities", "FRONTDESK_FACILITIES",
         "facility JSON file or folder of files (default facilities)",
         [](AppConfig& c, const Option&, const std::string& v) { c.facilities_path = v; }},
        {"--assets", "FRONTDESK_ASSETS", "folder of pre-rendered audio prompts (default assets)",
         [](AppConfig& c, const Option&, const std::string& v) { c.assets_path = v; }},
        {"--public-api-key", "PUBLIC_BOOKING_API_KEY",
         "X-API-Key for the public booking API (facility files may add their own)",
         [](AppConfig& c, const Option&, const std::string& v) { c.public_api_key = Secret{v}; }},
        {"--owner-api-key", "OWNER_API_KEY", "Bearer token for the owner API",
         [](AppConfig& c, const Option&, const std::string& v) { c.owner_api_key = Secret{v}; }},
        {"--log-level", "LOG_LEVEL", "trace|debug|info|warn|error|critical|off (default info)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             auto level = parse_log_level(v);
             if (!level) reject(o, v, "is not a log level");
             c.log_level = *level;
         }},
        {"--log-format", "LOG_FORMAT", "text|json (default text)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             if (v == "text") {
                 c.log_format = LogFormat::kText;
             } else if (v == "json") {
                 c.log_format = LogFormat::kJson;
             } else {
                 reject(o, v, "must be text or json");
             }
         }},
        {"--quote-hold-minutes", "FRONTDESK_QUOTE_HOLD_MINUTES",
         "how long a quote holds its slot (default 10)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             c.quote_hold = std::chrono::minutes{parse_int<int>(o, v, 1, 1440)};
         }},
        {"--workers", "FRONTDESK_WORKERS", "worker threads for storage and slow work (default 4)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             c.worker_threads = parse_int<int>(o, v, 1, 256);
         }},
        {"--io-threads", "FRONTDESK_IO_THREADS", "event-loop threads (default 1)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             c.io_threads = parse_int<int>(o, v, 1, 64);
         }},
        {"--max-call-minutes", "FRONTDESK_MAX_CALL_MINUTES",
         "a phone call is ended politely after this long (default 30)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             c.max_call_length = std::chrono::minutes{parse_int<int>(o, v, 1, 240)};
         }},
        {"--idle-prompt-seconds", "FRONTDESK_IDLE_PROMPT_SECONDS",
         "a caller silent this long is asked if they are still there (default 15)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             c.idle_prompt_after = std::chrono::seconds{parse_int<int>(o, v, 5, 300)};
         }},
        {"--shutdown-grace-seconds", "FRONTDESK_SHUTDOWN_GRACE_SECONDS",
         "how long in-flight work may finish on SIGTERM (default 10)",
         [](AppConfig& c, const Option& o, const std::string& v) {
             c.shutdown_grace = std::chrono::seconds{parse_int<int>(o, v, 0, 3600)};
         }},
    };
    return kOptions;
}

const Option* find_flag(std::string_view flag) {
    for (const auto& option : options()) {
        if (option.flag == flag) return &option;
    }
    return nullptr;
}

// Values are echoed in errors, but keys have no format to check, so a secret never is.
void apply_checked(const Option& option, AppConfig& config, const std::string& value) {
    if (value.empty() && option.flag != "--public-api-key" && option.flag != "--owner-api-key") {
        throw ConfigError(std::string{option.env} + " / " + std::string{option.flag} +
                          ": must not be empty");
    }
    option.apply(config, option, value);
}

}  // namespace

EnvLookup process_env() {
    return [](const std::string& name) -> std::optional<std::string> {
        if (const char* value = std::getenv(name.c_str())) return std::string{value};
        return std::nullopt;
    };
}

std::optional<AppConfig> parse_config(const std::vector<std::string>& args, const EnvLookup& env) {
    AppConfig config;
    for (const auto& option : options()) {
        if (auto value = env(std::string{option.env})) apply_checked(option, config, *value);
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") return std::nullopt;
        const auto eq = arg.find('=');
        const std::string flag = arg.substr(0, eq);
        const Option* option = find_flag(flag);
        if (option == nullptr) throw ConfigError("unknown option '" + flag + "' (see --help)");
        std::string value;
        if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw ConfigError(flag + ": needs a value");
        }
        apply_checked(*option, config, value);
    }
    if (config.public_url.empty()) {
        const std::string host = config.host == "0.0.0.0" ? "localhost" : config.host;
        config.public_url = "http://" + host + ":" + std::to_string(config.port);
    }
    return config;
}

std::string config_help() {
    std::string text =
        "frontdesk: answers the phone for sports facilities and books courts.\n\n"
        "Usage: frontdesk [--flag value | --flag=value]...\n"
        "Every flag can also be set through the environment variable shown; a flag wins.\n\n";
    for (const auto& option : options()) {
        text += "  " + std::string{option.flag};
        text.append(option.flag.size() < 26 ? 26 - option.flag.size() : 1, ' ');
        text += std::string{option.env} + "\n      " + std::string{option.help} + "\n";
    }
    text += "\nInvalid configuration or facility files stop start-up with exit code 2.\n";
    return text;
}

}  // namespace frontdesk
