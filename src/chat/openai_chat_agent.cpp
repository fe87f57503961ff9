#include "chat/openai_chat_agent.hpp"

#include <optional>
#include <utility>

#include "chat/agent_events.hpp"
#include "chat/chat_prompt.hpp"
#include "core/logging.hpp"
#include "net/https_client.hpp"

namespace frontdesk::chat {
namespace {

using nlohmann::json;

spdlog::logger& log() {
    static const auto instance = logger("chat");
    return *instance;
}

// The answer is text the user reads; anything longer than this is cut when it is replayed to
// the model as a fallback summary, so one bad turn cannot blow up every later request.
constexpr std::size_t kMaxReplayedText = 2000;

[[noreturn]] void fail(std::string code, const std::string& message, const AgentReply& so_far) {
    throw EngineFailure(std::move(code), message, so_far.events);
}

std::string string_or_empty(const json& object, const char* field) {
    const auto it = object.find(field);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// The tool_calls we send back: only the fields the API documents for an assistant message,
// whatever else the response carried.
json clean_tool_calls(const json& calls) {
    json cleaned = json::array();
    for (const auto& call : calls) {
        if (!call.is_object()) continue;
        const auto function = call.value("function", json::object());
        if (!function.is_object()) continue;
        cleaned.push_back({{"id", string_or_empty(call, "id")},
                           {"type", "function"},
                           {"function",
                            {{"name", string_or_empty(function, "name")},
                             {"arguments", string_or_empty(function, "arguments")}}}});
    }
    return cleaned;
}

// Arguments arrive as a JSON string that may not be valid JSON (PROTOCOLS.md §8.1).
json parse_arguments(const std::string& text) {
    if (text.empty()) return json::object();
    return json::parse(text, nullptr, false);
}

// choices[0].message of a Chat Completions answer, as the assistant message we send back.
std::optional<json> assistant_message(const std::string& body) {
    const auto parsed = json::parse(body, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("choices")) return std::nullopt;
    const auto& choices = parsed["choices"];
    if (!choices.is_array() || choices.empty() || !choices[0].is_object()) return std::nullopt;
    const auto found = choices[0].find("message");
    if (found == choices[0].end() || !found->is_object()) return std::nullopt;
    const json& message = *found;
    json assistant = {{"role", "assistant"}, {"content", string_or_empty(message, "content")}};
    const auto calls = message.find("tool_calls");
    auto cleaned =
        calls != message.end() && calls->is_array() ? clean_tool_calls(*calls) : json::array();
    if (!cleaned.empty()) {
        assistant["tool_calls"] = std::move(cleaned);
        // Content is null, not "", beside tool calls.
        if (assistant["content"] == "") assistant["content"] = nullptr;
    }
    return assistant;
}

std::string joined_text(const AgentReply& reply) {
    std::string text;
    for (const auto& event : reply.events) {
        if (event.kind != AgentEvent::Kind::kMessage || event.text.empty()) continue;
        if (!text.empty()) text += ' ';
        text += event.text;
    }
    return text;
}

}  // namespace

OpenAiChatAgent::OpenAiChatAgent(const OpenAiChatSettings& settings, net::HttpsClient& http,
                                 const tools::ToolRegistry& tools, tools::ToolContext context,
                                 const std::string& system_prompt)
    : settings_(settings),
      http_(http),
      tools_(tools),
      context_(std::move(context)),
      tool_schemas_(chat_tool_schemas(tools)),
      messages_(json::array({{{"role", "system"}, {"content", system_prompt}}})) {}

AgentReply OpenAiChatAgent::respond(std::string_view user_message) {
    // Work on a copy: only complete rounds (every tool call answered) are kept.
    json messages = messages_;
    messages.push_back({{"role", "user"}, {"content", user_message}});
    AgentReply reply;
    reply.engine = "openai";
    for (int round = 0; round < settings_.max_rounds; ++round) {
        json assistant;
        try {
            assistant = complete(messages, reply);
        } catch (const EngineFailure&) {
            messages_ = std::move(messages);
            trim_history();
            throw;
        }
        messages.push_back(assistant);
        if (assistant.contains("tool_calls")) {
            run_tool_calls(assistant["tool_calls"], reply, messages);
            continue;
        }
        reply.events.push_back(message_event(string_or_empty(assistant, "content")));
        messages_ = std::move(messages);
        trim_history();
        return reply;
    }
    messages_ = std::move(messages);
    trim_history();
    fail("OPENAI_TOO_MANY_ROUNDS", "The model kept calling tools without answering.", reply);
}

json OpenAiChatAgent::request_body(const json& messages) const {
    json body = {{"model", settings_.model}, {"messages", messages}};
    if (!tool_schemas_.empty()) {
        body["tools"] = tool_schemas_;
        body["tool_choice"] = "auto";
    }
    return body;
}

json OpenAiChatAgent::complete(const json& messages, const AgentReply& so_far) const {
    net::HttpsRequest request;
    request.method = "POST";
    request.url = settings_.base_url + "/chat/completions";
    request.headers = {{"Authorization", "Bearer " + settings_.api_key.reveal()},
                       {"Content-Type", "application/json"}};
    request.body = request_body(messages).dump(-1, ' ', false, json::error_handler_t::replace);
    request.connect_timeout = settings_.connect_timeout;
    request.total_timeout = settings_.request_timeout;
    const auto response = http_.send(request);
    if (response.transport_failed()) {
        log().warn("openai chat: no answer ({})", response.error);
        fail("OPENAI_UNAVAILABLE", "The model could not be reached.", so_far);
    }
    if (response.status != 200) {
        // 429 and 5xx are expected now and then; anything else is our bug or a bad key.
        const bool transient = response.status == 429 || response.status >= 500;
        log().log(transient ? spdlog::level::warn : spdlog::level::err,
                  "openai chat: HTTP {} from {}", response.status, settings_.base_url);
        fail(response.status == 429 ? "OPENAI_RATE_LIMITED" : "OPENAI_UNAVAILABLE",
             "The model answered HTTP " + std::to_string(response.status) + ".", so_far);
    }
    auto assistant = assistant_message(response.body);
    if (!assistant) {
        log().warn("openai chat: a 200 answer without choices[0].message");
        fail("OPENAI_BAD_RESPONSE", "The model's answer could not be read.", so_far);
    }
    return std::move(*assistant);
}

void OpenAiChatAgent::run_tool_calls(const json& tool_calls, AgentReply& reply,
                                     json& messages) const {
    for (const auto& call : tool_calls) {
        const auto& function = call["function"];
        const auto name = function["name"].get<std::string>();
        auto arguments = parse_arguments(function["arguments"].get<std::string>());
        tools::ToolResult result;
        if (arguments.is_discarded() || !arguments.is_object()) {
            arguments = function["arguments"];  // shown as sent
            result = tools::tool_error("INVALID_ARGUMENTS", "Arguments must be a JSON object.");
        } else if (!is_chat_tool(name)) {
            result = tools::tool_error("UNKNOWN_TOOL", "There is no tool named '" + name + "'.");
        } else {
            result = tools_.call(name, arguments, context_);
        }
        reply.events.push_back(function_call_event(name, arguments));
        reply.events.push_back(function_result_event(name, result.output));
        messages.push_back(
            {{"role", "tool"},
             {"tool_call_id", call["id"]},
             {"content", result.output.dump(-1, ' ', false, json::error_handler_t::replace)}});
    }
}

void OpenAiChatAgent::record_answered_elsewhere(const AgentReply& reply) {
    std::string content = joined_text(reply);
    for (const auto& event : reply.events) {
        if (event.kind != AgentEvent::Kind::kFunctionResult) continue;
        content += "\n[" + event.function_name + " result: " + event.result.dump() + "]";
    }
    if (content.size() > kMaxReplayedText) content.resize(kMaxReplayedText);
    messages_.push_back({{"role", "assistant"}, {"content", content}});
    trim_history();
}

void OpenAiChatAgent::trim_history() {
    const std::size_t limit = settings_.max_history_messages + 1;  // + the system prompt
    if (messages_.size() <= limit) return;
    // Cut at a user message so no tool message loses the assistant message that asked for it.
    std::size_t cut = messages_.size() - settings_.max_history_messages;
    while (cut < messages_.size() && messages_[cut].value("role", "") != "user") ++cut;
    if (cut >= messages_.size()) return;
    messages_.erase(messages_.begin() + 1, messages_.begin() + static_cast<std::ptrdiff_t>(cut));
}

}  // namespace frontdesk::chat
