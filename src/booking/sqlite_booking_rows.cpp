// Booking rows: bookings + booking_resources, and the listing query.
#include <algorithm>
#include <cctype>
#include <string>

#include "booking/sqlite_codec.hpp"
#include "booking/sqlite_rows.hpp"
#include "core/phone.hpp"

namespace frontdesk::booking::sqlite {
namespace {

constexpr std::string_view kContext = "reading or writing a booking";
constexpr int kMaxListLimit = 5000;

constexpr const char* kBookingColumns =
    "id, facility_id, service_id, start_at, end_at, customer_name, customer_phone, "
    "customer_email, price_total, currency, price_lines, status, source, notes, quote_id, "
    "created_at, updated_at, cancelled_at";

// Reads the kBookingColumns of the current row; resources come from a separate query.
Booking booking_from_row(const Statement& row) {
    Booking booking;
    booking.id = row.text(0);
    booking.facility_id = row.text(1);
    booking.service_id = row.optional_text(2);
    booking.start = row.instant(3);
    booking.end = row.instant(4);
    booking.customer = Contact{row.text(5), row.text(6), row.text(7)};
    booking.price = Price{row.int64(8), row.text(9), decode_price_lines(row.text(10))};
    booking.status = booking_status_from_column(row.text(11));
    booking.source = row.text(12);
    booking.notes = row.text(13);
    booking.quote_id = row.optional_text(14);
    booking.created_at = row.instant(15);
    booking.updated_at = row.instant(16);
    booking.cancelled_at = row.optional_instant(17);
    return booking;
}

std::vector<std::string> read_booking_resources(Connection& db, std::string_view booking_id) {
    auto stmt = db.query(
        "SELECT resource_id FROM booking_resources WHERE booking_id = ?1 ORDER BY position",
        kContext);
    stmt.bind(1, booking_id);
    std::vector<std::string> ids;
    while (stmt.step()) ids.push_back(stmt.text(0));
    return ids;
}

void insert_booking_resources(Connection& db, const Booking& booking) {
    std::int64_t position = 0;
    for (const std::string& resource_id : booking.resource_ids) {
        db.query(
              "INSERT INTO booking_resources "
              "(booking_id, facility_id, resource_id, position, start_at, end_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
              kContext)
            .bind(1, booking.id)
            .bind(2, booking.facility_id)
            .bind(3, resource_id)
            .bind(4, position++)
            .bind(5, booking.start)
            .bind(6, booking.end)
            .run();
    }
}

bool has_country_code(std::string_view phone) {
    const auto first = phone.find_first_not_of(" \t");
    return first != std::string_view::npos && phone[first] == '+';
}

// The WHERE clause for the filter's set fields, in a fixed order so each combination is one
// cached statement; values are bound by bind_filter in the same order.
std::string filter_sql(const BookingFilter& filter) {
    std::string sql = std::string{"SELECT "} + kBookingColumns + " FROM bookings WHERE 1";
    if (filter.facility_id) sql += " AND facility_id = ?";
    // The start bound is implied by the end bound (nothing is longer than kMaxSpan) and lets the
    // (facility_id, start_at) index skip the facility's history.
    if (filter.starts_from) sql += " AND end_at > ? AND start_at > ?";
    if (filter.starts_before) sql += " AND start_at < ?";
    if (filter.status) sql += " AND status = ?";
    if (filter.phone) {
        sql +=
            " AND customer_phone_key = ? AND (customer_phone_digits = ? OR ? OR "
            "customer_phone NOT LIKE '+%')";
    }
    if (filter.email) sql += " AND customer_email = ?";  // the column collates NOCASE
    sql += " ORDER BY start_at, id LIMIT ?";
    return sql;
}

void bind_filter(Statement& stmt, const BookingFilter& filter) {
    int index = 0;
    if (filter.facility_id) stmt.bind(++index, *filter.facility_id);
    if (filter.starts_from) {
        stmt.bind(++index, *filter.starts_from);
        stmt.bind(++index, *filter.starts_from - kMaxSpan);
    }
    if (filter.starts_before) stmt.bind(++index, *filter.starts_before);
    if (filter.status) stmt.bind(++index, column_text(*filter.status));
    if (filter.phone) {
        const auto digits = digits_only(*filter.phone);
        const bool national = !has_country_code(*filter.phone);
        stmt.bind(++index, phone_key(digits));
        stmt.bind(++index, digits);
        stmt.bind(++index, std::int64_t{national ? 1 : 0});
    }
    if (filter.email) stmt.bind(++index, *filter.email);
    stmt.bind(++index, std::int64_t{std::clamp(filter.limit, 0, kMaxListLimit)});
}

}  // namespace

std::string phone_key(std::string_view digits) {
    return std::string{
        digits.size() > kPhoneKeyDigits ? digits.substr(digits.size() - kPhoneKeyDigits) : digits};
}


void insert_booking_row(Connection& db, const Booking& b) {
    const auto digits = digits_only(b.customer.phone);
    db.query(
          "INSERT INTO bookings (id, facility_id, service_id, start_at, end_at, customer_name, "
          "customer_phone, customer_phone_digits, customer_phone_key, customer_email, "
          "price_total, currency, price_lines, status, source, notes, quote_id, created_at, "
          "updated_at, cancelled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
          "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
          kContext)
        .bind(1, b.id)
        .bind(2, b.facility_id)
        .bind(3, b.service_id)
        .bind(4, b.start)
        .bind(5, b.end)
        .bind(6, b.customer.name)
        .bind(7, b.customer.phone)
        .bind(8, digits)
        .bind(9, phone_key(digits))
        .bind(10, b.customer.email)
        .bind(11, b.price.total)
        .bind(12, b.price.currency)
        .bind(13, encode_price_lines(b.price.lines))
        .bind(14, column_text(b.status))
        .bind(15, b.source)
        .bind(16, b.notes)
        .bind(17, b.quote_id)
        .bind(18, b.created_at)
        .bind(19, b.updated_at)
        .bind(20, b.cancelled_at)
        .run();
    insert_booking_resources(db, b);
}

std::optional<Booking> read_booking(Connection& db, std::string_view booking_id) {
    std::optional<Booking> booking;
    {
        auto stmt = db.query(
            std::string{"SELECT "} + kBookingColumns + " FROM bookings WHERE id = ?1", kContext);
        stmt.bind(1, booking_id);
        if (stmt.step()) booking = booking_from_row(stmt);
    }
    if (booking) booking->resource_ids = read_booking_resources(db, booking->id);
    return booking;
}

std::vector<Booking> read_bookings(Connection& db, const BookingFilter& filter) {
    std::vector<Booking> bookings;
    // A phone without digits is no phone: it must not match every email-only booking.
    if (filter.phone && digits_only(*filter.phone).empty()) return bookings;
    {
        auto stmt = db.query(filter_sql(filter), "listing bookings");
        bind_filter(stmt, filter);
        while (stmt.step()) bookings.push_back(booking_from_row(stmt));
    }
    for (Booking& booking : bookings) {
        booking.resource_ids = read_booking_resources(db, booking.id);
    }
    return bookings;
}

void update_booking_slot(Connection& db, const Booking& moved) {
    db.query(
          "UPDATE bookings SET service_id = ?2, start_at = ?3, end_at = ?4, price_total = ?5, "
          "currency = ?6, price_lines = ?7, updated_at = ?8 WHERE id = ?1",
          kContext)
        .bind(1, moved.id)
        .bind(2, moved.service_id)
        .bind(3, moved.start)
        .bind(4, moved.end)
        .bind(5, moved.price.total)
        .bind(6, moved.price.currency)
        .bind(7, encode_price_lines(moved.price.lines))
        .bind(8, moved.updated_at)
        .run();
    db.query("DELETE FROM booking_resources WHERE booking_id = ?1", kContext)
        .bind(1, moved.id)
        .run();
    insert_booking_resources(db, moved);
}

void mark_booking_cancelled(Connection& db, std::string_view booking_id, Instant now) {
    db.query(
          "UPDATE bookings SET status = 'cancelled', cancelled_at = ?2, updated_at = ?2 "
          "WHERE id = ?1",
          kContext)
        .bind(1, booking_id)
        .bind(2, now)
        .run();
}

bool update_booking_notes(Connection& db, std::string_view booking_id, const std::string& notes,
                          Instant now) {
    db.query("UPDATE bookings SET notes = ?2, updated_at = ?3 WHERE id = ?1", kContext)
        .bind(1, booking_id)
        .bind(2, notes)
        .bind(3, now)
        .run();
    return db.changes() > 0;
}

}  // namespace frontdesk::booking::sqlite
