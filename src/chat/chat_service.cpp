#include "chat/chat_service.hpp"

#include <stdexcept>
#include <utility>

#include "chat/chat_session.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/logging.hpp"

namespace frontdesk::chat {
namespace {

using booking::ConversationChannel;

spdlog::logger& log() {
    static const auto instance = logger("chat");
    return *instance;
}

void check_message(std::string_view message, std::size_t max_bytes) {
    if (message.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw InvalidArgument("MISSING_FIELD", "Field 'message' must not be empty.");
    }
    if (message.size() > max_bytes) {
        throw InvalidArgument("MESSAGE_TOO_LONG", "Field 'message' may be at most " +
                                                      std::to_string(max_bytes) + " bytes.");
    }
}

std::string caller_of(const ChatCustomer& customer) {
    return customer.phone.empty() ? customer.email : customer.phone;
}

}  // namespace

ChatService::ChatService(const booking::FacilityDirectory& facilities,
                         const tools::ToolRegistry& tools, booking::ConversationLog& log,
                         const Clock& clock, ChatEngines engines, ChatSettings settings)
    : facilities_(facilities),
      tools_(tools),
      log_(log),
      clock_(clock),
      engines_(std::move(engines)),
      settings_(std::move(settings)) {
    if (!engines_.builtin) throw std::invalid_argument("ChatService needs a built-in agent");
}

ChatService::~ChatService() = default;

ChatTurn ChatService::chat(const ChatRequest& request) {
    if (request.facility_id.empty()) {
        throw InvalidArgument("MISSING_FIELD", "Field 'facility_id' is required.");
    }
    check_message(request.message, settings_.max_message_bytes);
    const auto& facility = facilities_.get(request.facility_id);
    std::string session_id;
    if (request.session_id) {
        const auto session = find_live(*request.session_id);
        if (session->facility.id != facility.id) {
            throw InvalidArgument("SESSION_FACILITY_MISMATCH", "Chat session '" + session->id +
                                                                   "' belongs to facility '" +
                                                                   session->facility.id + "'.");
        }
        session_id = session->id;
    } else {
        session_id = open_session(facility.id, ConversationChannel::kChat, request.customer);
    }
    return ChatTurn{session_id, respond(session_id, request.message)};
}

std::string ChatService::open_session(std::string_view facility_id, ConversationChannel channel,
                                      const ChatCustomer& customer) {
    const auto& facility = facilities_.get(facility_id);
    if (session_count() >= settings_.max_sessions && expire_idle() == 0 &&
        session_count() >= settings_.max_sessions) {
        throw Unavailable("CHAT_BUSY", "Too many open chat sessions; please try again later.");
    }
    const std::string source = channel == ConversationChannel::kDebug ? "debug" : "chat";
    auto session = std::make_shared<Session>(
        new_id("chat"), facility, channel,
        tools::ToolContext{
            .facility_id = facility.id, .caller_phone = customer.phone, .source = source});
    if (engines_.remote) session->remote = engines_.remote(session->context, facility, customer);
    if (!session->remote) session->builtin = engines_.builtin(session->context, facility);
    const auto now = clock_.now();
    session->touch(now);
    log_.start_conversation({.id = session->id,
                             .channel = channel,
                             .facility_id = facility.id,
                             .caller = caller_of(customer),
                             .started_at = now});
    {
        std::lock_guard lock{mutex_};
        sessions_.emplace(session->id, session);
    }
    log().info("session={} facility={} channel={} opened (engine {})", session->id, facility.id,
               booking::to_string(channel), session->remote ? "openai" : "builtin");
    return session->id;
}

AgentReply ChatService::respond(std::string_view session_id, std::string_view message) {
    check_message(message, settings_.max_message_bytes);
    const auto session = find_live(session_id);
    std::lock_guard turn{session->turn_mutex};
    if (session->closed) detail::throw_session_not_found(session_id);
    session->touch(clock_.now());
    auto reply = run_turn(*session, message);
    ++session->turns;
    for (const auto& event : reply.events) {
        if (event.kind == AgentEvent::Kind::kFunctionCall) ++session->tool_calls;
    }
    session->touch(clock_.now());
    record_turn(*session, message, reply);
    log().debug("session={} turn {} answered by {} ({} events)", session->id, session->turns,
                reply.engine, reply.events.size());
    return reply;
}

AgentReply ChatService::run_turn(Session& session, std::string_view message) {
    if (!session.remote) return fall_back(session, message, nullptr);
    try {
        return session.remote->respond(message);
    } catch (const EngineFailure& failure) {
        return fall_back(session, message, &failure);
    } catch (const Error& error) {
        // Not the documented failure, but the customer still gets an answer.
        const EngineFailure failure{error.code(), error.what(), {}};
        return fall_back(session, message, &failure);
    }
}

AgentReply ChatService::fall_back(Session& session, std::string_view message,
                                  const EngineFailure* failure) {
    if (!session.builtin) session.builtin = engines_.builtin(session.context, session.facility);
    auto answer = session.builtin->respond(message);
    answer.engine = "builtin";
    if (failure == nullptr) return answer;
    ++session.fallback_turns;
    log().warn("session={} hosted model failed ({}): the built-in agent answers this turn",
               session.id, failure->code());
    session.remote->record_answered_elsewhere(answer);
    // What the model did before failing happened (a booking may exist): it comes first.
    AgentReply reply;
    reply.engine = "builtin";
    reply.events = failure->partial_events();
    reply.events.insert(reply.events.end(), std::make_move_iterator(answer.events.begin()),
                        std::make_move_iterator(answer.events.end()));
    return reply;
}

tools::ToolResult ChatService::run_tool(std::string_view session_id, std::string_view name,
                                        const nlohmann::json& arguments) {
    const auto session = find_live(session_id);
    std::lock_guard turn{session->turn_mutex};
    if (session->closed) detail::throw_session_not_found(session_id);
    session->touch(clock_.now());
    auto result = is_chat_tool(name)
                      ? tools_.call(name, arguments, session->context)
                      : tools::tool_error("UNKNOWN_TOOL",
                                          "There is no tool named '" + std::string{name} + "'.");
    ++session->tool_calls;
    log().info("session={} tool {} ({})", session->id, name, result.ok() ? "ok" : "failed");
    try {
        const booking::ConversationEntry entry{
            .speaker = booking::ConversationSpeaker::kTool,
            .tool_name = std::string{name},
            .tool_arguments =
                arguments.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
            .tool_result =
                result.output.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
            .at = clock_.now()};
        log_.append_entries(session->id, {&entry, 1});
    } catch (const std::exception& e) {
        log().warn("session={} transcript not saved: {}", session->id, e.what());
    }
    return result;
}

}  // namespace frontdesk::chat
