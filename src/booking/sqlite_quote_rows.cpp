// Quote rows, the overlap queries (bookings and live holds), idempotency keys.
#include <string>

#include "booking/sqlite_codec.hpp"
#include "booking/sqlite_rows.hpp"

namespace frontdesk::booking::sqlite {
namespace {

constexpr std::string_view kContext = "reading or writing a quote";

// One resource against confirmed bookings and (when ?7) live holds. Existing B clashes with the
// new slot [s, e) when B.start < e + buffer (?4) and B.end > s - buffer (?5); ?3 bounds the
// index scan from below (B.start > s - buffer - kMaxSpan).
constexpr const char* kClashSql = R"sql(
SELECT EXISTS (
    SELECT 1 FROM booking_resources AS r JOIN bookings AS b ON b.id = r.booking_id
    WHERE r.facility_id = ?1 AND r.resource_id = ?2
      AND r.start_at > ?3 AND r.start_at < ?4 AND r.end_at > ?5
      AND b.status = 'confirmed' AND b.id IS NOT ?6)
OR (?7 AND EXISTS (
    SELECT 1 FROM quote_resources AS r JOIN quotes AS q ON q.id = r.quote_id
    WHERE r.facility_id = ?1 AND r.resource_id = ?2
      AND r.start_at > ?3 AND r.start_at < ?4 AND r.end_at > ?5
      AND q.status = 'open' AND q.holds_slot = 1 AND q.expires_at > ?8 AND q.id IS NOT ?9))
)sql";

constexpr const char* kOccupancySql = R"sql(
SELECT r.resource_id, r.start_at, r.end_at
FROM booking_resources AS r JOIN bookings AS b ON b.id = r.booking_id
WHERE r.facility_id = ?1 AND r.start_at > ?2 AND r.start_at < ?3 AND r.end_at > ?4
  AND b.status = 'confirmed'
UNION ALL
SELECT r.resource_id, r.start_at, r.end_at
FROM quote_resources AS r JOIN quotes AS q ON q.id = r.quote_id
WHERE r.facility_id = ?1 AND r.start_at > ?2 AND r.start_at < ?3 AND r.end_at > ?4
  AND q.status = 'open' AND q.holds_slot = 1 AND q.expires_at > ?5
ORDER BY 2, 1
)sql";

constexpr const char* kQuoteColumns =
    "id, facility_id, service_id, start_at, end_at, customer_name, customer_phone, "
    "customer_email, price_total, currency, price_lines, source, notes, holds_slot, created_at, "
    "expires_at, status, booking_id";

Quote quote_from_row(const Statement& row) {
    Quote quote;
    quote.id = row.text(0);
    quote.facility_id = row.text(1);
    quote.service_id = row.optional_text(2);
    quote.start = row.instant(3);
    quote.end = row.instant(4);
    quote.customer = Contact{row.text(5), row.text(6), row.text(7)};
    quote.price = Price{row.int64(8), row.text(9), decode_price_lines(row.text(10))};
    quote.source = row.text(11);
    quote.notes = row.text(12);
    quote.holds_slot = row.int64(13) != 0;
    quote.created_at = row.instant(14);
    quote.expires_at = row.instant(15);
    quote.status = quote_status_from_column(row.text(16));
    quote.booking_id = row.optional_text(17);
    return quote;
}

void insert_quote_resources(Connection& db, const Quote& quote) {
    std::int64_t position = 0;
    for (const std::string& resource_id : quote.resource_ids) {
        db.query(
              "INSERT INTO quote_resources "
              "(quote_id, facility_id, resource_id, position, start_at, end_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
              kContext)
            .bind(1, quote.id)
            .bind(2, quote.facility_id)
            .bind(3, resource_id)
            .bind(4, position++)
            .bind(5, quote.start)
            .bind(6, quote.end)
            .run();
    }
}

}  // namespace

std::vector<std::string> find_clashes(Connection& db, const SpanCheck& check) {
    std::vector<std::string> taken;
    for (const std::string& resource_id : check.resource_ids) {
        auto stmt = db.query(kClashSql, "checking a slot for overlaps");
        stmt.bind(1, check.facility_id)
            .bind(2, resource_id)
            .bind(3, check.start - check.buffer - kMaxSpan)
            .bind(4, check.end + check.buffer)
            .bind(5, check.start - check.buffer)
            .bind(6, check.ignore_booking_id)
            .bind(7, std::int64_t{check.include_holds ? 1 : 0})
            .bind(8, check.now)
            .bind(9, check.ignore_quote_id);
        if (stmt.step() && stmt.int64(0) != 0) taken.push_back(resource_id);
    }
    return taken;
}

std::vector<Occupancy> read_occupancy(Connection& db, std::string_view facility_id, Instant from,
                                      Instant to, Instant now) {
    auto stmt = db.query(kOccupancySql, "reading occupancy");
    stmt.bind(1, facility_id).bind(2, from - kMaxSpan).bind(3, to).bind(4, from).bind(5, now);
    std::vector<Occupancy> occupied;
    while (stmt.step()) {
        occupied.push_back(Occupancy{stmt.text(0), stmt.instant(1), stmt.instant(2)});
    }
    return occupied;
}

void insert_quote_row(Connection& db, const Quote& q) {
    db.query(
          "INSERT INTO quotes (id, facility_id, service_id, start_at, end_at, customer_name, "
          "customer_phone, customer_email, price_total, currency, price_lines, source, notes, "
          "holds_slot, created_at, expires_at, status, booking_id) VALUES (?1, ?2, ?3, ?4, "
          "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
          kContext)
        .bind(1, q.id)
        .bind(2, q.facility_id)
        .bind(3, q.service_id)
        .bind(4, q.start)
        .bind(5, q.end)
        .bind(6, q.customer.name)
        .bind(7, q.customer.phone)
        .bind(8, q.customer.email)
        .bind(9, q.price.total)
        .bind(10, q.price.currency)
        .bind(11, encode_price_lines(q.price.lines))
        .bind(12, q.source)
        .bind(13, q.notes)
        .bind(14, std::int64_t{q.holds_slot ? 1 : 0})
        .bind(15, q.created_at)
        .bind(16, q.expires_at)
        .bind(17, column_text(q.status))
        .bind(18, q.booking_id)
        .run();
    insert_quote_resources(db, q);
}

std::optional<Quote> read_quote(Connection& db, std::string_view quote_id) {
    std::optional<Quote> quote;
    {
        auto stmt = db.query(std::string{"SELECT "} + kQuoteColumns + " FROM quotes WHERE id = ?1",
                             kContext);
        stmt.bind(1, quote_id);
        if (stmt.step()) quote = quote_from_row(stmt);
    }
    if (!quote) return quote;
    auto stmt = db.query(
        "SELECT resource_id FROM quote_resources WHERE quote_id = ?1 ORDER BY position", kContext);
    stmt.bind(1, quote_id);
    while (stmt.step()) quote->resource_ids.push_back(stmt.text(0));
    return quote;
}

void mark_quote_confirmed(Connection& db, std::string_view quote_id, std::string_view booking_id) {
    db.query("UPDATE quotes SET status = 'confirmed', booking_id = ?2 WHERE id = ?1", kContext)
        .bind(1, quote_id)
        .bind(2, booking_id)
        .run();
}

int release_expired(Connection& db, Instant now) {
    db.query("UPDATE quotes SET status = 'released' WHERE status = 'open' AND expires_at <= ?1",
             "releasing expired quotes")
        .bind(1, now)
        .run();
    return db.changes();
}

std::optional<std::string> find_idempotency_key(Connection& db, std::string_view facility_id,
                                                std::string_view key) {
    auto stmt =
        db.query("SELECT booking_id FROM idempotency_keys WHERE facility_id = ?1 AND key = ?2",
                 "looking up an idempotency key");
    stmt.bind(1, facility_id).bind(2, key);
    if (!stmt.step()) return std::nullopt;
    return stmt.text(0);
}

void insert_idempotency_key(Connection& db, std::string_view facility_id, std::string_view key,
                            std::string_view booking_id, Instant now) {
    db.query(
          "INSERT INTO idempotency_keys (facility_id, key, booking_id, created_at) "
          "VALUES (?1, ?2, ?3, ?4)",
          "recording an idempotency key")
        .bind(1, facility_id)
        .bind(2, key)
        .bind(3, booking_id)
        .bind(4, now)
        .run();
}

}  // namespace frontdesk::booking::sqlite
