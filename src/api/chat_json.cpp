#include "api/chat_json.hpp"

#include "core/time_zone.hpp"

namespace frontdesk::api {
namespace {

using nlohmann::json;

// Stored JSON text back as JSON; text we did not write as JSON stays a string.
json stored_json(const std::string& text) {
    if (text.empty()) return nullptr;
    auto parsed = json::parse(text, nullptr, false);
    return parsed.is_discarded() ? json(text) : parsed;
}

}  // namespace

json agent_event_json(const chat::AgentEvent& event, std::string_view message_type) {
    switch (event.kind) {
        case chat::AgentEvent::Kind::kMessage:
            return {{"type", message_type}, {"text", event.text}};
        case chat::AgentEvent::Kind::kFunctionCall:
            return {{"type", "function_call"},
                    {"function_name", event.function_name},
                    {"arguments", event.arguments}};
        case chat::AgentEvent::Kind::kFunctionResult:
            return {{"type", "function_result"},
                    {"function_name", event.function_name},
                    {"result", event.result}};
    }
    return json::object();
}

json chat_turn_json(const std::string& session_id, const chat::AgentReply& reply) {
    json events = json::array();
    for (const auto& event : reply.events) events.push_back(agent_event_json(event, "message"));
    return {{"session_id", session_id},
            {"reply", reply.text()},
            {"events", std::move(events)},
            {"engine", reply.engine}};
}

json conversation_json(const booking::Conversation& conversation) {
    return {
        {"conversation_id", conversation.id},
        {"channel", booking::to_string(conversation.channel)},
        {"facility_id", conversation.facility_id},
        {"caller", conversation.caller},
        {"external_id", conversation.external_id},
        {"started_at", format_rfc3339_utc(conversation.started_at)},
        {"ended_at",
         conversation.ended_at ? json(format_rfc3339_utc(*conversation.ended_at)) : json(nullptr)},
        {"end_reason", conversation.end_reason ? json(*conversation.end_reason) : json(nullptr)},
        {"metrics", stored_json(conversation.metrics_json)},
        {"entry_count", conversation.entry_count}};
}

json conversation_entry_json(const booking::ConversationEntry& entry) {
    json out = {{"seq", entry.seq},
                {"speaker", booking::to_string(entry.speaker)},
                {"at", format_rfc3339_utc(entry.at)}};
    if (!entry.text.empty()) out["text"] = entry.text;
    if (!entry.tool_name.empty()) {
        out["tool_name"] = entry.tool_name;
        out["arguments"] = stored_json(entry.tool_arguments);
        out["result"] = stored_json(entry.tool_result);
    }
    return out;
}

}  // namespace frontdesk::api
