#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "booking/availability.hpp"

// Internal to availability: the parts of a request that do not depend on the day.
namespace frontdesk::booking::detail {

/// A request's service, duration and resources, checked against the facility's rules.
/// Points into the Facility, which outlives it.
struct RequestShape {
    int duration_minutes = 0;
    const Service* service = nullptr;
    std::vector<std::size_t> eligible;  // indices into Facility::resources, in facility order
    std::size_t count = 1;              // how many of the eligible resources a slot takes
};

/// Throws as resolve_slot does for a bad service, duration, resource or resource count.
[[nodiscard]] RequestShape resolve_shape(const Facility& facility, const SlotRequest& request);

/// The instant a local wall time denotes; a time inside a spring-forward gap maps to the end of
/// the gap (the first instant after it), so spans that touch the gap keep their meaning.
[[nodiscard]] Instant lenient_instant(const TimeZone& zone, LocalDate date, TimeOfDay time);

/// A sentence when the facility is closed all day on `date` (holiday, weekday off), else empty.
[[nodiscard]] std::string closed_reason(const Facility& facility, LocalDate date);

/// Throws INVALID_DATE for an impossible date.
void check_valid_date(LocalDate date);

}  // namespace frontdesk::booking::detail
