#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "booking/availability.hpp"
#include "booking/booking_service.hpp"
#include "booking/facility.hpp"
#include "booking/model.hpp"
#include "booking/store.hpp"

// Private to BookingService (booking_service*.cpp): contact checks, resource picking,
// alternatives and the errors the service throws. Pure except where a store is passed.
namespace frontdesk::booking::detail {

/// How often a write is retried on freshly picked resources after a rival took one between
/// our occupancy read and the write. Small: each retry re-reads occupancy under contention.
inline constexpr int kPickAttempts = 3;

/// The contact trimmed, its phone normalised ("+91 98765-43210" -> "+919876543210").
/// Throws CONTACT_REQUIRED (no name, or neither phone nor email), INVALID_NAME, INVALID_EMAIL,
/// INVALID_PHONE.
[[nodiscard]] Contact checked_contact(const Contact& given);

/// "+" and the digits when a "+" comes before the first digit, else the digits; nullopt unless
/// it is 7 to 15 digits with only spaces, dots, dashes and brackets between them.
[[nodiscard]] std::optional<std::string> normalise_phone(std::string_view phone);
[[nodiscard]] bool plausible_email(std::string_view email);
[[nodiscard]] std::string trimmed(std::string_view text);

/// Throws InvalidArgument("NOTES_TOO_LONG") past kMaxNotesLength bytes.
void check_notes(std::string_view notes);
inline constexpr std::size_t kMaxNotesLength = 2000;

[[nodiscard]] std::chrono::minutes buffer_of(const Facility& facility);
/// The service a resolved slot is for, as stored on quotes and bookings.
[[nodiscard]] std::optional<std::string> service_id_of(const ResolvedSlot& slot);

/// What is taken around `slot` (within the buffer), minus the spans of `ignore` (a booking
/// being moved never blocks its own new slot).
[[nodiscard]] std::vector<Occupancy> occupancy_around(BookingStore& store, const Facility& facility,
                                                      const ResolvedSlot& slot, Instant now,
                                                      const Booking* ignore = nullptr);

/// slot.number_of_resources free resources: `preferred` when it has that many and all are free
/// (a moved booking keeps its courts), else the first free ones in facility order.
[[nodiscard]] std::optional<std::vector<std::string>> pick_resources(
    const Facility& facility, const ResolvedSlot& slot, std::span<const Occupancy> occupied,
    std::span<const std::string> preferred = {});

/// The request that would book the same shape again: local date and time of `start`, its
/// length (0 for a service, which brings its own), service, and `count` resources of any kind.
[[nodiscard]] SlotRequest request_like(const Facility& facility, Instant start, Instant end,
                                       const std::optional<std::string>& service_id,
                                       std::size_t count);

/// SLOT_UNAVAILABLE with up to `limit` nearest free options for `wanted` (on any eligible
/// resource, read fresh from the store), and a sentence naming them.
[[nodiscard]] SlotUnavailable slot_unavailable(const Facility& facility, BookingStore& store,
                                               SlotRequest wanted, Instant now, std::size_t limit,
                                               const Booking* ignore = nullptr);

/// Throws InvalidArgument(code) when `now` is past `start` minus the cancellation notice.
/// `verb` completes "can be … up to 2 hours before": "cancelled", "moved".
void check_change_notice(const Facility* facility, Instant start, Instant now, const char* code,
                         std::string_view verb);

[[nodiscard]] NotFound booking_not_found();
[[nodiscard]] NotFound quote_not_found();
[[nodiscard]] Conflict booking_cancelled();
/// The store answered something its contract rules out for this call.
[[nodiscard]] InternalError unexpected_outcome(std::string_view operation);

/// Picks resources for `slot` and hands them to `write`, which answers nullopt when the store
/// reports a clash. A rival can take a resource between the occupancy read and the write, so
/// a clash is retried on a fresh pick (up to kPickAttempts); named resources then clash again
/// and stop at once. With `write_when_full`, a full slot is still written on its eligible
/// resources so the store can answer an idempotent retry (kDuplicate) before the clash.
/// nullopt when nothing was free or every attempt clashed.
template <typename Write>
auto place(BookingStore& store, const Facility& facility, const ResolvedSlot& slot, Instant now,
           bool write_when_full, Write write, const Booking* ignore = nullptr)
    -> decltype(write(std::vector<std::string>{})) {
    for (int attempt = 0; attempt < kPickAttempts; ++attempt) {
        const auto occupied = occupancy_around(store, facility, slot, now, ignore);
        auto chosen =
            pick_resources(facility, slot, occupied,
                           ignore != nullptr ? std::span<const std::string>{ignore->resource_ids}
                                             : std::span<const std::string>{});
        const bool full = !chosen;
        if (full && write_when_full) {
            const auto count = static_cast<std::size_t>(slot.number_of_resources);
            chosen.emplace(slot.eligible_resource_ids.begin(),
                           slot.eligible_resource_ids.begin() +
                               static_cast<std::ptrdiff_t>(
                                   std::min(count, slot.eligible_resource_ids.size())));
        }
        if (!chosen) return std::nullopt;
        if (auto written = write(std::move(*chosen))) return written;
        if (full) return std::nullopt;  // re-picking cannot free anything
    }
    return std::nullopt;
}

}  // namespace frontdesk::booking::detail
