#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/availability.hpp"
#include "booking/confirm_guard.hpp"
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

    /// Asks `guard` (borrowed; nullptr for none) about the exact slot just before a confirm or a
    /// direct booking is written: kBusy answers SlotUnavailable, kUnverified books and flags the
    /// booking. Set once while composing, before the service is shared between threads.
    void set_confirm_guard(ConfirmGuard* guard) noexcept { guard_ = guard; }
    [[nodiscard]] const Clock& clock() const noexcept { return clock_; }

    /// Free slots for each day in [first, last] (at most 31 days): INVALID_DATE,
    /// INVALID_DATE_RANGE, and whatever compute_day_availability throws.
    [[nodiscard]] std::vector<DayAvailability> availability(std::string_view facility_id,
                                                            const SlotRequest& request,
                                                            LocalDate last_day);

    /// Validates, prices and (per the facility's rules) holds the slot for settings.quote_hold.
    /// Named resources are booked exactly; otherwise the first free eligible ones (in facility
    /// order) are taken, re-picked a few times if a rival takes one first.
    /// CONTACT_REQUIRED without a name and an email or phone, INVALID_EMAIL / INVALID_PHONE for
    /// malformed ones (the phone is stored normalised, "+919876543210"), INVALID_NAME,
    /// NOTES_TOO_LONG, FACILITY_NOT_FOUND, resolve_slot's codes; SlotUnavailable when taken,
    /// whose alternatives are the nearest free starts on any eligible resource.
    [[nodiscard]] Quote create_quote(const BookingRequest& request);

    /// QUOTE_NOT_FOUND when unknown (expired quotes are still found).
    [[nodiscard]] Quote get_quote(std::string_view quote_id);

    /// Atomic and idempotent: the same quote always yields the same booking, even after it
    /// would have expired. QUOTE_NOT_FOUND, QUOTE_EXPIRED (NotFound, 404: an open quote past its
    /// hold), SlotUnavailable (the quote did not hold its slot, or the hold was overtaken).
    [[nodiscard]] Booking confirm_quote(std::string_view quote_id);

    /// Books directly (owner or manual). The same idempotency key (per facility, at most 255
    /// characters; empty means none) returns the earlier booking, whatever this request says.
    [[nodiscard]] Booking create_booking(const BookingRequest& request,
                                         const std::optional<std::string>& idempotency_key);

    [[nodiscard]] Booking get_booking(std::string_view booking_id);
    [[nodiscard]] std::vector<Booking> list_bookings(const BookingFilter& filter);

    /// `enforce_notice`: customers must cancel by start minus the cancellation notice, else
    /// InvalidArgument("CANCELLATION_TOO_LATE") (400, a rule like PAST_TIME); owners may cancel
    /// any time. Idempotent: cancelling a cancelled booking returns it unchanged (status
    /// cancelled, the first cancelled_at), so a retried request is harmless. BOOKING_NOT_FOUND.
    [[nodiscard]] Booking cancel_booking(std::string_view booking_id, bool enforce_notice);

    /// Atomic: the new slot is secured before the old one is released; on SlotUnavailable the
    /// booking is untouched. Unset fields keep their value; without named resources the same
    /// ones are kept when free, else any free ones. Re-validated with resolve_slot and
    /// re-priced. BOOKING_NOT_FOUND, Conflict("BOOKING_CANCELLED"), RESCHEDULE_TOO_LATE (like
    /// CANCELLATION_TOO_LATE, checked against the current start when `enforce_notice`).
    [[nodiscard]] Booking reschedule_booking(std::string_view booking_id,
                                             const RescheduleRequest& request, bool enforce_notice);

    /// BOOKING_NOT_FOUND, NOTES_TOO_LONG (over 2000 bytes).
    [[nodiscard]] Booking update_notes(std::string_view booking_id, const std::string& notes);

    /// A customer's confirmed bookings that have not ended, by phone (matched as
    /// BookingFilter::phone) and/or email (case-insensitive), merged and sorted by start.
    /// CONTACT_REQUIRED when both are empty, INVALID_PHONE, FACILITY_NOT_FOUND.
    [[nodiscard]] std::vector<Booking> find_upcoming(std::string_view facility_id,
                                                     const std::optional<std::string>& phone,
                                                     const std::optional<std::string>& email);

private:
    const FacilityDirectory& facilities_;
    BookingStore& store_;
    const Clock& clock_;
    ServiceSettings settings_;
    ConfirmGuard* guard_ = nullptr;  // borrowed, optional; see set_confirm_guard
};

}  // namespace frontdesk::booking
