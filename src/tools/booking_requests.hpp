#pragma once

#include <nlohmann/json.hpp>

#include "booking/booking_service.hpp"
#include "net/http_message.hpp"

namespace frontdesk::api {

/// Reads the slot a request asks about from query parameters (availability):
/// date, start_time, duration_minutes, service_id, stylist_id|resource_id, number_of_courts.
[[nodiscard]] booking::SlotRequest slot_request_from_query(const net::HttpRequest& request);

/// Reads a quote or manual booking from a JSON body: the slot fields (as in the query, plus
/// resource_ids / court_numbers) and customer_name, customer_email, customer_phone, notes.
[[nodiscard]] booking::BookingRequest booking_request_from_json(const nlohmann::json& body,
                                                                const std::string& facility_id,
                                                                std::string source);

}  // namespace frontdesk::api
