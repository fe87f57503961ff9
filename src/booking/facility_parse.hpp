#pragma once

#include <string_view>

#include "booking/config_node.hpp"
#include "booking/facility.hpp"

// Internal to the facility loader: one facility object of JSON → Facility. Each function reads
// its own fields from the facility's root node and throws FacilityConfigError on a bad value.
namespace frontdesk::booking::config {

/// Defaults for fields a facility may omit; documented in docs/facilities.md.
inline constexpr std::string_view kDefaultTimeZone = "UTC";
inline constexpr std::string_view kDefaultCurrency = "INR";
inline constexpr std::string_view kDefaultResourceKind = "court";

/// `key` is the facility's key in a file of the seed's shape, empty for a bare facility object.
/// Sets origin.facility to the facility's id once known, so later errors name it.
[[nodiscard]] Facility parse_facility(const Json& value, std::string_view key, Origin& origin);

/// open_time/close_time, hours, breaks, closed_dates.
void parse_schedule(const Node& root, Facility& facility);
/// booking_rules.
void parse_booking_rules(const Node& root, Facility& facility);
/// pricing, rentals, coaching (after currency, which fixes the minor digits).
void parse_prices(const Node& root, Facility& facility);
/// resources or number_of_courts, resource_kind, services.
void parse_resources(const Node& root, Facility& facility);

/// "+1 (312) 555-0100" → "+13125550100"; fails unless it is '+' and 7 to 15 digits.
[[nodiscard]] std::string normalize_phone(const Node& node);

}  // namespace frontdesk::booking::config
