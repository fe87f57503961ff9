#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "booking/conversation_log.hpp"
#include "chat/text_agent.hpp"

// JSON renderings shared by POST /chat, the /realtime debug socket and the owner's
// conversation routes. Pure; any thread.
namespace frontdesk::api {

/// {"type": message_type, "text"} for a message, {"type":"function_call","function_name",
/// "arguments"} and {"type":"function_result","function_name","result"} for tool events.
/// /chat calls messages "message", the debug socket "agent_message".
[[nodiscard]] nlohmann::json agent_event_json(const chat::AgentEvent& event,
                                              std::string_view message_type);

/// POST /chat's answer: {"session_id","reply","events":[…],"engine"}.
[[nodiscard]] nlohmann::json chat_turn_json(const std::string& session_id,
                                            const chat::AgentReply& reply);

/// A conversation header for the owner API (times RFC 3339 UTC, metrics parsed).
[[nodiscard]] nlohmann::json conversation_json(const booking::Conversation& conversation);
/// One transcript entry; tool arguments and results parsed back into JSON.
[[nodiscard]] nlohmann::json conversation_entry_json(const booking::ConversationEntry& entry);

}  // namespace frontdesk::api
