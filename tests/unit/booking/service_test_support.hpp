#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "booking/booking_service.hpp"
#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "core/clock.hpp"

// A three-court club built in code, a store in memory and a hand-moved clock.
namespace frontdesk::booking::test {

using namespace std::chrono_literals;

/// 2030-06-01 is a Saturday (weekend rate); 2030-06-03 a Monday.
inline constexpr LocalDate kSaturday{std::chrono::year{2030} / 6 / 1};
inline constexpr LocalDate kMonday{std::chrono::year{2030} / 6 / 3};
inline constexpr Money kWeekdayRate = 50000;
inline constexpr Money kWeekendRate = 60000;

inline Instant utc(LocalDate date, int hour, int minute = 0) {
    return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute};
}

/// "club", UTC, open 06:00-22:00 daily, courts "1".."3", hourly bookings of 1-4 hours,
/// cancellation notice 2 hours, quotes hold their slot.
inline Facility make_club() {
    Facility club;
    club.id = "club";
    club.name = "Test Club";
    club.phone_numbers = {"+13125550100"};
    club.currency = "INR";
    for (auto& day : club.weekly_hours) day = {DayInterval{TimeOfDay{6 * 60}, TimeOfDay{22 * 60}}};
    for (int i = 1; i <= 3; ++i) {
        club.resources.push_back(
            Resource{std::to_string(i), "Court " + std::to_string(i), i, std::nullopt});
    }
    club.rules.cancellation_notice_minutes = 120;
    club.pricing.weekday_per_hour = kWeekdayRate;
    club.pricing.weekend_per_hour = kWeekendRate;
    return club;
}

inline Contact asha() { return Contact{"Asha Rao", "+91 98765 43210", "asha@example.com"}; }

inline BookingRequest court_request(LocalDate date, int hour, int hours = 1,
                                    std::vector<std::string> courts = {}, int count = 1) {
    BookingRequest request;
    request.facility_id = "club";
    request.slot.date = date;
    request.slot.start_time = TimeOfDay{hour * 60};
    request.slot.duration_minutes = hours * 60;
    request.slot.resource_ids = std::move(courts);
    request.slot.number_of_resources = count;
    request.customer = asha();
    return request;
}

class ServiceTest : public ::testing::Test {
protected:
    explicit ServiceTest(Facility facility = make_club())
        : directory_(std::vector<Facility>{std::move(facility)}) {}

    /// Runs `call`, expecting frontdesk::Error with `code`; returns it for further checks.
    template <typename Call>
    static std::string error_code_of(Call call) {
        try {
            (void)call();
        } catch (const Error& e) {
            return e.code();
        }
        return "no error";
    }

    ManualClock clock_{utc(kSaturday, 8) - 24h};  // Friday 08:00 UTC
    FacilityDirectory directory_;
    SqliteStore store_{":memory:"};
    BookingService service_{directory_, store_, clock_};
};

}  // namespace frontdesk::booking::test
