#include "booking/conversation_log.hpp"

namespace frontdesk::booking {

std::string_view to_string(ConversationChannel channel) noexcept {
    switch (channel) {
        case ConversationChannel::kChat:
            return "chat";
        case ConversationChannel::kDebug:
            return "debug";
        case ConversationChannel::kTwilio:
            return "twilio";
        case ConversationChannel::kExotel:
            return "exotel";
    }
    return "chat";
}

std::optional<ConversationChannel> parse_conversation_channel(std::string_view text) noexcept {
    for (auto channel : {ConversationChannel::kChat, ConversationChannel::kDebug,
                         ConversationChannel::kTwilio, ConversationChannel::kExotel}) {
        if (to_string(channel) == text) return channel;
    }
    return std::nullopt;
}

std::string_view to_string(ConversationSpeaker speaker) noexcept {
    switch (speaker) {
        case ConversationSpeaker::kUser:
            return "user";
        case ConversationSpeaker::kAgent:
            return "agent";
        case ConversationSpeaker::kTool:
            return "tool";
    }
    return "user";
}

std::optional<ConversationSpeaker> parse_conversation_speaker(std::string_view text) noexcept {
    for (auto speaker :
         {ConversationSpeaker::kUser, ConversationSpeaker::kAgent, ConversationSpeaker::kTool}) {
        if (to_string(speaker) == text) return speaker;
    }
    return std::nullopt;
}

}  // namespace frontdesk::booking
