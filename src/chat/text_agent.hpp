#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace frontdesk::chat {

/// One thing an agent did during a turn, in order: said something, or called a tool and got
/// its result. What /chat returns and what the /realtime debug websocket streams.
struct AgentEvent {
    enum class Kind { kMessage, kFunctionCall, kFunctionResult };
    Kind kind = Kind::kMessage;
    std::string text;           // kMessage
    std::string function_name;  // kFunctionCall / kFunctionResult
    nlohmann::json arguments;   // kFunctionCall
    nlohmann::json result;      // kFunctionResult
};

/// The agent's answer to one user message.
struct AgentReply {
    std::vector<AgentEvent> events;
    std::string engine;  // "builtin" or "openai": who actually answered this turn

    /// The agent's messages of this turn joined with a space.
    [[nodiscard]] std::string text() const;
};

/// A text agent holding one conversation's state (the built-in agent's dialogue state, or the
/// OpenAI message list). One turn at a time.
///
/// Threads: respond() blocks (tools hit the store; the OpenAI agent does HTTPS), so it runs on
/// the worker pool; the owner serialises turns of one conversation.
class TextAgent {
public:
    virtual ~TextAgent() = default;
    /// Never throws for bad user input; may throw frontdesk::Unavailable when its engine is
    /// down (the caller then falls back to the built-in agent).
    [[nodiscard]] virtual AgentReply respond(std::string_view user_message) = 0;
};

}  // namespace frontdesk::chat
