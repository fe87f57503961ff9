#pragma once
// Private to chat_service*.cpp: one session's state.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chat/chat_service.hpp"
#include "core/error.hpp"

namespace frontdesk::chat {
namespace detail {

[[noreturn]] inline void throw_session_not_found(std::string_view session_id) {
    throw NotFound("SESSION_NOT_FOUND",
                   "Chat session '" + std::string{session_id} +
                       "' does not exist or has expired; start a new conversation by sending "
                       "the message without a session_id.");
}

[[nodiscard]] inline std::int64_t unix_seconds(Instant t) noexcept {
    return t.time_since_epoch().count();
}

}  // namespace detail

/// One conversation. Everything but `last_active` is guarded by `turn_mutex`, which each turn
/// holds from start to end; `last_active` is read by the sweeper without it.
struct ChatService::Session {
    Session(std::string session_id, const booking::Facility& for_facility,
            booking::ConversationChannel on_channel, tools::ToolContext tool_context)
        : id(std::move(session_id)),
          facility(for_facility),
          channel(on_channel),
          context(std::move(tool_context)) {}

    const std::string id;
    const booking::Facility& facility;  // owned by the directory, which outlives the service
    const booking::ConversationChannel channel;
    const tools::ToolContext context;
    std::atomic<std::int64_t> last_active{0};  // unix seconds

    std::mutex turn_mutex;
    std::unique_ptr<RemoteTextAgent> remote;  // null without a hosted model
    std::unique_ptr<TextAgent> builtin;       // built on first need
    bool closed = false;
    int turns = 0;
    int tool_calls = 0;
    int fallback_turns = 0;

    void touch(Instant now) noexcept { last_active.store(detail::unix_seconds(now)); }
    [[nodiscard]] std::string metrics() const {
        return nlohmann::json{{"turns", turns},
                              {"tool_calls", tool_calls},
                              {"fallback_turns", fallback_turns},
                              {"engine", remote ? "openai" : "builtin"}}
            .dump();
    }
};

}  // namespace frontdesk::chat
