#pragma once

#include <chrono>

#include "booking/booking_service.hpp"
#include "core/config.hpp"

namespace frontdesk::api {

/// What every route needs, borrowed from the composition root (app), which outlives the
/// server. Read-only after start-up; the service is internally synchronised.
struct ApiContext {
    booking::BookingService& bookings;
    const AppConfig& config;
    std::chrono::steady_clock::time_point started_at = std::chrono::steady_clock::now();
};

}  // namespace frontdesk::api
