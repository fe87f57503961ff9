#include "booking/sqlite_schema.hpp"

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "booking/sqlite_calendar_rows.hpp"
#include "booking/sqlite_conversation_rows.hpp"
#include "core/error.hpp"

namespace frontdesk::booking::sqlite {
namespace {

// Instants are integer unix seconds (UTC); money is integer minor units. Facilities are config,
// not rows, so facility_id and resource_id are plain text without foreign keys.
//
// *_resources hold one row per resource with the span copied in. One covering index,
// (facility_id, start_at, resource_id, end_at), answers both the per-court overlap check and the
// facility-wide occupancy read as a short range scan: the store never writes a span longer than
// a day, which bounds every scan from below (sqlite_rows.hpp: kMaxSpan). Fewer indexes mean
// fewer pages per commit, which is what a confirm costs on disk.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE bookings (
    id                    TEXT PRIMARY KEY,
    facility_id           TEXT NOT NULL,
    service_id            TEXT,
    start_at              INTEGER NOT NULL,
    end_at                INTEGER NOT NULL,
    customer_name         TEXT NOT NULL,
    customer_phone        TEXT NOT NULL,
    customer_phone_digits TEXT NOT NULL,
    customer_phone_key    TEXT NOT NULL,
    customer_email        TEXT NOT NULL COLLATE NOCASE,
    price_total           INTEGER NOT NULL,
    currency              TEXT NOT NULL,
    price_lines           TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
    source                TEXT NOT NULL,
    notes                 TEXT NOT NULL,
    quote_id              TEXT UNIQUE REFERENCES quotes (id),
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    cancelled_at          INTEGER,
    CHECK (start_at < end_at)
) STRICT;
CREATE INDEX bookings_by_facility_start ON bookings (facility_id, start_at);
CREATE INDEX bookings_by_phone ON bookings (customer_phone_key);
CREATE INDEX bookings_by_email ON bookings (customer_email);

CREATE TABLE booking_resources (
    booking_id  TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    position    INTEGER NOT NULL,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    PRIMARY KEY (booking_id, resource_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX booking_resources_span
    ON booking_resources (facility_id, start_at, resource_id, end_at);

CREATE TABLE quotes (
    id             TEXT PRIMARY KEY,
    facility_id    TEXT NOT NULL,
    service_id     TEXT,
    start_at       INTEGER NOT NULL,
    end_at         INTEGER NOT NULL,
    customer_name  TEXT NOT NULL,
    customer_phone TEXT NOT NULL,
    customer_email TEXT NOT NULL,
    price_total    INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    price_lines    TEXT NOT NULL,
    source         TEXT NOT NULL,
    notes          TEXT NOT NULL,
    holds_slot     INTEGER NOT NULL CHECK (holds_slot IN (0, 1)),
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'released')),
    booking_id     TEXT REFERENCES bookings (id),
    CHECK (start_at < end_at)
) STRICT;
CREATE INDEX quotes_open_by_expiry ON quotes (expires_at) WHERE status = 'open';

CREATE TABLE quote_resources (
    quote_id    TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    position    INTEGER NOT NULL,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    PRIMARY KEY (quote_id, resource_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX quote_resources_span
    ON quote_resources (facility_id, start_at, resource_id, end_at);

CREATE TABLE idempotency_keys (
    facility_id TEXT NOT NULL,
    key         TEXT NOT NULL,
    booking_id  TEXT NOT NULL REFERENCES bookings (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (facility_id, key)
) STRICT, WITHOUT ROWID;
)sql";

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

// Append only: a released migration is never edited, a change is a new version.
constexpr Migration kMigrations[] = {
    {1, "quotes, bookings, per-resource spans, idempotency keys", kSchemaV1},
    {2, "conversations and their transcripts (calls, chats, debug sessions)",
     kConversationSchemaSql},
    {3, "calendar outbox, booking events, external blocks, sync tokens", kCalendarSchemaSql},
};
// Versions increase and the last is kSchemaVersion.
constexpr bool versions_increase() {
    for (std::size_t i = 1; i < std::size(kMigrations); ++i) {
        if (kMigrations[i].version <= kMigrations[i - 1].version) return false;
    }
    return kMigrations[std::size(kMigrations) - 1].version == kSchemaVersion;
}
static_assert(versions_increase());

constexpr std::string_view kContext = "migrating the booking database";

}  // namespace

int schema_version(Connection& db) {
    auto stmt = db.query("PRAGMA user_version", kContext);
    return stmt.step() ? static_cast<int>(stmt.int64(0)) : 0;
}

void migrate(Connection& db) {
    Transaction tx{db, Transaction::Mode::kWrite, kContext};
    const int current = schema_version(db);
    if (current > kSchemaVersion) {
        throw Unavailable("STORE_SCHEMA_TOO_NEW",
                          "The booking database has schema version " + std::to_string(current) +
                              " but this build only knows up to version " +
                              std::to_string(kSchemaVersion) + "; run a newer frontdesk.");
    }
    for (const Migration& migration : kMigrations) {
        if (migration.version <= current) continue;
        db.exec(migration.sql, kContext);
        db.query(
              "INSERT INTO schema_migrations (version, description, applied_at) "
              "VALUES (?1, ?2, CAST(strftime('%s', 'now') AS INTEGER))",
              kContext)
            .bind(1, std::int64_t{migration.version})
            .bind(2, std::string_view{migration.description})
            .run();
    }
    // PRAGMA takes no parameters; the value is our own integer constant.
    const std::string set_version = "PRAGMA user_version = " + std::to_string(kSchemaVersion);
    db.exec(set_version.c_str(), kContext);
    tx.commit();
}

}  // namespace frontdesk::booking::sqlite
