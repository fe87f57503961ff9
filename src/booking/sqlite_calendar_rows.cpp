// Calendar sync rows (schema v3): the outbox, each booking's event state, imported busy blocks
// and sync tokens; and SqliteStore's CalendarSyncStore methods on them.
#include "booking/sqlite_calendar_rows.hpp"

#include <mutex>

#include "booking/sqlite_store.hpp"
#include "core/error.hpp"

namespace frontdesk::booking {
namespace sqlite {
namespace {

constexpr std::string_view kContext = "calendar sync bookkeeping";

CalendarAction action_from_column(std::string_view text) {
    return text == "delete" ? CalendarAction::kDelete : CalendarAction::kUpsert;
}

CalendarSyncState state_from_column(std::string_view text) {
    if (text == "synced") return CalendarSyncState::kSynced;
    if (text == "deleted") return CalendarSyncState::kDeleted;
    if (text == "failed") return CalendarSyncState::kFailed;
    return CalendarSyncState::kPending;
}

OutboxItem outbox_from_row(const Statement& row) {
    OutboxItem item;
    item.booking_id = row.text(0);
    item.action = action_from_column(row.text(1));
    item.generation = row.int64(2);
    item.attempts = static_cast<int>(row.int64(3));
    item.next_attempt_at = row.instant(4);
    item.last_error = row.optional_text(5);
    item.created_at = row.instant(6);
    return item;
}

// Only the calendar_events columns named; the rest keep their value (or default on insert).
void upsert_event_state(Connection& db, const CalendarEventRecord& record, Instant now) {
    db.query(
          "INSERT INTO calendar_events (booking_id, calendar_id, event_id, state, attempts, "
          "last_error, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
          "ON CONFLICT (booking_id) DO UPDATE SET calendar_id = excluded.calendar_id, "
          "event_id = excluded.event_id, state = excluded.state, attempts = excluded.attempts, "
          "last_error = excluded.last_error, updated_at = excluded.updated_at",
          kContext)
        .bind(1, record.booking_id)
        .bind(2, record.calendar_id)
        .bind(3, record.event_id)
        .bind(4, to_string(record.state))
        .bind(5, std::int64_t{record.attempts})
        .bind(6, record.last_error)
        .bind(7, now)
        .run();
}

std::optional<CalendarEventRecord> read_event_state(Connection& db, std::string_view booking_id) {
    auto stmt = db.query(
        "SELECT calendar_id, event_id, state, attempts, last_error, review_note, updated_at "
        "FROM calendar_events WHERE booking_id = ?1",
        kContext);
    stmt.bind(1, booking_id);
    if (!stmt.step()) return std::nullopt;
    return CalendarEventRecord{std::string{booking_id}, stmt.text(0),          stmt.text(1),
                               state_from_column(stmt.text(2)),
                               static_cast<int>(stmt.int64(3)),
                               stmt.optional_text(4),  std::nullopt,
                               stmt.optional_text(5),  stmt.instant(6)};
}

std::optional<OutboxItem> read_outbox_row(Connection& db, std::string_view booking_id) {
    auto stmt = db.query(
        "SELECT booking_id, action, generation, attempts, next_attempt_at, last_error, "
        "created_at FROM calendar_outbox WHERE booking_id = ?1",
        kContext);
    stmt.bind(1, booking_id);
    if (!stmt.step()) return std::nullopt;
    return outbox_from_row(stmt);
}

}  // namespace

void enqueue_calendar(Connection& db, std::string_view booking_id, CalendarAction action,
                      Instant now) {
    db.query(
          "INSERT INTO calendar_outbox (booking_id, action, generation, attempts, "
          "next_attempt_at, created_at) VALUES (?1, ?2, 1, 0, ?3, ?3) "
          "ON CONFLICT (booking_id) DO UPDATE SET action = excluded.action, "
          "generation = generation + 1, attempts = 0, next_attempt_at = excluded.next_attempt_at",
          kContext)
        .bind(1, booking_id)
        .bind(2, to_string(action))
        .bind(3, now)
        .run();
}

std::vector<std::string> find_block_clashes(Connection& db, std::string_view facility_id,
                                            std::span<const std::string> resource_ids,
                                            Instant start, Instant end,
                                            std::chrono::minutes buffer) {
    std::vector<std::string> taken;
    for (const std::string& resource_id : resource_ids) {
        auto stmt = db.query(
            "SELECT EXISTS (SELECT 1 FROM external_blocks WHERE facility_id = ?1 "
            "AND end_at > ?2 AND start_at < ?3 AND (resource_id = '' OR resource_id = ?4))",
            "checking a slot against calendar blocks");
        stmt.bind(1, facility_id).bind(2, start - buffer).bind(3, end + buffer).bind(4, resource_id);
        if (stmt.step() && stmt.int64(0) != 0) taken.push_back(resource_id);
    }
    return taken;
}

std::vector<Occupancy> read_block_occupancy(Connection& db, std::string_view facility_id,
                                            Instant from, Instant to) {
    auto stmt = db.query(
        "SELECT resource_id, start_at, end_at FROM external_blocks "
        "WHERE facility_id = ?1 AND end_at > ?2 AND start_at < ?3 ORDER BY start_at, resource_id",
        "reading calendar blocks");
    stmt.bind(1, facility_id).bind(2, from).bind(3, to);
    std::vector<Occupancy> occupied;
    while (stmt.step()) {
        occupied.push_back(Occupancy{stmt.text(0), stmt.instant(1), stmt.instant(2)});
    }
    return occupied;
}

}  // namespace sqlite

using sqlite::Transaction;

void SqliteStore::enable_calendar_outbox(bool enabled) {
    std::lock_guard lock{mutex_};
    calendar_outbox_ = enabled;
}

std::vector<OutboxItem> SqliteStore::claim_outbox(Instant now, int limit,
                                                  std::chrono::seconds lease) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "claiming calendar outbox rows"};
    std::vector<OutboxItem> items;
    {
        auto stmt = db_->query(
            "SELECT booking_id, action, generation, attempts, next_attempt_at, last_error, "
            "created_at FROM calendar_outbox WHERE next_attempt_at <= ?1 "
            "ORDER BY next_attempt_at, created_at LIMIT ?2",
            sqlite::kContext);
        stmt.bind(1, now).bind(2, std::int64_t{limit});
        while (stmt.step()) items.push_back(sqlite::outbox_from_row(stmt));
    }
    for (const OutboxItem& item : items) {
        db_->query("UPDATE calendar_outbox SET next_attempt_at = ?2 WHERE booking_id = ?1",
                   sqlite::kContext)
            .bind(1, item.booking_id)
            .bind(2, now + lease)
            .run();
    }
    tx.commit();
    return items;
}

void SqliteStore::complete_outbox(const OutboxItem& item, const CalendarEventRecord& done,
                                  Instant now) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "completing a calendar write"};
    db_->query("DELETE FROM calendar_outbox WHERE booking_id = ?1 AND generation = ?2",
               sqlite::kContext)
        .bind(1, item.booking_id)
        .bind(2, item.generation)
        .run();
    sqlite::upsert_event_state(*db_, done, now);
    tx.commit();
}

void SqliteStore::fail_outbox(const OutboxItem& item, const std::string& error,
                              std::optional<Instant> retry_at, Instant now) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "recording a failed calendar write"};
    if (retry_at) {
        db_->query(
               "UPDATE calendar_outbox SET attempts = attempts + 1, last_error = ?3, "
               "next_attempt_at = ?4 WHERE booking_id = ?1 AND generation = ?2",
               sqlite::kContext)
            .bind(1, item.booking_id)
            .bind(2, item.generation)
            .bind(3, error)
            .bind(4, *retry_at)
            .run();
    } else {
        db_->query("DELETE FROM calendar_outbox WHERE booking_id = ?1 AND generation = ?2",
                   sqlite::kContext)
            .bind(1, item.booking_id)
            .bind(2, item.generation)
            .run();
        auto record = sqlite::read_event_state(*db_, item.booking_id)
                          .value_or(CalendarEventRecord{.booking_id = item.booking_id});
        record.state = CalendarSyncState::kFailed;
        record.attempts = item.attempts + 1;
        record.last_error = error;
        sqlite::upsert_event_state(*db_, record, now);
    }
    tx.commit();
}

void SqliteStore::defer_outbox(const OutboxItem& item, Instant at) {
    std::lock_guard lock{mutex_};
    db_->query(
           "UPDATE calendar_outbox SET next_attempt_at = ?3 "
           "WHERE booking_id = ?1 AND generation = ?2",
           sqlite::kContext)
        .bind(1, item.booking_id)
        .bind(2, item.generation)
        .bind(3, at)
        .run();
}

std::size_t SqliteStore::outbox_size() {
    std::lock_guard lock{mutex_};
    auto stmt = db_->query("SELECT COUNT(*) FROM calendar_outbox", sqlite::kContext);
    return stmt.step() ? static_cast<std::size_t>(stmt.int64(0)) : 0;
}

std::optional<CalendarEventRecord> SqliteStore::calendar_event(std::string_view booking_id) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kRead, "reading a booking's calendar state"};
    auto record = sqlite::read_event_state(*db_, booking_id);
    const auto pending = sqlite::read_outbox_row(*db_, booking_id);
    if (!pending) return record;
    if (!record) record = CalendarEventRecord{.booking_id = std::string{booking_id}};
    record->state = CalendarSyncState::kPending;
    record->attempts = pending->attempts;
    record->last_error = pending->last_error;
    record->next_attempt_at = pending->next_attempt_at;
    return record;
}

void SqliteStore::set_review_note(std::string_view booking_id, const std::string& note,
                                  Instant now) {
    std::lock_guard lock{mutex_};
    db_->query(
           "INSERT INTO calendar_events (booking_id, state, review_note, updated_at) "
           "VALUES (?1, 'pending', ?2, ?3) ON CONFLICT (booking_id) DO UPDATE SET "
           "review_note = excluded.review_note, updated_at = excluded.updated_at",
           sqlite::kContext)
        .bind(1, booking_id)
        .bind(2, note)
        .bind(3, now)
        .run();
}

void SqliteStore::upsert_block(const ExternalBlock& b) {
    std::lock_guard lock{mutex_};
    db_->query(
           "INSERT OR REPLACE INTO external_blocks (calendar_id, event_id, facility_id, "
           "resource_id, start_at, end_at, title, updated_at) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
           sqlite::kContext)
        .bind(1, b.calendar_id)
        .bind(2, b.event_id)
        .bind(3, b.facility_id)
        .bind(4, b.resource_id)
        .bind(5, b.start)
        .bind(6, b.end)
        .bind(7, b.title)
        .bind(8, b.updated_at)
        .run();
}

void SqliteStore::delete_block(std::string_view calendar_id, std::string_view event_id) {
    std::lock_guard lock{mutex_};
    db_->query("DELETE FROM external_blocks WHERE calendar_id = ?1 AND event_id = ?2",
               sqlite::kContext)
        .bind(1, calendar_id)
        .bind(2, event_id)
        .run();
}

void SqliteStore::clear_blocks(std::string_view calendar_id) {
    std::lock_guard lock{mutex_};
    db_->query("DELETE FROM external_blocks WHERE calendar_id = ?1", sqlite::kContext)
        .bind(1, calendar_id)
        .run();
}

std::vector<ExternalBlock> SqliteStore::blocks(std::string_view facility_id) {
    std::lock_guard lock{mutex_};
    auto stmt = db_->query(
        "SELECT facility_id, resource_id, start_at, end_at, calendar_id, event_id, title, "
        "updated_at FROM external_blocks WHERE facility_id = ?1 ORDER BY start_at, event_id",
        sqlite::kContext);
    stmt.bind(1, facility_id);
    std::vector<ExternalBlock> found;
    while (stmt.step()) {
        found.push_back(ExternalBlock{stmt.text(0), stmt.text(1), stmt.instant(2),
                                      stmt.instant(3), stmt.text(4), stmt.text(5), stmt.text(6),
                                      stmt.instant(7)});
    }
    return found;
}

std::optional<std::string> SqliteStore::sync_token(std::string_view calendar_id) {
    std::lock_guard lock{mutex_};
    auto stmt = db_->query("SELECT sync_token FROM calendar_sync_state WHERE calendar_id = ?1",
                           sqlite::kContext);
    stmt.bind(1, calendar_id);
    if (!stmt.step()) return std::nullopt;
    return stmt.optional_text(0);
}

void SqliteStore::set_sync_token(std::string_view calendar_id,
                                 const std::optional<std::string>& token, Instant now) {
    std::lock_guard lock{mutex_};
    db_->query(
           "INSERT OR REPLACE INTO calendar_sync_state (calendar_id, sync_token, updated_at) "
           "VALUES (?1, ?2, ?3)",
           sqlite::kContext)
        .bind(1, calendar_id)
        .bind(2, token)
        .bind(3, now)
        .run();
}

}  // namespace frontdesk::booking
