#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/model.hpp"

namespace frontdesk::booking {

struct BookingFilter {
    std::optional<std::string> facility_id;
    std::optional<Instant> starts_from;    // bookings ending after this
    std::optional<Instant> starts_before;  // bookings starting before this
    std::optional<BookingStatus> status;
    // The customer's phone, compared by digits; without a country code ('+') on either side,
    // by the last 10 digits ("98765 43210" matches "+919876543210").
    std::optional<std::string> phone;
    std::optional<std::string> email;  // case-insensitive match on the customer's email
    int limit = 500;
};

/// Result of an atomic check-and-write. `conflicting_resource_ids` is non-empty only for
/// kConflict; `booking` is set for kConfirmed/kAlreadyConfirmed/kDuplicate/kInserted.
struct WriteOutcome {
    enum class Kind {
        kInserted,          // new quote or booking written
        kConfirmed,         // quote turned into `booking` just now
        kAlreadyConfirmed,  // quote had been confirmed before: `booking` is that booking
        kDuplicate,         // idempotency key seen before: `booking` is the earlier booking
        kConflict,          // overlaps a booking or live hold on some resource
        kNotFound,          // no such quote/booking
        kExpired,           // quote past its expiry (and never confirmed)
        kNotActive,         // booking already cancelled
    };
    Kind kind = Kind::kInserted;
    std::optional<Booking> booking;
    std::vector<std::string> conflicting_resource_ids;
};

/// Durable storage of quotes and bookings. Every check-then-write is one transaction, so no two
/// confirmed bookings (and, where quotes hold, no live hold) ever overlap on a resource, even
/// with many writers. Overlap honours `buffer`: A and B clash when
/// A.start < B.end + buffer && B.start < A.end + buffer.
///
/// Threads: any thread, internally synchronised. Calls block on disk: never call from an event
/// loop thread (the service runs them on the worker pool).
class BookingStore {
public:
    virtual ~BookingStore() = default;

    /// Confirmed bookings and live holds (expires_at > now, still open) of the facility that
    /// overlap [from, to).
    [[nodiscard]] virtual std::vector<Occupancy> occupancy(std::string_view facility_id,
                                                           Instant from, Instant to,
                                                           Instant now) = 0;

    /// Inserts the quote unless one of its resources clashes with a confirmed booking or, when
    /// `quote.holds_slot`, a live hold. kInserted or kConflict.
    virtual WriteOutcome insert_quote(const Quote& quote, std::chrono::minutes buffer,
                                      Instant now) = 0;

    [[nodiscard]] virtual std::optional<Quote> find_quote(std::string_view quote_id) = 0;

    /// Turns the quote into `booking` (whose id, price and times come from the quote) in one
    /// transaction: re-checks overlap against confirmed bookings and other live holds. Confirming
    /// a confirmed quote again answers kAlreadyConfirmed with the same booking.
    /// kConfirmed, kAlreadyConfirmed, kNotFound, kExpired or kConflict.
    virtual WriteOutcome confirm_quote(std::string_view quote_id, const Booking& booking,
                                       std::chrono::minutes buffer, Instant now) = 0;

    /// Writes a booking directly (owner/manual bookings). With an idempotency key already used
    /// for this facility, answers kDuplicate with the earlier booking and writes nothing.
    /// kInserted, kDuplicate or kConflict.
    virtual WriteOutcome insert_booking(const Booking& booking,
                                        const std::optional<std::string>& idempotency_key,
                                        std::chrono::minutes buffer, Instant now) = 0;

    [[nodiscard]] virtual std::optional<Booking> find_booking(std::string_view booking_id) = 0;
    [[nodiscard]] virtual std::vector<Booking> list_bookings(const BookingFilter& filter) = 0;

    /// kInserted (cancelled now, `booking` is the updated row), kNotFound or kNotActive.
    virtual WriteOutcome cancel_booking(std::string_view booking_id, Instant now) = 0;

    /// Moves a confirmed booking to `moved` (same id; new resources, times, price) in one
    /// transaction: the new slot is checked against everything except the booking itself before
    /// the old slot is released. kInserted, kNotFound, kNotActive or kConflict.
    virtual WriteOutcome reschedule_booking(const Booking& moved, std::chrono::minutes buffer,
                                            Instant now) = 0;

    /// kInserted with the updated booking, or kNotFound.
    virtual WriteOutcome update_notes(std::string_view booking_id, const std::string& notes,
                                      Instant now) = 0;

    /// Marks open quotes past their expiry as released; returns how many.
    virtual int release_expired_quotes(Instant now) = 0;
};

}  // namespace frontdesk::booking
