// frontdesk: parse the configuration, set up logging, run the App. Exit codes: 0 after a clean
// stop, 1 when the server failed while running, 2 for unusable configuration.
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "booking/facility_directory.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"

int main(int argc, char** argv) {
    constexpr int kBadConfig = 2;
    std::optional<frontdesk::AppConfig> config;
    try {
        config = frontdesk::parse_config(std::vector<std::string>(argv + 1, argv + argc),
                                         frontdesk::process_env());
    } catch (const frontdesk::ConfigError& e) {
        std::fprintf(stderr, "frontdesk: invalid configuration: %s\n", e.what());
        return kBadConfig;
    }
    if (!config) {
        std::fputs(frontdesk::config_help().c_str(), stdout);
        return 0;
    }
    frontdesk::setup_logging(config->log_level, config->log_format);
    auto log = frontdesk::logger("app");
    int code = 1;
    try {
        code = frontdesk::app::App{*config}.run();
    } catch (const frontdesk::booking::FacilityConfigError& e) {
        log->critical("invalid facility configuration: {}", e.what());
        code = kBadConfig;
    } catch (const frontdesk::ConfigError& e) {
        // Settings read by the modules themselves (OPENAI_*, TWILIO_*, GOOGLE_*, CHAT_*).
        log->critical("invalid configuration: {}", e.what());
        code = kBadConfig;
    } catch (const frontdesk::Error& e) {
        log->critical("{}: {}", e.code(), e.what());
    } catch (const std::exception& e) {
        log->critical("fatal: {}", e.what());
    }
    spdlog::shutdown();  // flush the async sink before exiting
    return code;
}
