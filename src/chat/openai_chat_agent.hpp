#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chat/remote_text_agent.hpp"
#include "core/secret.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::net {
class HttpsClient;
}  // namespace frontdesk::net

namespace frontdesk::chat {

struct OpenAiChatSettings {
    Secret api_key{};                                    // OPENAI_API_KEY; never logged
    std::string base_url = "https://api.openai.com/v1";  // OPENAI_BASE_URL, no trailing slash
    std::string model = "gpt-4o-mini";                   // OPENAI_CHAT_MODEL
    /// Model calls per user message: tool rounds plus the answer. A model still calling tools
    /// after this many is treated as failing (the built-in agent answers).
    int max_rounds = 6;
    std::chrono::milliseconds connect_timeout{3000};
    /// One Chat Completions request; a turn may take max_rounds of them.
    std::chrono::milliseconds request_timeout{20000};
    /// Messages kept besides the system prompt; older turns are dropped whole.
    std::size_t max_history_messages = 80;
};

/// A TextAgent on OpenAI Chat Completions tool calling (PROTOCOLS.md §8.1): POST
/// {base_url}/chat/completions with the conversation and the chat tools; every tool_call is run
/// through the ToolRegistry with this conversation's context and answered with a "tool"
/// message; then the model is asked again, until it answers in text or max_rounds is reached.
///
/// A failed turn (EngineFailure) leaves the history with the user's message and every tool
/// round that completed, so nothing the tools did is forgotten; record_answered_elsewhere()
/// then adds the fallback's answer.
///
/// Threads: respond() blocks on HTTPS and the store: worker pool only, one turn at a time.
/// Borrows the settings, the HTTPS client and the registry (the composition root keeps them
/// alive longer than every conversation); owns its message history and tool context.
class OpenAiChatAgent final : public RemoteTextAgent {
public:
    OpenAiChatAgent(const OpenAiChatSettings& settings, net::HttpsClient& http,
                    const tools::ToolRegistry& tools, tools::ToolContext context,
                    const std::string& system_prompt);

    /// Throws EngineFailure (see RemoteTextAgent); never for what the user wrote.
    [[nodiscard]] AgentReply respond(std::string_view user_message) override;
    void record_answered_elsewhere(const AgentReply& reply) override;

    /// The conversation as it would be sent next (system prompt first). For tests.
    [[nodiscard]] const nlohmann::json& messages() const noexcept { return messages_; }

private:
    /// One Chat Completions call; the assistant message, cleaned to what we send back.
    [[nodiscard]] nlohmann::json complete(const nlohmann::json& messages,
                                          const AgentReply& so_far) const;
    [[nodiscard]] nlohmann::json request_body(const nlohmann::json& messages) const;
    /// Runs each tool call, appending events to `reply` and "tool" messages to `messages`.
    void run_tool_calls(const nlohmann::json& tool_calls, AgentReply& reply,
                        nlohmann::json& messages) const;
    void trim_history();

    const OpenAiChatSettings& settings_;
    net::HttpsClient& http_;
    const tools::ToolRegistry& tools_;
    tools::ToolContext context_;
    nlohmann::json tool_schemas_;  // computed once per conversation
    nlohmann::json messages_;      // system prompt first, then the conversation
};

}  // namespace frontdesk::chat
