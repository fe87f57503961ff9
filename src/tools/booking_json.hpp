#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "booking/availability.hpp"
#include "booking/facility.hpp"
#include "booking/model.hpp"

namespace frontdesk::tools {

/// JSON renderings of booking objects, shared by the tools and the HTTP APIs so every surface
/// shows the same shapes. Times appear both
/// as the facility's local date and HH:MM and as RFC 3339 with the local offset.

[[nodiscard]] nlohmann::json facility_summary_json(const booking::Facility& facility);
[[nodiscard]] nlohmann::json facility_detail_json(const booking::Facility& facility);
[[nodiscard]] nlohmann::json resource_json(const booking::Facility& facility,
                                           std::string_view resource_id);
[[nodiscard]] nlohmann::json service_json(const booking::Facility& facility,
                                          const booking::Service& service);
[[nodiscard]] nlohmann::json money_json(const booking::Facility& facility, booking::Money amount);
[[nodiscard]] nlohmann::json price_json(const booking::Facility& facility,
                                        const booking::Price& price);
[[nodiscard]] nlohmann::json slot_json(const booking::Facility& facility,
                                       const booking::SlotOption& slot);
[[nodiscard]] nlohmann::json slots_json(const booking::Facility& facility,
                                        std::span<const booking::SlotOption> slots);
[[nodiscard]] nlohmann::json day_json(const booking::Facility& facility,
                                      const booking::DayAvailability& day);
[[nodiscard]] nlohmann::json quote_json(const booking::Facility& facility,
                                        const booking::Quote& quote);
[[nodiscard]] nlohmann::json booking_json(const booking::Facility& facility,
                                          const booking::Booking& booking);

}  // namespace frontdesk::tools
