#pragma once

#include <span>
#include <string>

#include "booking/facility.hpp"
#include "booking/model.hpp"

namespace frontdesk::booking {

/// Prices a slot in integer minor units. Courts: the hourly rate of the start's local weekday
/// (weekend or weekday) times the duration, per resource. Services: the service price per
/// resource. Pure; the breakdown's lines add up to the total exactly.
[[nodiscard]] Price price_slot(const Facility& facility, const Service* service, Instant start,
                               Instant end, std::span<const std::string> resource_ids);

}  // namespace frontdesk::booking
