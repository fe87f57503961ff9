#include "chat/text_agent.hpp"

namespace frontdesk::chat {

std::string AgentReply::text() const {
    std::string text;
    for (const auto& event : events) {
        if (event.kind != AgentEvent::Kind::kMessage || event.text.empty()) continue;
        if (!text.empty()) text += ' ';
        text += event.text;
    }
    return text;
}

}  // namespace frontdesk::chat
