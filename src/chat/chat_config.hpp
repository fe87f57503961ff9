#pragma once

#include <optional>

#include "chat/chat_service.hpp"
#include "chat/openai_chat_agent.hpp"
#include "core/config.hpp"

namespace frontdesk::chat {

/// The text-chat configuration, read from the environment by the composition root.
struct ChatConfig {
    ChatSettings settings{};
    std::optional<OpenAiChatSettings> openai{};  // set when OPENAI_API_KEY is
};

/// Reads OPENAI_API_KEY, OPENAI_BASE_URL (default https://api.openai.com/v1),
/// OPENAI_CHAT_MODEL (default gpt-4o-mini), CHAT_API_KEY and CHAT_SESSION_IDLE_MINUTES
/// (1..1440, default 30). Throws ConfigError naming the variable for a bad value.
[[nodiscard]] ChatConfig chat_config_from_env(const EnvLookup& env);

}  // namespace frontdesk::chat
