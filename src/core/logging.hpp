#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include <spdlog/spdlog.h>

namespace frontdesk {

enum class LogFormat { kText, kJson };

/// Creates one logger per module ("app", "net", "booking", "api", …) sharing an async sink that
/// drops the oldest line when full, so logging never blocks an event loop. Call once from main
/// (tests may skip it: `logger()` then falls back to a default stderr logger).
void setup_logging(spdlog::level::level_enum level, LogFormat format);

/// The module's logger. Look it up once per translation unit (spdlog::get takes a lock).
[[nodiscard]] std::shared_ptr<spdlog::logger> logger(std::string_view module);

/// Parses "trace|debug|info|warn|error|critical|off"; nullopt otherwise.
[[nodiscard]] std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text);

}  // namespace frontdesk
