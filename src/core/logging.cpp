#include "core/logging.hpp"

#include <mutex>
#include <optional>
#include <string>

#include <spdlog/async.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace frontdesk {
namespace {

constexpr std::string_view kModules[] = {"app",   "core",     "net",   "booking", "api",
                                         "media", "calendar", "tools", "realtime", "telephony"};
constexpr std::size_t kAsyncQueueLines = 8192;

std::mutex g_setup_mutex;

}  // namespace

void setup_logging(spdlog::level::level_enum level, LogFormat format) {
    std::lock_guard lock{g_setup_mutex};
    spdlog::drop_all();
    spdlog::init_thread_pool(kAsyncQueueLines, 1);
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    if (format == LogFormat::kJson) {
        sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","module":"%n","msg":"%v"})",
            spdlog::pattern_time_type::utc));
    } else {
        sink->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%n] %v");
    }
    for (std::string_view module : kModules) {
        auto log = std::make_shared<spdlog::async_logger>(
            std::string{module}, sink, spdlog::thread_pool(),
            spdlog::async_overflow_policy::overrun_oldest);
        log->set_level(level);
        spdlog::register_logger(log);
    }
    spdlog::set_level(level);
}

std::shared_ptr<spdlog::logger> logger(std::string_view module) {
    if (auto found = spdlog::get(std::string{module})) return found;
    std::lock_guard lock{g_setup_mutex};
    if (auto found = spdlog::get(std::string{module})) return found;
    auto log = spdlog::stderr_color_mt(std::string{module});
    log->set_level(spdlog::get_level());
    return log;
}

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text) {
    for (int i = spdlog::level::trace; i <= spdlog::level::off; ++i) {
        const auto level = static_cast<spdlog::level::level_enum>(i);
        if (spdlog::level::to_string_view(level) == text) return level;
    }
    if (text == "warn") return spdlog::level::warn;
    return std::nullopt;
}

}  // namespace frontdesk
