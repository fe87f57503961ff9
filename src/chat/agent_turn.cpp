#include "chat/agent_turn.hpp"

namespace frontdesk::chat {

nlohmann::json AgentTurn::call(std::string_view name, const nlohmann::json& arguments) {
    AgentEvent call_event;
    call_event.kind = AgentEvent::Kind::kFunctionCall;
    call_event.function_name = std::string{name};
    call_event.arguments = arguments;
    events_.push_back(std::move(call_event));

    auto result = tools_.call(name, arguments, context_);
    AgentEvent result_event;
    result_event.kind = AgentEvent::Kind::kFunctionResult;
    result_event.function_name = std::string{name};
    result_event.result = result.output;
    events_.push_back(std::move(result_event));
    return std::move(result.output);
}

void AgentTurn::say(std::string_view text) {
    if (text.empty()) return;
    if (!text_.empty()) text_ += ' ';
    text_ += text;
}

AgentReply AgentTurn::finish() {
    AgentReply reply;
    reply.engine = "builtin";
    reply.events = std::move(events_);
    AgentEvent message;
    message.kind = AgentEvent::Kind::kMessage;
    message.text = std::move(text_);
    reply.events.push_back(std::move(message));
    return reply;
}

}  // namespace frontdesk::chat
