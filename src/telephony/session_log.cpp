#include "telephony/session_log.hpp"

#include "core/logging.hpp"

namespace frontdesk::telephony::detail {

spdlog::logger& telephony_log() {
    static const auto instance = logger("telephony");
    return *instance;
}

}  // namespace frontdesk::telephony::detail
