#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/availability.hpp"
#include "booking/facility_directory.hpp"
#include "booking/model.hpp"
#include "booking/store.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace frontdesk::booking {

/// The slot was taken (409). Carries the nearest free alternatives so the caller can offer them.
class SlotUnavailable : public Conflict {
public:
    SlotUnavailable(const std::string& message, std::vector<SlotOption> alternatives)
        : Conflict("SLOT_UNAVAILABLE", message), alternatives_(std::move(alternatives)) {}
    [[nodiscard]] const std::vector<SlotOption>& alternatives() const noexcept {
        return alternatives_;
    }

private:
    std::vector<SlotOption> alternatives_;
};

/// A booking or quote request: the slot plus who it is for.
struct BookingRequest {
    std::string facility_id;
    SlotRequest slot;  // slot.start_time is required
    Contact customer;
    std::string source = "api";
    std::string notes;
};

struct RescheduleRequest {
    std::optional<LocalDate> date;          // unchanged when unset
    std::optional<TimeOfDay> start_time;    // unchanged when unset
    std::optional<int> duration_minutes;    // unchanged when unset
    std::vector<std::string> resource_ids;  // keep the same resources if free, else any
};

struct ServiceSettings {
    std::chrono::minutes quote_hold{10};
    std::size_t alternatives = 3;
};

/// The booking engine's front door, shared by the HTTP API, the tools and the agents.
/// Validates against the facility's rules, prices, holds and books through the store.
/// Throws frontdesk::Error subclasses with stable codes (see docs/api.md).
///
/// Threads: any thread but an event loop's (store calls block on disk). Borrows the directory,
/// the store and the clock; the composition root keeps them alive for the service's lifetime.
class BookingService {
public:
    BookingService(const FacilityDirectory& facilities, BookingStore& store, const Clock& clock,
                   ServiceSettings settings = {});

    [[nodiscard]] const FacilityDirectory& facilities() const noexcept { return facilities_; }
    [[nodiscard]] const Clock& clock() const noexcept { return clock_; }

    /// Free slots for each day in [first, last] (at most 31 days).
    [[nodiscard]] std::vector<DayAvailability> availability(std::string_view facility_id,
                                                            const SlotRequest& request,
                                                            LocalDate last_day);

    /// Validates, prices and (per the facility's rules) holds the slot for settings.quote_hold.
    /// CONTACT_REQUIRED without a name and an email or phone; SlotUnavailable when taken.
    [[nodiscard]] Quote create_quote(const BookingRequest& request);

    /// QUOTE_NOT_FOUND when unknown (expired quotes are still found).
    [[nodiscard]] Quote get_quote(std::string_view quote_id);

    /// Atomic and idempotent: the same quote always yields the same booking.
    /// QUOTE_NOT_FOUND, QUOTE_EXPIRED, SlotUnavailable.
    [[nodiscard]] Booking confirm_quote(std::string_view quote_id);

    /// Books directly (owner or manual). The same idempotency key returns the same booking.
    [[nodiscard]] Booking create_booking(const BookingRequest& request,
                                         const std::optional<std::string>& idempotency_key);

    [[nodiscard]] Booking get_booking(std::string_view booking_id);
    [[nodiscard]] std::vector<Booking> list_bookings(const BookingFilter& filter);

    /// `enforce_notice`: customers must cancel before start minus the cancellation notice
    /// (CANCELLATION_TOO_LATE); owners may cancel any time.
    [[nodiscard]] Booking cancel_booking(std::string_view booking_id, bool enforce_notice);

    /// Atomic: the new slot is secured before the old one is released.
    [[nodiscard]] Booking reschedule_booking(std::string_view booking_id,
                                             const RescheduleRequest& request, bool enforce_notice);

    [[nodiscard]] Booking update_notes(std::string_view booking_id, const std::string& notes);

    /// A customer's confirmed bookings that have not ended, by phone and/or email.
    [[nodiscard]] std::vector<Booking> find_upcoming(std::string_view facility_id,
                                                     const std::optional<std::string>& phone,
                                                     const std::optional<std::string>& email);

private:
    const FacilityDirectory& facilities_;
    BookingStore& store_;
    const Clock& clock_;
    ServiceSettings settings_;
};

}  // namespace frontdesk::booking
