#pragma once
// Internal to telephony: the module's logger, looked up once.

#include <spdlog/logger.h>

namespace frontdesk::telephony::detail {

[[nodiscard]] spdlog::logger& telephony_log();

}  // namespace frontdesk::telephony::detail
