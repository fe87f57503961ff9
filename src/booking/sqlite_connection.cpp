#include "booking/sqlite_connection.hpp"

#include <cstdint>
#include <string>
#include <system_error>

#include "core/error.hpp"
#include "core/logging.hpp"

namespace frontdesk::booking::sqlite {
namespace {

spdlog::logger& store_log() {
    static const auto logger = frontdesk::logger("booking");
    return *logger;
}

// Errors that say "the database cannot be used right now" rather than "our SQL is wrong":
// another writer held the lock past busy_timeout, the disk is full or failing, the file is
// missing or read-only. A later retry may succeed, so callers get Unavailable (503).
bool is_transient(int rc) noexcept {
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_NOMEM:
        case SQLITE_PROTOCOL:
            return true;
        default:
            return false;
    }
}

// sqlite3_bind_text's "copy the buffer" destructor. SQLITE_TRANSIENT is the same value behind
// an old-style cast that -Wold-style-cast flags.
sqlite3_destructor_type transient() noexcept {
    return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

}  // namespace

void throw_error(sqlite3* db, int rc, std::string_view context) {
    std::string detail = sqlite3_errstr(rc);
    if (db != nullptr && sqlite3_errcode(db) == rc) detail = sqlite3_errmsg(db);
    store_log().error("sqlite error {} while {}: {}", rc, context, detail);
    if (is_transient(rc)) {
        throw Unavailable("STORE_UNAVAILABLE",
                          "The booking system is busy or unavailable right now (" +
                              std::string{context} + ": " + detail +
                              "). Please try again in a moment.");
    }
    throw InternalError("STORE_ERROR", "The booking system failed while " + std::string{context} +
                                           " (" + detail + ").");
}

Statement::~Statement() {
    if (stmt_ == nullptr) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

void Statement::check(int rc) const {
    if (rc != SQLITE_OK) throw_error(sqlite3_db_handle(stmt_), rc, context_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, index, value));
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), transient(), SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    if (text) return bind(index, std::string_view{*text});
    check(sqlite3_bind_null(stmt_, index));
    return *this;
}

Statement& Statement::bind(int index, const std::optional<Instant>& t) {
    if (t) return bind(index, unix_seconds(*t));
    check(sqlite3_bind_null(stmt_, index));
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_error(sqlite3_db_handle(stmt_), rc, context_);
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    if (data == nullptr) return {};
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
    return std::string{reinterpret_cast<const char*>(data), size};
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::optional<Instant> Statement::optional_instant(int column) const {
    if (is_null(column)) return std::nullopt;
    return instant(column);
}

Connection::Connection(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout) {
    const bool in_memory = path == ":memory:";
    if (!in_memory && path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) {
            throw Unavailable("STORE_UNAVAILABLE",
                              "Cannot create the folder for the booking "
                              "database " +
                                  path.string() + ": " + ec.message() + ".");
        }
    }
    sqlite3* raw = nullptr;
    // NOMUTEX: the owner serialises every call, so SQLite's own mutex would only add cost.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    db_.reset(raw);  // even a failed open allocates a handle that must be closed
    if (rc != SQLITE_OK) throw_error(db_.get(), rc, "opening the booking database");
    sqlite3_extended_result_codes(db_.get(), 1);
    sqlite3_busy_timeout(db_.get(), static_cast<int>(busy_timeout.count()));
}

void Connection::exec(const char* sql, std::string_view context) {
    const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) throw_error(db_.get(), rc, context);
}

Statement Connection::query(const std::string& sql, std::string_view context) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        sqlite3_stmt* raw = nullptr;
        const int rc = sqlite3_prepare_v3(db_.get(), sql.c_str(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
        StmtPtr stmt{raw};
        if (rc != SQLITE_OK) throw_error(db_.get(), rc, context);
        found = statements_.emplace(sql, std::move(stmt)).first;
    }
    return Statement{found->second.get(), context};
}

Transaction::Transaction(Connection& db, Mode mode, std::string_view context)
    : db_(db), context_(context) {
    db_.exec(mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN", context_);
}

Transaction::~Transaction() {
    // Best effort: a failed ROLLBACK leaves nothing to do (SQLite rolls back on close anyway).
    if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT", context_);
    open_ = false;
}

}  // namespace frontdesk::booking::sqlite
