#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "booking/model.hpp"
#include "booking/sqlite_connection.hpp"
#include "booking/store.hpp"

// Private to the booking module: reading and writing quote and booking rows, and the overlap
// queries. Callers hold the store's mutex and, for anything that writes, a kWrite Transaction.
namespace frontdesk::booking::sqlite {

/// The longest span the store writes. Bounds the overlap scans from below: a row that starts
/// more than this before a slot cannot reach into it.
inline constexpr std::chrono::hours kMaxSpan{24};

/// A slot being checked for clashes, and what it must not be compared with.
struct SpanCheck {
    std::string_view facility_id{};
    std::span<const std::string> resource_ids{};
    Instant start{};
    Instant end{};
    std::chrono::minutes buffer{0};
    Instant now{};
    bool include_holds = true;                       // live holds of open quotes count
    std::optional<std::string> ignore_booking_id{};  // a booking being moved
    std::optional<std::string> ignore_quote_id{};    // the quote being confirmed
};

/// Resources of `check` taken by a confirmed booking (or a live hold) under the buffer rule.
[[nodiscard]] std::vector<std::string> find_clashes(Connection& db, const SpanCheck& check);

/// Confirmed bookings and live holds of a facility overlapping [from, to).
[[nodiscard]] std::vector<Occupancy> read_occupancy(Connection& db, std::string_view facility_id,
                                                    Instant from, Instant to, Instant now);

void insert_booking_row(Connection& db, const Booking& booking);
[[nodiscard]] std::optional<Booking> read_booking(Connection& db, std::string_view booking_id);
[[nodiscard]] std::vector<Booking> read_bookings(Connection& db, const BookingFilter& filter);
/// Rewrites the slot of a booking: resources, times, service, price and updated_at.
void update_booking_slot(Connection& db, const Booking& moved);
void mark_booking_cancelled(Connection& db, std::string_view booking_id, Instant now);
/// False when there is no such booking.
[[nodiscard]] bool update_booking_notes(Connection& db, std::string_view booking_id,
                                        const std::string& notes, Instant now);

void insert_quote_row(Connection& db, const Quote& quote);
[[nodiscard]] std::optional<Quote> read_quote(Connection& db, std::string_view quote_id);
void mark_quote_confirmed(Connection& db, std::string_view quote_id, std::string_view booking_id);
/// Open quotes past their expiry become released; returns how many.
[[nodiscard]] int release_expired(Connection& db, Instant now);

[[nodiscard]] std::optional<std::string> find_idempotency_key(Connection& db,
                                                              std::string_view facility_id,
                                                              std::string_view key);
void insert_idempotency_key(Connection& db, std::string_view facility_id, std::string_view key,
                            std::string_view booking_id, Instant now);

/// How phones are matched: by their digits (core/phone.hpp digits_only), or, when either side lacks the country code (no
/// leading '+'), by the last kPhoneKeyDigits digits, the national number in the plans we serve
/// ("98765 43210" finds "+919876543210"). The key is what the index holds.
inline constexpr std::size_t kPhoneKeyDigits = 10;
[[nodiscard]] std::string phone_key(std::string_view digits);

}  // namespace frontdesk::booking::sqlite
