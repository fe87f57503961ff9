#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <sqlite3.h>

#include "core/clock.hpp"

// Private to the booking module: the SQLite handles and the few helpers the store is built from.
// Only sqlite_*.cpp include this header, so sqlite3.h stays out of everyone else's build.
namespace frontdesk::booking::sqlite {

template <auto Fn>
struct CDeleter {
    void operator()(auto* p) const noexcept { Fn(p); }
};
using DbPtr = std::unique_ptr<sqlite3, CDeleter<sqlite3_close_v2>>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, CDeleter<sqlite3_finalize>>;

/// Throws the frontdesk::Error matching an SQLite result code: Unavailable("STORE_UNAVAILABLE")
/// for a busy, locked, full or unreadable database (worth retrying later), InternalError
/// ("STORE_ERROR") for anything else. `context` names the operation ("confirming a quote");
/// neither it nor SQLite's message carries customer data.
[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view context);

/// One use of a cached prepared statement. Binds are 1-based, columns 0-based. Resets the
/// statement and clears its bindings when destroyed, so the cache can hand it out again.
/// Move-only; never outlives the Connection it came from.
class Statement {
public:
    Statement(sqlite3_stmt* stmt, std::string_view context) noexcept
        : stmt_(stmt), context_(context) {}
    Statement(Statement&& other) noexcept
        : stmt_(std::exchange(other.stmt_, nullptr)), context_(other.context_) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);  // copied by SQLite
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view{text});
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view{text}); }
    Statement& bind(int index, const std::optional<std::string>& text);  // NULL when unset
    Statement& bind(int index, Instant t) { return bind(index, unix_seconds(t)); }
    Statement& bind(int index, const std::optional<Instant>& t);  // NULL when unset

    /// True when a row is ready to read, false when done. Throws on error.
    bool step();
    /// Steps a statement that returns no rows.
    void run();

    [[nodiscard]] std::int64_t int64(int column) const;
    [[nodiscard]] std::string text(int column) const;  // "" for NULL
    [[nodiscard]] std::optional<std::string> optional_text(int column) const;
    [[nodiscard]] Instant instant(int column) const { return from_unix_seconds(int64(column)); }
    [[nodiscard]] std::optional<Instant> optional_instant(int column) const;
    [[nodiscard]] bool is_null(int column) const;

    [[nodiscard]] static std::int64_t unix_seconds(Instant t) noexcept {
        return t.time_since_epoch().count();
    }
    [[nodiscard]] static Instant from_unix_seconds(std::int64_t s) noexcept {
        return Instant{std::chrono::seconds{s}};
    }

private:
    void check(int rc) const;

    sqlite3_stmt* stmt_ = nullptr;  // borrowed from the Connection's cache
    std::string_view context_{};    // a string literal
};

/// One SQLite connection with a cache of prepared statements. Not synchronised: the owner
/// serialises every call (SqliteStore holds a mutex).
class Connection {
public:
    /// Opens (creating the file and its parent folders) ":memory:" or a path. Throws
    /// Unavailable("STORE_UNAVAILABLE") when the file cannot be opened.
    Connection(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout);

    [[nodiscard]] sqlite3* handle() const noexcept { return db_.get(); }

    /// Runs one or more statements that return no rows (pragmas, DDL).
    void exec(const char* sql, std::string_view context);
    /// The cached prepared statement for `sql`, prepared on first use.
    [[nodiscard]] Statement query(const std::string& sql, std::string_view context);
    /// Rows changed by the last INSERT/UPDATE/DELETE.
    [[nodiscard]] int changes() const noexcept { return sqlite3_changes(db_.get()); }

private:
    DbPtr db_;
    std::unordered_map<std::string, StmtPtr> statements_;
};

/// BEGIN … COMMIT. A kWrite transaction is BEGIN IMMEDIATE: it takes SQLite's write lock up
/// front (waiting up to busy_timeout for another connection or process), so the reads that
/// decide a write see exactly the data the write lands on, and it never fails half-way with
/// SQLITE_BUSY_SNAPSHOT. A kRead transaction gives several SELECTs one consistent snapshot.
/// Rolls back when destroyed uncommitted, e.g. by an exception.
class Transaction {
public:
    enum class Mode { kRead, kWrite };
    Transaction(Connection& db, Mode mode, std::string_view context);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();

private:
    Connection& db_;  // borrowed; outlives the transaction (both live in one store call)
    std::string_view context_{};
    bool open_ = true;
};

}  // namespace frontdesk::booking::sqlite
