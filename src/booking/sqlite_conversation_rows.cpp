// Conversation rows (schema v2): headers and transcripts of calls and chats; and SqliteStore's
// ConversationLog methods on them.
#include "booking/sqlite_conversation_rows.hpp"

#include <algorithm>
#include <mutex>
#include <string>

#include "booking/sqlite_store.hpp"
#include "core/error.hpp"

namespace frontdesk::booking {
namespace sqlite {
namespace {

constexpr std::string_view kContext = "conversation log bookkeeping";
constexpr int kMaxListLimit = 1000;
constexpr const char* kConversationColumns =
    "id, channel, facility_id, caller, external_id, started_at, ended_at, end_reason, metrics, "
    "entry_count";

// The schema's words (see sqlite_codec.hpp for why they are kept apart from to_string()).
std::string_view channel_column(ConversationChannel channel) noexcept {
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

ConversationChannel channel_from_column(std::string_view text) {
    for (auto channel : {ConversationChannel::kChat, ConversationChannel::kDebug,
                         ConversationChannel::kTwilio, ConversationChannel::kExotel}) {
        if (channel_column(channel) == text) return channel;
    }
    throw InternalError("STORE_ERROR", "Unknown conversation channel in the database.");
}

std::string_view speaker_column(ConversationSpeaker speaker) noexcept {
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

ConversationSpeaker speaker_from_column(std::string_view text) {
    for (auto speaker :
         {ConversationSpeaker::kUser, ConversationSpeaker::kAgent, ConversationSpeaker::kTool}) {
        if (speaker_column(speaker) == text) return speaker;
    }
    throw InternalError("STORE_ERROR", "Unknown transcript speaker in the database.");
}

Conversation conversation_from_row(const Statement& row) {
    Conversation conversation;
    conversation.id = row.text(0);
    conversation.channel = channel_from_column(row.text(1));
    conversation.facility_id = row.text(2);
    conversation.caller = row.text(3);
    conversation.external_id = row.text(4);
    conversation.started_at = row.instant(5);
    conversation.ended_at = row.optional_instant(6);
    conversation.end_reason = row.optional_text(7);
    conversation.metrics_json = row.text(8);
    conversation.entry_count = static_cast<int>(row.int64(9));
    return conversation;
}

std::optional<std::string> unless_empty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>{text};
}

// One statement per combination of filters, each a cached prepared statement; values are bound
// by bind_filter in the same order.
std::string filter_sql(const ConversationFilter& filter) {
    std::string sql = std::string{"SELECT "} + kConversationColumns + " FROM conversations WHERE 1";
    if (filter.facility_id) sql += " AND facility_id = ?";
    if (filter.channel) sql += " AND channel = ?";
    if (filter.started_from) sql += " AND started_at >= ?";
    if (filter.started_before) sql += " AND started_at < ?";
    sql += " ORDER BY started_at DESC, id LIMIT ?";
    return sql;
}

void bind_filter(Statement& stmt, const ConversationFilter& filter) {
    int index = 0;
    if (filter.facility_id) stmt.bind(++index, *filter.facility_id);
    if (filter.channel) stmt.bind(++index, channel_column(*filter.channel));
    if (filter.started_from) stmt.bind(++index, *filter.started_from);
    if (filter.started_before) stmt.bind(++index, *filter.started_before);
    stmt.bind(++index, std::int64_t{std::clamp(filter.limit, 0, kMaxListLimit)});
}

void insert_entry_row(Connection& db, std::string_view conversation_id, int seq,
                      const ConversationEntry& entry) {
    db.query(
          "INSERT INTO conversation_entries (conversation_id, seq, speaker, text, tool_name, "
          "tool_arguments, tool_result, entry_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          kContext)
        .bind(1, conversation_id)
        .bind(2, std::int64_t{seq})
        .bind(3, speaker_column(entry.speaker))
        .bind(4, entry.text)
        .bind(5, unless_empty(entry.tool_name))
        .bind(6, unless_empty(entry.tool_arguments))
        .bind(7, unless_empty(entry.tool_result))
        .bind(8, entry.at)
        .run();
}

}  // namespace

bool insert_conversation_row(Connection& db, const Conversation& conversation) {
    db.query(
          "INSERT INTO conversations (id, channel, facility_id, caller, external_id, started_at, "
          "metrics) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '{}') ON CONFLICT (id) DO NOTHING",
          kContext)
        .bind(1, conversation.id)
        .bind(2, channel_column(conversation.channel))
        .bind(3, conversation.facility_id)
        .bind(4, conversation.caller)
        .bind(5, conversation.external_id)
        .bind(6, conversation.started_at)
        .run();
    return db.changes() == 1;
}

bool append_entry_rows(Connection& db, std::string_view conversation_id,
                       std::span<const ConversationEntry> entries) {
    int next = 0;
    {
        auto stmt = db.query("SELECT entry_count FROM conversations WHERE id = ?1", kContext);
        stmt.bind(1, conversation_id);
        if (!stmt.step()) return false;
        next = static_cast<int>(stmt.int64(0));
    }
    for (const auto& entry : entries) insert_entry_row(db, conversation_id, next++, entry);
    db.query("UPDATE conversations SET entry_count = ?2 WHERE id = ?1", kContext)
        .bind(1, conversation_id)
        .bind(2, std::int64_t{next})
        .run();
    return true;
}

std::optional<bool> finish_conversation_row(Connection& db, std::string_view conversation_id,
                                            std::string_view end_reason,
                                            std::string_view metrics_json, Instant ended_at) {
    db.query(
          "UPDATE conversations SET ended_at = ?2, end_reason = ?3, metrics = ?4 "
          "WHERE id = ?1 AND ended_at IS NULL",
          kContext)
        .bind(1, conversation_id)
        .bind(2, ended_at)
        .bind(3, end_reason)
        .bind(4, metrics_json)
        .run();
    if (db.changes() == 1) return true;
    auto stmt = db.query("SELECT 1 FROM conversations WHERE id = ?1", kContext);
    stmt.bind(1, conversation_id);
    if (!stmt.step()) return std::nullopt;
    return false;
}

std::optional<Conversation> read_conversation(Connection& db, std::string_view conversation_id) {
    auto stmt = db.query(
        std::string{"SELECT "} + kConversationColumns + " FROM conversations WHERE id = ?1",
        kContext);
    stmt.bind(1, conversation_id);
    if (!stmt.step()) return std::nullopt;
    return conversation_from_row(stmt);
}

std::vector<ConversationEntry> read_entries(Connection& db, std::string_view conversation_id) {
    std::vector<ConversationEntry> entries;
    auto stmt = db.query(
        "SELECT seq, speaker, text, tool_name, tool_arguments, tool_result, entry_at "
        "FROM conversation_entries WHERE conversation_id = ?1 ORDER BY seq",
        kContext);
    stmt.bind(1, conversation_id);
    while (stmt.step()) {
        entries.push_back(ConversationEntry{
            static_cast<int>(stmt.int64(0)), speaker_from_column(stmt.text(1)), stmt.text(2),
            stmt.text(3), stmt.text(4), stmt.text(5), stmt.instant(6)});
    }
    return entries;
}

std::vector<Conversation> read_conversations(Connection& db, const ConversationFilter& filter) {
    std::vector<Conversation> found;
    auto stmt = db.query(filter_sql(filter), "listing conversations");
    bind_filter(stmt, filter);
    while (stmt.step()) found.push_back(conversation_from_row(stmt));
    return found;
}

}  // namespace sqlite

namespace {

[[noreturn]] void throw_not_found(std::string_view conversation_id) {
    throw NotFound("CONVERSATION_NOT_FOUND",
                   "No conversation with id '" + std::string{conversation_id} + "'.");
}

}  // namespace

void SqliteStore::start_conversation(const Conversation& conversation) {
    std::lock_guard lock{mutex_};
    sqlite::Transaction tx{*db_, sqlite::Transaction::Mode::kWrite, "starting a conversation"};
    if (!sqlite::insert_conversation_row(*db_, conversation)) {
        throw InvalidArgument("CONVERSATION_EXISTS",
                              "A conversation with id '" + conversation.id + "' already exists.");
    }
    tx.commit();
}

void SqliteStore::append_entries(std::string_view conversation_id,
                                 std::span<const ConversationEntry> entries) {
    std::lock_guard lock{mutex_};
    sqlite::Transaction tx{*db_, sqlite::Transaction::Mode::kWrite, "appending to a transcript"};
    if (!sqlite::append_entry_rows(*db_, conversation_id, entries)) {
        throw_not_found(conversation_id);
    }
    tx.commit();
}

bool SqliteStore::finish_conversation(std::string_view conversation_id, std::string_view end_reason,
                                      std::string_view metrics_json, Instant ended_at) {
    std::lock_guard lock{mutex_};
    sqlite::Transaction tx{*db_, sqlite::Transaction::Mode::kWrite, "finishing a conversation"};
    const auto finished =
        sqlite::finish_conversation_row(*db_, conversation_id, end_reason, metrics_json, ended_at);
    if (!finished) throw_not_found(conversation_id);
    tx.commit();
    return *finished;
}

std::optional<ConversationTranscript> SqliteStore::find_conversation(
    std::string_view conversation_id) {
    std::lock_guard lock{mutex_};
    sqlite::Transaction tx{*db_, sqlite::Transaction::Mode::kRead, "reading a conversation"};
    auto conversation = sqlite::read_conversation(*db_, conversation_id);
    if (!conversation) return std::nullopt;
    return ConversationTranscript{std::move(*conversation),
                                  sqlite::read_entries(*db_, conversation_id)};
}

std::vector<Conversation> SqliteStore::list_conversations(const ConversationFilter& filter) {
    std::lock_guard lock{mutex_};
    sqlite::Transaction tx{*db_, sqlite::Transaction::Mode::kRead, "listing conversations"};
    return sqlite::read_conversations(*db_, filter);
}

}  // namespace frontdesk::booking
