// ChatService: the session table (lookup, lazy and swept expiry, close) and the transcript.
#include <utility>
#include <vector>

#include "chat/chat_service.hpp"
#include "chat/chat_session.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"

namespace frontdesk::chat {
namespace {

using booking::ConversationEntry;
using booking::ConversationSpeaker;
using nlohmann::json;

spdlog::logger& log() {
    static const auto instance = logger("chat");
    return *instance;
}

std::string json_text(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// One entry per thing said; a tool call and its result become one kTool entry.
std::vector<ConversationEntry> transcript_of(std::string_view message, const AgentReply& reply,
                                             Instant at) {
    std::vector<ConversationEntry> entries;
    entries.push_back(
        {.speaker = ConversationSpeaker::kUser, .text = std::string{message}, .at = at});
    const AgentEvent* pending_call = nullptr;
    for (const auto& event : reply.events) {
        switch (event.kind) {
            case AgentEvent::Kind::kMessage:
                entries.push_back(
                    {.speaker = ConversationSpeaker::kAgent, .text = event.text, .at = at});
                break;
            case AgentEvent::Kind::kFunctionCall:
                pending_call = &event;
                break;
            case AgentEvent::Kind::kFunctionResult: {
                const bool paired =
                    pending_call != nullptr && pending_call->function_name == event.function_name;
                entries.push_back(
                    {.speaker = ConversationSpeaker::kTool,
                     .tool_name = event.function_name,
                     .tool_arguments = paired ? json_text(pending_call->arguments) : "",
                     .tool_result = json_text(event.result),
                     .at = at});
                pending_call = nullptr;
                break;
            }
        }
    }
    return entries;
}

}  // namespace

bool ChatService::is_idle(const Session& session, Instant now) const noexcept {
    return now.time_since_epoch().count() - session.last_active.load() >=
           settings_.idle_timeout.count();
}

ChatService::SessionPtr ChatService::find_live(std::string_view session_id) {
    SessionPtr session;
    {
        std::lock_guard lock{mutex_};
        const auto found = sessions_.find(session_id);
        if (found != sessions_.end()) session = found->second;
    }
    // Lazy expiry: a session the sweeper has not reached yet is expired on first use.
    if (!session || try_expire(session)) detail::throw_session_not_found(session_id);
    return session;
}

bool ChatService::try_expire(const SessionPtr& session) {
    {
        // A session in the middle of a turn is not idle, whatever its timestamp says.
        std::unique_lock turn{session->turn_mutex, std::try_to_lock};
        if (!turn.owns_lock() || session->closed || !is_idle(*session, clock_.now())) {
            return false;
        }
        session->closed = true;  // under the turn lock: no turn starts after this
    }
    forget(*session);
    finish(*session, "idle_timeout");
    return true;
}

void ChatService::forget(const Session& session) {
    std::lock_guard lock{mutex_};
    const auto found = sessions_.find(session.id);
    if (found != sessions_.end() && found->second.get() == &session) sessions_.erase(found);
}

bool ChatService::close_session(std::string_view session_id, std::string_view reason) {
    SessionPtr session;
    {
        std::lock_guard lock{mutex_};
        const auto found = sessions_.find(session_id);
        if (found == sessions_.end()) return false;
        session = found->second;
    }
    {
        // Waits for a turn in progress: its transcript is written before the end is.
        std::lock_guard turn{session->turn_mutex};
        if (std::exchange(session->closed, true)) return false;
    }
    forget(*session);
    finish(*session, reason);
    return true;
}

std::size_t ChatService::expire_idle() {
    std::vector<SessionPtr> idle;
    const auto now = clock_.now();
    {
        std::lock_guard lock{mutex_};
        for (const auto& entry : sessions_) {
            if (is_idle(*entry.second, now)) idle.push_back(entry.second);
        }
    }
    std::size_t expired = 0;
    for (const auto& session : idle) {
        if (try_expire(session)) ++expired;
    }
    if (expired > 0) log().info("{} idle chat sessions expired", expired);
    return expired;
}

void ChatService::close_all(std::string_view reason) {
    std::vector<std::string> ids;
    {
        std::lock_guard lock{mutex_};
        for (const auto& entry : sessions_) ids.push_back(entry.first);
    }
    for (const auto& id : ids) (void)close_session(id, reason);
}

std::size_t ChatService::session_count() const {
    std::lock_guard lock{mutex_};
    return sessions_.size();
}

void ChatService::record_turn(const Session& session, std::string_view message,
                              const AgentReply& reply) {
    // The customer already has the answer: a transcript that cannot be stored is logged, not
    // turned into a failed turn.
    try {
        log_.append_entries(session.id, transcript_of(message, reply, clock_.now()));
    } catch (const std::exception& e) {
        log().warn("session={} transcript not saved: {}", session.id, e.what());
    }
}

void ChatService::finish(const Session& session, std::string_view reason) noexcept {
    try {
        (void)log_.finish_conversation(session.id, reason, session.metrics(), clock_.now());
        log().info("session={} closed ({}): {} turns, {} tool calls, {} fallback turns", session.id,
                   reason, session.turns, session.tool_calls, session.fallback_turns);
    } catch (const std::exception& e) {
        log().warn("session={} end not saved: {}", session.id, e.what());
    }
}

}  // namespace frontdesk::chat
