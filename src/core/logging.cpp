#include "core/logging.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include <spdlog/async.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace frontdesk {
namespace {

constexpr std::string_view kModules[] = {"app",      "core",      "net",      "booking",
                                         "api",      "media",     "calendar", "tools",
                                         "realtime", "telephony", "chat"};
constexpr std::size_t kAsyncQueueLines = 8192;

std::mutex g_setup_mutex;
// The configured level, for loggers of modules created after set-up (spdlog's global level
// lives on its default logger, which set-up drops).
std::atomic<int> g_level{spdlog::level::info};

/// "%*" in the JSON pattern: the message escaped as a JSON string body, so a quote or a newline
/// in a log message cannot break the line's JSON.
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        static constexpr char kHex[] = "0123456789abcdef";
        for (const char c : std::string_view{msg.payload.data(), msg.payload.size()}) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                dest.push_back('\\');
                dest.push_back(c);
            } else if (byte < 0x20) {
                const char escaped[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
                dest.append(escaped, escaped + sizeof escaped);
            } else {
                dest.push_back(c);
            }
        }
    }
    [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<JsonEscapedMessage>();
    }
};

}  // namespace

void setup_logging(spdlog::level::level_enum level, LogFormat format) {
    std::lock_guard lock{g_setup_mutex};
    spdlog::drop_all();
    spdlog::init_thread_pool(kAsyncQueueLines, 1);
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    if (format == LogFormat::kJson) {
        auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
        formatter->add_flag<JsonEscapedMessage>('*').set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","module":"%n","msg":"%*"})");
        sink->set_formatter(std::move(formatter));
    } else {
        sink->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%n] %v");
    }
    for (std::string_view module : kModules) {
        auto log =
            std::make_shared<spdlog::async_logger>(std::string{module}, sink, spdlog::thread_pool(),
                                                   spdlog::async_overflow_policy::overrun_oldest);
        log->set_level(level);
        spdlog::register_logger(log);
    }
    g_level = level;
}

std::shared_ptr<spdlog::logger> logger(std::string_view module) {
    if (auto found = spdlog::get(std::string{module})) return found;
    std::lock_guard lock{g_setup_mutex};
    if (auto found = spdlog::get(std::string{module})) return found;
    auto log = spdlog::stderr_color_mt(std::string{module});
    log->set_level(static_cast<spdlog::level::level_enum>(g_level.load()));
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
