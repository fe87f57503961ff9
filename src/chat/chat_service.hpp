#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "booking/conversation_log.hpp"
#include "booking/facility_directory.hpp"
#include "chat/chat_prompt.hpp"
#include "chat/remote_text_agent.hpp"
#include "chat/text_agent.hpp"
#include "core/clock.hpp"
#include "core/secret.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::chat {

struct ChatSettings {
    /// A session with no turn for this long is finished ("idle_timeout") and forgotten.
    std::chrono::seconds idle_timeout = std::chrono::minutes{30};
    /// Open sessions at most; beyond, new ones are refused with CHAT_BUSY (503).
    std::size_t max_sessions = 10000;
    /// Longest user message accepted (bytes); longer is MESSAGE_TOO_LONG (400).
    std::size_t max_message_bytes = 4000;
    /// CHAT_API_KEY: when set, POST /chat needs it in X-API-Key. Empty: /chat is open (seed).
    Secret api_key{};
};

/// Builds the built-in agent of a conversation (chat::BuiltinAgent in the app).
using AgentFactory =
    std::function<std::unique_ptr<TextAgent>(const tools::ToolContext&, const booking::Facility&)>;
/// Builds the hosted-model agent of a conversation (OpenAiChatAgent when a key is set).
using RemoteAgentFactory = std::function<std::unique_ptr<RemoteTextAgent>(
    const tools::ToolContext&, const booking::Facility&, const ChatCustomer&)>;

struct ChatEngines {
    AgentFactory builtin{};       // required: answers alone, or when the remote engine fails
    RemoteAgentFactory remote{};  // optional: tried first for every turn when set
};

struct ChatRequest {
    std::string facility_id{};
    std::optional<std::string> session_id{};  // none: a new session
    std::string message{};
    ChatCustomer customer{};  // used when a session is opened
};

struct ChatTurn {
    std::string session_id{};
    AgentReply reply{};
};

/// Text conversations: sessions by id ("chat_…"), each with its facility, customer, agents and
/// a mutex serialising its turns. Every turn (the user's message, the agent's messages, each
/// tool call with its result) goes to the ConversationLog under the session id; a session idle
/// for settings.idle_timeout is finished there ("idle_timeout") and forgotten, by
/// expire_idle() (a timer in the app) or lazily when it is next used.
///
/// Engines: with a remote factory each turn goes to the hosted model first; when it fails the
/// built-in agent answers that turn (reply.engine "builtin") and the model is told what was
/// answered. Without one, the built-in agent answers every turn.
///
/// Threads: any thread but an event loop's (turns block on the store and on HTTPS); internally
/// synchronised, turns of different sessions run in parallel. Borrows the directory, registry,
/// log and clock: the composition root keeps them alive longer than the service.
class ChatService {
public:
    ChatService(const booking::FacilityDirectory& facilities, const tools::ToolRegistry& tools,
                booking::ConversationLog& log, const Clock& clock, ChatEngines engines,
                ChatSettings settings);
    ~ChatService();
    ChatService(const ChatService&) = delete;
    ChatService& operator=(const ChatService&) = delete;

    /// POST /chat: opens a session when none is named, then runs the turn. Throws
    /// InvalidArgument (MISSING_FIELD, MESSAGE_TOO_LONG, SESSION_FACILITY_MISMATCH),
    /// NotFound (FACILITY_NOT_FOUND, SESSION_NOT_FOUND for unknown or expired sessions),
    /// Unavailable (CHAT_BUSY, store errors).
    [[nodiscard]] ChatTurn chat(const ChatRequest& request);

    /// Opens a session and writes its conversation header; returns its id.
    /// FACILITY_NOT_FOUND, CHAT_BUSY.
    [[nodiscard]] std::string open_session(std::string_view facility_id,
                                           booking::ConversationChannel channel,
                                           const ChatCustomer& customer);
    /// One turn of an open session. SESSION_NOT_FOUND, MESSAGE_TOO_LONG.
    [[nodiscard]] AgentReply respond(std::string_view session_id, std::string_view message);
    /// Runs one tool directly with the session's context (the debug socket's function_call)
    /// and logs it. Never throws for tool failures (they are results); SESSION_NOT_FOUND.
    [[nodiscard]] tools::ToolResult run_tool(std::string_view session_id, std::string_view name,
                                             const nlohmann::json& arguments);
    /// Finishes the session in the log with `reason`; false when it was not open.
    bool close_session(std::string_view session_id, std::string_view reason);

    /// Finishes and forgets sessions idle for longer than the timeout (skipping any in the
    /// middle of a turn); returns how many.
    std::size_t expire_idle();
    /// Finishes every open session with `reason` (shutdown).
    void close_all(std::string_view reason);

    [[nodiscard]] std::size_t session_count() const;
    [[nodiscard]] const ChatSettings& settings() const noexcept { return settings_; }
    [[nodiscard]] const booking::FacilityDirectory& facilities() const noexcept {
        return facilities_;
    }
    [[nodiscard]] const tools::ToolRegistry& tools() const noexcept { return tools_; }

private:
    struct Session;
    using SessionPtr = std::shared_ptr<Session>;

    /// The open session, or SESSION_NOT_FOUND (expiring it first when it is idle).
    [[nodiscard]] SessionPtr find_live(std::string_view session_id);
    /// Closes the session as idle unless a turn holds it or it was used meanwhile.
    bool try_expire(const SessionPtr& session);
    void forget(const Session& session);
    [[nodiscard]] AgentReply run_turn(Session& session, std::string_view message);
    [[nodiscard]] AgentReply fall_back(Session& session, std::string_view message,
                                       const EngineFailure* failure);
    void record_turn(const Session& session, std::string_view message, const AgentReply& reply);
    void finish(const Session& session, std::string_view reason) noexcept;
    [[nodiscard]] bool is_idle(const Session& session, Instant now) const noexcept;

    const booking::FacilityDirectory& facilities_;
    const tools::ToolRegistry& tools_;
    booking::ConversationLog& log_;
    const Clock& clock_;
    ChatEngines engines_;
    ChatSettings settings_;

    mutable std::mutex mutex_;  // guards sessions_ only
    std::map<std::string, SessionPtr, std::less<>> sessions_;
};

}  // namespace frontdesk::chat
