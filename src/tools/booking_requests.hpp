#pragma once

#include <nlohmann/json.hpp>

#include "booking/booking_service.hpp"

namespace frontdesk::tools {

/// Upper bounds on what one request may ask for; the facility's own rules are usually tighter.
inline constexpr int kMaxDurationMinutes = 24 * 60;
inline constexpr int kMaxResourcesPerRequest = 64;

/// Reads a quote or booking request from a JSON object (an HTTP body or tool arguments):
/// date, start_time, duration_minutes, service_id, resource_ids | court_numbers | stylist_id,
/// number_of_courts, customer_name, customer_email, customer_phone, notes.
/// Throws InvalidArgument naming the bad field.
[[nodiscard]] booking::BookingRequest booking_request_from_json(const nlohmann::json& body,
                                                                const std::string& facility_id,
                                                                std::string source);

}  // namespace frontdesk::tools
