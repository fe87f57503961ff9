#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "booking/facility.hpp"
#include "booking/model.hpp"

namespace frontdesk::booking {

/// What a customer asks for. Pure data; times are local to the facility.
struct SlotRequest {
    LocalDate date;
    std::optional<TimeOfDay> start_time;  // one start, or every start of the day when unset
    int duration_minutes = 0;             // 0: the service's duration, else the rules' minimum
    std::optional<std::string> service_id;
    // Specific resources wanted, by id, number or name; all of them are booked together, so
    // number_of_resources must then be 1 (the default) or their count. Empty means any.
    std::vector<std::string> resource_ids;
    int number_of_resources = 1;  // how many resources at once ("2 courts")
};

/// One bookable start and the eligible resources free for all of it.
struct SlotOption {
    Instant start;
    Instant end;
    std::vector<std::string> free_resource_ids;
};

struct DayAvailability {
    LocalDate date;
    bool open = false;
    std::string closed_reason;  // "We're closed on Sundays."; empty when open
    std::vector<SlotOption> slots;
    std::string note;  // why an open day has no slots at all ("That day has passed."), or empty
};

/// A request checked against every rule, ready to be held or booked.
struct ResolvedSlot {
    Instant start;
    Instant end;
    int duration_minutes = 0;
    const Service* service = nullptr;                // points into the Facility
    std::vector<std::string> eligible_resource_ids;  // resources allowed for it (before occupancy)
    int number_of_resources = 1;                     // how many of them the booking takes
};

/// Checks a request with a start time against the facility's rules; throws InvalidArgument
/// (INVALID_DATE, INVALID_DURATION, INVALID_COURT_COUNT, CLOSED, OUTSIDE_HOURS, DURING_BREAK,
/// NOT_ON_SLOT_BOUNDARY, NONEXISTENT_LOCAL_TIME, PAST_TIME, TOO_SOON, TOO_FAR_AHEAD, and also
/// START_TIME_REQUIRED, INVALID_TIME, SERVICE_REQUIRED, RESOURCE_NOT_ELIGIBLE) or NotFound
/// (SERVICE_NOT_FOUND, RESOURCE_NOT_FOUND), each with a sentence an agent can read aloud.
/// Occupancy is not its concern: see free_resources.
[[nodiscard]] ResolvedSlot resolve_slot(const Facility& facility, const SlotRequest& request,
                                        Instant now);

/// The eligible resources of `slot` free for all of it, in facility order. A resource is taken when
/// an occupancy on it (or on every resource) comes within the facility's buffer of the slot. Pure.
[[nodiscard]] std::vector<std::string> free_resources(const Facility& facility,
                                                      const ResolvedSlot& slot,
                                                      std::span<const Occupancy> occupied);

/// Every start on request.date (or just request.start_time) with at least
/// request.number_of_resources eligible resources free, given what is occupied. Pure.
/// Throws like resolve_slot for a malformed request (bad duration, unknown service/resource);
/// a closed day or a past time is not an error here, just no slots.
[[nodiscard]] DayAvailability compute_day_availability(const Facility& facility,
                                                       const SlotRequest& request,
                                                       std::span<const Occupancy> occupied,
                                                       Instant now);

/// Up to `limit` free options nearest in time to `wanted` (same duration and resource count),
/// searched on the same day (never the wanted start itself), then the following days in order up
/// to the booking horizon. Pure.
[[nodiscard]] std::vector<SlotOption> nearest_alternatives(const Facility& facility,
                                                           const SlotRequest& wanted,
                                                           std::span<const Occupancy> occupied,
                                                           Instant now, std::size_t limit);

/// The instant span [from, to) that covers local days [first, last] of the facility.
struct InstantRange {
    Instant from;
    Instant to;
};
[[nodiscard]] InstantRange day_span(const Facility& facility, LocalDate first, LocalDate last);

}  // namespace frontdesk::booking
