#pragma once
// Private to the call_session*.cpp files, which are one class split by concern: what they share.

#include <string_view>

#include <spdlog/logger.h>

#include "core/logging.hpp"

namespace frontdesk::realtime::detail {

/// The "realtime" logger the call session writes to.
inline spdlog::logger& log() {
    static const auto instance = logger("realtime");
    return *instance;
}

/// The mark the bridge sends after its last words (goodbye, apology); the playout tracker never
/// issues this name.
inline constexpr std::string_view kGoodbyeMark = "rt-goodbye";

}  // namespace frontdesk::realtime::detail
