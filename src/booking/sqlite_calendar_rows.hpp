#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "booking/calendar_sync_store.hpp"
#include "booking/model.hpp"
#include "booking/sqlite_connection.hpp"

// Private to the booking module: the calendar-sync rows (schema v3) that the booking write paths
// touch inside their own transactions. Callers hold the store's mutex and a kWrite Transaction.
namespace frontdesk::booking::sqlite {

/// Schema v3: calendar_outbox, calendar_events, external_blocks, calendar_sync_state.
// calendar_outbox holds pending work only, one row per booking (a newer change replaces the
// row and bumps `generation`). calendar_events keeps the outcome per booking. external_blocks
// may be longer than kMaxSpan (a week-long closure), so their overlap scans use start_at and
// end_at bounds of their own rather than the bookings' kMaxSpan trick.
inline constexpr const char* kCalendarSchemaSql = R"sql(
CREATE TABLE calendar_outbox (
    booking_id      TEXT PRIMARY KEY REFERENCES bookings (id),
    action          TEXT NOT NULL CHECK (action IN ('upsert', 'delete')),
    generation      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX calendar_outbox_due ON calendar_outbox (next_attempt_at);

CREATE TABLE calendar_events (
    booking_id  TEXT PRIMARY KEY REFERENCES bookings (id),
    calendar_id TEXT NOT NULL DEFAULT '',
    event_id    TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'deleted', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    review_note TEXT,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE external_blocks (
    calendar_id TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    title       TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (calendar_id, event_id, facility_id),
    CHECK (start_at < end_at)
) STRICT, WITHOUT ROWID;
CREATE INDEX external_blocks_span ON external_blocks (facility_id, end_at, start_at);

CREATE TABLE calendar_sync_state (
    calendar_id TEXT PRIMARY KEY,
    sync_token  TEXT,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

/// Queues `action` for the booking: replaces a pending row (a newer change wins) with a new
/// generation, due now.
void enqueue_calendar(Connection& db, std::string_view booking_id, CalendarAction action,
                      Instant now);

/// Resources of `resource_ids` taken by an imported calendar block (on that resource or the
/// whole facility) under the same buffer rule as bookings.
[[nodiscard]] std::vector<std::string> find_block_clashes(Connection& db,
                                                          std::string_view facility_id,
                                                          std::span<const std::string> resource_ids,
                                                          Instant start, Instant end,
                                                          std::chrono::minutes buffer);

/// Imported blocks of a facility overlapping [from, to), as occupancy ("" = whole facility).
[[nodiscard]] std::vector<Occupancy> read_block_occupancy(Connection& db,
                                                          std::string_view facility_id,
                                                          Instant from, Instant to);

}  // namespace frontdesk::booking::sqlite
