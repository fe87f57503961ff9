#include "booking/sqlite_store.hpp"

#include <algorithm>
#include <set>

#include "booking/sqlite_calendar_rows.hpp"
#include "booking/sqlite_connection.hpp"
#include "booking/sqlite_rows.hpp"
#include "booking/sqlite_schema.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"

namespace frontdesk::booking {
namespace {

using sqlite::Transaction;
using Kind = WriteOutcome::Kind;

spdlog::logger& store_log() {
    static const auto logger = frontdesk::logger("booking");
    return *logger;
}

void configure(sqlite::Connection& db) {
    constexpr std::string_view kContext = "configuring the booking database";
    // WAL: readers never wait for the writer, and a commit is one append to the log.
    std::string mode;
    {
        auto stmt = db.query("PRAGMA journal_mode = WAL", kContext);
        if (stmt.step()) mode = stmt.text(0);
    }
    if (mode != "wal" && mode != "memory") {
        store_log().warn("sqlite journal_mode is '{}', not WAL: writers will block readers", mode);
    }
    // NORMAL in WAL mode: a commit has written its frames to the WAL (the OS holds them) before
    // it returns, so it survives kill -9 of this process; only power loss or a kernel crash can
    // drop the commits since the last checkpoint. FULL adds an fsync per commit: durable against
    // power loss, but confirms would then run at the disk's flush rate (see the class comment).
    db.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", kContext);
}

// Storage invariants the overlap queries rely on (sqlite_rows.hpp: kMaxSpan).
void validate_span(std::span<const std::string> resource_ids, Instant start, Instant end) {
    const std::set<std::string_view> unique(resource_ids.begin(), resource_ids.end());
    if (resource_ids.empty() || unique.size() != resource_ids.size() || !(start < end) ||
        end - start > sqlite::kMaxSpan) {
        throw InvalidArgument("INVALID_BOOKING",
                              "A booking needs at least one resource, each named once, and must "
                              "last more than zero time and at most 24 hours.");
    }
}

WriteOutcome outcome(Kind kind, std::optional<Booking> booking = std::nullopt) {
    return WriteOutcome{kind, std::move(booking), {}};
}

WriteOutcome conflict(std::vector<std::string> resource_ids) {
    return WriteOutcome{Kind::kConflict, std::nullopt, std::move(resource_ids)};
}

// What confirm_quote writes: identity and bookkeeping from the caller, the slot from the quote.
Booking booking_from_quote(const Quote& quote, const Booking& given) {
    Booking booking = given;
    booking.facility_id = quote.facility_id;
    booking.resource_ids = quote.resource_ids;
    booking.service_id = quote.service_id;
    booking.start = quote.start;
    booking.end = quote.end;
    booking.customer = quote.customer;
    booking.price = quote.price;
    booking.quote_id = quote.id;
    return booking;
}

// Bookings, live holds and imported calendar blocks.
std::vector<std::string> all_clashes(sqlite::Connection& db, const sqlite::SpanCheck& check) {
    auto taken = sqlite::find_clashes(db, check);
    for (auto& id : sqlite::find_block_clashes(db, check.facility_id, check.resource_ids,
                                               check.start, check.end, check.buffer)) {
        if (std::find(taken.begin(), taken.end(), id) == taken.end()) taken.push_back(id);
    }
    return taken;
}

}  // namespace

SqliteStore::SqliteStore(const std::filesystem::path& path, SqliteStoreOptions options)
    : db_(std::make_unique<sqlite::Connection>(path, options.busy_timeout)) {
    configure(*db_);
    sqlite::migrate(*db_);
    store_log().info("booking store open: {} (schema version {})", path.string(),
                     sqlite::kSchemaVersion);
}

SqliteStore::~SqliteStore() = default;

int SqliteStore::schema_version() {
    std::lock_guard lock{mutex_};
    return sqlite::schema_version(*db_);
}

std::vector<Occupancy> SqliteStore::occupancy(std::string_view facility_id, Instant from,
                                              Instant to, Instant now) {
    std::lock_guard lock{mutex_};
    auto occupied = sqlite::read_occupancy(*db_, facility_id, from, to, now);
    auto blocked = sqlite::read_block_occupancy(*db_, facility_id, from, to);
    occupied.insert(occupied.end(), blocked.begin(), blocked.end());
    return occupied;
}

WriteOutcome SqliteStore::insert_quote(const Quote& quote, std::chrono::minutes buffer,
                                       Instant now) {
    validate_span(quote.resource_ids, quote.start, quote.end);
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "holding a slot for a quote"};
    auto taken = all_clashes(*db_, {.facility_id = quote.facility_id,
                                             .resource_ids = quote.resource_ids,
                                             .start = quote.start,
                                             .end = quote.end,
                                             .buffer = buffer,
                                             .now = now,
                                             .include_holds = quote.holds_slot});
    if (!taken.empty()) return conflict(std::move(taken));
    sqlite::insert_quote_row(*db_, quote);
    tx.commit();
    return outcome(Kind::kInserted);
}

std::optional<Quote> SqliteStore::find_quote(std::string_view quote_id) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kRead, "reading a quote"};
    return sqlite::read_quote(*db_, quote_id);
}

WriteOutcome SqliteStore::confirm_quote(std::string_view quote_id, const Booking& booking,
                                        std::chrono::minutes buffer, Instant now) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "confirming a quote"};
    const auto quote = sqlite::read_quote(*db_, quote_id);
    if (!quote) return outcome(Kind::kNotFound);
    if (quote->status == QuoteStatus::kConfirmed && quote->booking_id) {
        return outcome(Kind::kAlreadyConfirmed, sqlite::read_booking(*db_, *quote->booking_id));
    }
    if (quote->status != QuoteStatus::kOpen || quote->expires_at <= now) {
        return outcome(Kind::kExpired);
    }
    auto taken = all_clashes(*db_, {.facility_id = quote->facility_id,
                                             .resource_ids = quote->resource_ids,
                                             .start = quote->start,
                                             .end = quote->end,
                                             .buffer = buffer,
                                             .now = now,
                                             .include_holds = true,
                                             .ignore_quote_id = quote->id});
    if (!taken.empty()) return conflict(std::move(taken));
    Booking confirmed = booking_from_quote(*quote, booking);
    sqlite::insert_booking_row(*db_, confirmed);
    sqlite::mark_quote_confirmed(*db_, quote->id, confirmed.id);
    if (calendar_outbox_) sqlite::enqueue_calendar(*db_, confirmed.id, CalendarAction::kUpsert, now);
    tx.commit();
    return outcome(Kind::kConfirmed, std::move(confirmed));
}

WriteOutcome SqliteStore::insert_booking(const Booking& booking,
                                         const std::optional<std::string>& idempotency_key,
                                         std::chrono::minutes buffer, Instant now) {
    validate_span(booking.resource_ids, booking.start, booking.end);
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "writing a booking"};
    if (idempotency_key) {
        if (auto earlier =
                sqlite::find_idempotency_key(*db_, booking.facility_id, *idempotency_key)) {
            return outcome(Kind::kDuplicate, sqlite::read_booking(*db_, *earlier));
        }
    }
    auto taken = all_clashes(*db_, {.facility_id = booking.facility_id,
                                             .resource_ids = booking.resource_ids,
                                             .start = booking.start,
                                             .end = booking.end,
                                             .buffer = buffer,
                                             .now = now});
    if (!taken.empty()) return conflict(std::move(taken));
    sqlite::insert_booking_row(*db_, booking);
    if (idempotency_key) {
        sqlite::insert_idempotency_key(*db_, booking.facility_id, *idempotency_key, booking.id,
                                       now);
    }
    if (calendar_outbox_) sqlite::enqueue_calendar(*db_, booking.id, CalendarAction::kUpsert, now);
    tx.commit();
    return outcome(Kind::kInserted, booking);
}

std::optional<Booking> SqliteStore::find_booking(std::string_view booking_id) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kRead, "reading a booking"};
    return sqlite::read_booking(*db_, booking_id);
}

std::vector<Booking> SqliteStore::list_bookings(const BookingFilter& filter) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kRead, "listing bookings"};
    return sqlite::read_bookings(*db_, filter);
}

WriteOutcome SqliteStore::cancel_booking(std::string_view booking_id, Instant now) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "cancelling a booking"};
    auto booking = sqlite::read_booking(*db_, booking_id);
    if (!booking) return outcome(Kind::kNotFound);
    if (booking->status == BookingStatus::kCancelled) {
        return outcome(Kind::kNotActive, std::move(booking));
    }
    sqlite::mark_booking_cancelled(*db_, booking_id, now);
    if (calendar_outbox_) sqlite::enqueue_calendar(*db_, booking_id, CalendarAction::kDelete, now);
    booking->status = BookingStatus::kCancelled;
    booking->cancelled_at = now;
    booking->updated_at = now;
    tx.commit();
    return outcome(Kind::kInserted, std::move(booking));
}

WriteOutcome SqliteStore::reschedule_booking(const Booking& moved, std::chrono::minutes buffer,
                                             Instant now) {
    validate_span(moved.resource_ids, moved.start, moved.end);
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "rescheduling a booking"};
    const auto current = sqlite::read_booking(*db_, moved.id);
    if (!current) return outcome(Kind::kNotFound);
    if (current->status != BookingStatus::kConfirmed) return outcome(Kind::kNotActive, current);
    auto taken = all_clashes(*db_, {.facility_id = current->facility_id,
                                             .resource_ids = moved.resource_ids,
                                             .start = moved.start,
                                             .end = moved.end,
                                             .buffer = buffer,
                                             .now = now,
                                             .ignore_booking_id = current->id});
    if (!taken.empty()) return conflict(std::move(taken));
    Booking next = moved;
    next.facility_id = current->facility_id;  // a booking never changes facility
    sqlite::update_booking_slot(*db_, next);
    if (calendar_outbox_) sqlite::enqueue_calendar(*db_, next.id, CalendarAction::kUpsert, now);
    auto updated = sqlite::read_booking(*db_, moved.id);
    tx.commit();
    return outcome(Kind::kInserted, std::move(updated));
}

WriteOutcome SqliteStore::update_notes(std::string_view booking_id, const std::string& notes,
                                       Instant now) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "updating booking notes"};
    if (!sqlite::update_booking_notes(*db_, booking_id, notes, now)) {
        return outcome(Kind::kNotFound);
    }
    auto updated = sqlite::read_booking(*db_, booking_id);
    tx.commit();
    return outcome(Kind::kInserted, std::move(updated));
}

int SqliteStore::release_expired_quotes(Instant now) {
    std::lock_guard lock{mutex_};
    Transaction tx{*db_, Transaction::Mode::kWrite, "releasing expired quotes"};
    const int released = sqlite::release_expired(*db_, now);
    tx.commit();
    return released;
}

}  // namespace frontdesk::booking
