#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chat/text_agent.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::chat {

/// One turn of the built-in agent being built: every tool call is made through here, so it
/// appears in the reply as a kFunctionCall and a kFunctionResult event (arguments and result as
/// sent and received), and the sentences said are joined into one message at the end.
/// Lives on the stack of one respond() call; borrows the registry and the context.
class AgentTurn {
public:
    AgentTurn(const tools::ToolRegistry& tools, const tools::ToolContext& context) noexcept
        : tools_(tools), context_(context) {}

    /// Runs a tool (never throws: failures come back as {"ok": false, "error": …}).
    [[nodiscard]] nlohmann::json call(std::string_view name, const nlohmann::json& arguments);

    /// Adds a sentence (or several) to this turn's message.
    void say(std::string_view text);

    [[nodiscard]] bool said_anything() const noexcept { return !text_.empty(); }

    /// The events of the turn, the message last.
    [[nodiscard]] AgentReply finish();

private:
    const tools::ToolRegistry& tools_;
    const tools::ToolContext& context_;
    std::vector<AgentEvent> events_;
    std::string text_;
};

}  // namespace frontdesk::chat
