#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "chat/text_agent.hpp"

// Builders for AgentEvent (its fields have no default initialisers, so designated initialisers
// that leave some out trip -Wmissing-field-initializers).
namespace frontdesk::chat {

[[nodiscard]] inline AgentEvent message_event(std::string text) {
    AgentEvent event;
    event.kind = AgentEvent::Kind::kMessage;
    event.text = std::move(text);
    return event;
}

[[nodiscard]] inline AgentEvent function_call_event(std::string name, nlohmann::json arguments) {
    AgentEvent event;
    event.kind = AgentEvent::Kind::kFunctionCall;
    event.function_name = std::move(name);
    event.arguments = std::move(arguments);
    return event;
}

[[nodiscard]] inline AgentEvent function_result_event(std::string name, nlohmann::json result) {
    AgentEvent event;
    event.kind = AgentEvent::Kind::kFunctionResult;
    event.function_name = std::move(name);
    event.result = std::move(result);
    return event;
}

}  // namespace frontdesk::chat
