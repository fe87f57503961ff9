#pragma once

#include "booking/sqlite_connection.hpp"

// Private to the booking module: the SQLite schema and its versioned migrations.
namespace frontdesk::booking::sqlite {

/// The schema version this build creates and understands (`PRAGMA user_version`).
inline constexpr int kSchemaVersion = 3;

/// Brings the database up to kSchemaVersion in one write transaction (so two processes opening
/// a fresh file at once migrate it exactly once) and records each step in schema_migrations.
/// Throws Unavailable("STORE_SCHEMA_TOO_NEW") for a file written by a newer build: running old
/// code on it could misread or damage bookings.
void migrate(Connection& db);

/// The database's `PRAGMA user_version`.
[[nodiscard]] int schema_version(Connection& db);

}  // namespace frontdesk::booking::sqlite
