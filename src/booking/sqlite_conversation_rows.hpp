#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "booking/conversation_log.hpp"
#include "booking/sqlite_connection.hpp"

// Private to the booking module: conversation and transcript rows (schema v2). Callers hold the
// store's mutex and, for anything that writes, a kWrite Transaction.
namespace frontdesk::booking::sqlite {

/// Schema v2: conversations (one row per call, chat or debug session) and conversation_entries
/// (its transcript, numbered from 0). entry_count on the header keeps appends to one indexed
/// read: the next seq. Listing is by facility or globally, newest first, so both indexes end
/// in started_at.
inline constexpr const char* kConversationSchemaSql = R"sql(
CREATE TABLE conversations (
    id          TEXT PRIMARY KEY,
    channel     TEXT NOT NULL CHECK (channel IN ('chat', 'debug', 'twilio', 'exotel')),
    facility_id TEXT NOT NULL,
    caller      TEXT NOT NULL,
    external_id TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    end_reason  TEXT,
    metrics     TEXT NOT NULL DEFAULT '{}',
    entry_count INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX conversations_by_facility_start ON conversations (facility_id, started_at);
CREATE INDEX conversations_by_start ON conversations (started_at);

CREATE TABLE conversation_entries (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    speaker         TEXT NOT NULL CHECK (speaker IN ('user', 'agent', 'tool')),
    text            TEXT NOT NULL,
    tool_name       TEXT,
    tool_arguments  TEXT,
    tool_result     TEXT,
    entry_at        INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
) STRICT, WITHOUT ROWID;
)sql";

/// False when the id is taken.
[[nodiscard]] bool insert_conversation_row(Connection& db, const Conversation& conversation);
/// False when there is no such conversation.
[[nodiscard]] bool append_entry_rows(Connection& db, std::string_view conversation_id,
                                     std::span<const ConversationEntry> entries);
/// nullopt: no such conversation; false: it had already finished.
[[nodiscard]] std::optional<bool> finish_conversation_row(Connection& db,
                                                          std::string_view conversation_id,
                                                          std::string_view end_reason,
                                                          std::string_view metrics_json,
                                                          Instant ended_at);
[[nodiscard]] std::optional<Conversation> read_conversation(Connection& db,
                                                            std::string_view conversation_id);
[[nodiscard]] std::vector<ConversationEntry> read_entries(Connection& db,
                                                          std::string_view conversation_id);
[[nodiscard]] std::vector<Conversation> read_conversations(Connection& db,
                                                           const ConversationFilter& filter);

}  // namespace frontdesk::booking::sqlite
