#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace frontdesk::booking {

/// Where a conversation happened: POST /chat, the /realtime debug websocket, or a phone call.
enum class ConversationChannel : std::uint8_t { kChat, kDebug, kTwilio, kExotel };

/// Who produced a transcript entry. kTool entries record one tool call with its result.
enum class ConversationSpeaker : std::uint8_t { kUser, kAgent, kTool };

/// One conversation's header row. `id` is chosen by the caller ("chat_…" for chat sessions, so
/// the session id a client holds is also the id the owner looks up).
struct Conversation {
    std::string id{};
    ConversationChannel channel = ConversationChannel::kChat;
    std::string facility_id{};
    std::string caller{};       // E.164 phone when known, else an email, else ""
    std::string external_id{};  // carrier call SID / stream id; "" for chat
    Instant started_at{};
    std::optional<Instant> ended_at{};
    std::optional<std::string> end_reason{};  // "idle_timeout", "client_closed", "hangup", …
    std::string metrics_json = "{}";          // a JSON object, written at finish
    int entry_count = 0;                      // transcript entries so far
};

/// One line of a transcript. For kTool, `tool_name`, `tool_arguments` and `tool_result` are
/// set (arguments and result as JSON text) and `text` is usually empty.
struct ConversationEntry {
    int seq = 0;  // 0-based position in the transcript; assigned by the log on append
    ConversationSpeaker speaker = ConversationSpeaker::kUser;
    std::string text{};
    std::string tool_name{};
    std::string tool_arguments{};  // JSON text
    std::string tool_result{};     // JSON text
    Instant at{};
};

struct ConversationTranscript {
    Conversation conversation{};
    std::vector<ConversationEntry> entries{};  // by seq
};

/// Newest first. Bounds are on started_at: [started_from, started_before).
struct ConversationFilter {
    std::optional<std::string> facility_id{};
    std::optional<ConversationChannel> channel{};
    std::optional<Instant> started_from{};
    std::optional<Instant> started_before{};
    int limit = 100;
};

/// Durable record of every conversation (phone calls, chats, debug sessions): a header row,
/// its transcript in order, and how it ended. Shared by ChatService and (later) the voice
/// CallRecorder; read by the owner API.
///
/// Threads: any thread, internally synchronised. Calls block on disk: worker pool only.
/// Throws frontdesk::Error: NotFound("CONVERSATION_NOT_FOUND") where noted, the store's
/// Unavailable/InternalError for storage failures.
class ConversationLog {
public:
    virtual ~ConversationLog() = default;

    /// Writes the header (ended_at, end_reason and entry_count are ignored). Starting an id
    /// that exists is InvalidArgument("CONVERSATION_EXISTS").
    virtual void start_conversation(const Conversation& conversation) = 0;

    /// Appends `entries` in order, in one transaction, numbering them after the last one
    /// (their `seq` is ignored). CONVERSATION_NOT_FOUND. Appending to a finished conversation
    /// is allowed (a late tool result still belongs to it).
    virtual void append_entries(std::string_view conversation_id,
                                std::span<const ConversationEntry> entries) = 0;

    /// Records the end. Idempotent: the first finish wins and later ones return false.
    /// CONVERSATION_NOT_FOUND.
    virtual bool finish_conversation(std::string_view conversation_id, std::string_view end_reason,
                                     std::string_view metrics_json, Instant ended_at) = 0;

    [[nodiscard]] virtual std::optional<ConversationTranscript> find_conversation(
        std::string_view conversation_id) = 0;

    /// Headers only (no transcripts), newest first, at most filter.limit.
    [[nodiscard]] virtual std::vector<Conversation> list_conversations(
        const ConversationFilter& filter) = 0;
};

[[nodiscard]] std::string_view to_string(ConversationChannel channel) noexcept;
[[nodiscard]] std::optional<ConversationChannel> parse_conversation_channel(
    std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(ConversationSpeaker speaker) noexcept;
[[nodiscard]] std::optional<ConversationSpeaker> parse_conversation_speaker(
    std::string_view text) noexcept;

}  // namespace frontdesk::booking
