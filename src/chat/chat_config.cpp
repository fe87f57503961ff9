#include "chat/chat_config.hpp"

#include <charconv>
#include <string>

namespace frontdesk::chat {
namespace {

constexpr int kMaxIdleMinutes = 24 * 60;

std::string non_empty(const EnvLookup& env, const char* name, std::string fallback) {
    auto value = env(name);
    return value && !value->empty() ? *value : fallback;
}

std::chrono::seconds idle_timeout(const EnvLookup& env) {
    const auto text = env("CHAT_SESSION_IDLE_MINUTES");
    if (!text || text->empty()) return ChatSettings{}.idle_timeout;
    int minutes = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, minutes);
    if (ec != std::errc{} || ptr != end || minutes < 1 || minutes > kMaxIdleMinutes) {
        throw ConfigError("CHAT_SESSION_IDLE_MINUTES: '" + *text +
                          "' must be a whole number of minutes from 1 to 1440");
    }
    return std::chrono::minutes{minutes};
}

std::string base_url(const EnvLookup& env) {
    auto url = non_empty(env, "OPENAI_BASE_URL", "https://api.openai.com/v1");
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
        throw ConfigError("OPENAI_BASE_URL: '" + url + "' must start with https://");
    }
    return url;
}

}  // namespace

ChatConfig chat_config_from_env(const EnvLookup& env) {
    ChatConfig config;
    config.settings.idle_timeout = idle_timeout(env);
    config.settings.api_key = Secret{non_empty(env, "CHAT_API_KEY", "")};
    const auto key = non_empty(env, "OPENAI_API_KEY", "");
    if (!key.empty()) {
        OpenAiChatSettings openai;
        openai.api_key = Secret{key};
        openai.base_url = base_url(env);
        openai.model = non_empty(env, "OPENAI_CHAT_MODEL", openai.model);
        config.openai = std::move(openai);
    }
    return config;
}

}  // namespace frontdesk::chat
