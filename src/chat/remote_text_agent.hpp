#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "chat/text_agent.hpp"
#include "core/error.hpp"

namespace frontdesk::chat {

/// A turn a hosted model could not finish (transport error, timeout, 429, 5xx, a reply it could
/// not read, too many tool rounds). `partial_events` are the tool calls it already made in the
/// turn, with their results: they happened (a booking may exist), so the caller shows and logs
/// them before the fallback agent's answer.
class EngineFailure : public Unavailable {
public:
    EngineFailure(std::string code, const std::string& message, std::vector<AgentEvent> partial)
        : Unavailable(std::move(code), message), partial_events_(std::move(partial)) {}
    [[nodiscard]] const std::vector<AgentEvent>& partial_events() const noexcept {
        return partial_events_;
    }

private:
    std::vector<AgentEvent> partial_events_;
};

/// A text agent backed by a remote model that may fail. respond() throws EngineFailure when it
/// does; the owner then answers the turn with the built-in agent and tells this agent what was
/// answered, so the model's history stays whole for the next turn.
/// Threads: as TextAgent (blocking, one turn at a time).
class RemoteTextAgent : public TextAgent {
public:
    /// The turn that failed was answered by another agent with `reply`.
    virtual void record_answered_elsewhere(const AgentReply& reply) = 0;
};

}  // namespace frontdesk::chat
