#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "booking/availability.hpp"
#include "booking/facility_directory.hpp"
#include "core/error.hpp"
#include "core/time_zone.hpp"

// Helpers shared by the booking-rules tests. Every test pins "now"; none reads the wall clock.
namespace frontdesk::booking::testing {

inline Instant utc(std::string_view rfc3339) {
    const auto parsed = parse_rfc3339(rfc3339);
    EXPECT_TRUE(parsed.has_value()) << rfc3339;
    return parsed.value_or(Instant{});
}

inline LocalDate date(int y, unsigned m, unsigned d) {
    return LocalDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline TimeOfDay at(int hours, int minutes = 0) { return TimeOfDay{hours * 60 + minutes}; }

/// The one facility in `json`, parsed as if read from "test.json".
inline Facility facility_from_json(std::string_view json) {
    auto facilities = parse_facilities(json, "test.json");
    EXPECT_EQ(facilities.size(), 1U);
    return std::move(facilities.at(0));
}

/// The seed's Pickle X Mysore (4 courts, 06:00–23:00, hourly, ₹280/₹300) in Asia/Kolkata.
inline constexpr std::string_view kPickleJson = R"({
  "facility_id": "pickle_x_mysore", "facility_name": "Pickle X Mysore",
  "phone_number": "+919876543210", "number_of_courts": 4,
  "open_time": "06:00", "close_time": "23:00",
  "booking_rules": {"minimum_duration": 60, "duration_multiples": 60, "fixed_slots": true},
  "pricing": {"weekday_per_hour": 280, "weekend_per_hour": 300},
  "timezone": "Asia/Kolkata", "currency": "INR"
})";

/// A Chicago club: 06–22 weekdays, 07–20 Sat, 08–18 Sun, lunch break 12–13, 30-minute starts,
/// 60–180 minutes, 2 h notice, 30 days ahead, 10-minute buffer, closed on Christmas.
inline constexpr std::string_view kClubJson = R"({
  "facility_id": "lakeside_club", "facility_name": "Lakeside Club",
  "phone_number": "+13125550100", "timezone": "America/Chicago", "currency": "USD",
  "resources": [{"id": "court-1", "name": "Court 1"}, {"id": "court-2", "name": "Court 2"},
                {"id": "center", "name": "Center Court"}],
  "open_time": "06:00", "close_time": "22:00",
  "hours": {"saturday": [{"open": "07:00", "close": "20:00"}],
            "sunday": {"open": "08:00", "close": "18:00"}},
  "breaks": [{"start": "12:00", "end": "13:00"}],
  "closed_dates": ["2026-12-25"],
  "booking_rules": {"minimum_duration": 60, "duration_multiples": 30, "slot_granularity": 30,
                    "maximum_duration": 180, "minimum_notice_minutes": 120,
                    "maximum_days_ahead": 30, "buffer_minutes": 10},
  "pricing": {"weekday_per_hour": "32.50", "weekend_per_hour": 40}
})";

/// A salon: three stylists, services only, 30-minute starts, closed on Sundays.
inline constexpr std::string_view kSalonJson = R"({
  "facility_id": "bishops_tempe", "facility_name": "Bishops Tempe",
  "phone_number": "+14805550142", "timezone": "America/Phoenix", "currency": "USD",
  "resource_kind": "stylist",
  "resources": [{"id": "alex", "name": "Alex"}, {"id": "jordan", "name": "Jordan"},
                {"id": "sam", "name": "Sam"}],
  "open_time": "09:00", "close_time": "19:00", "hours": {"sunday": "closed"},
  "booking_rules": {"slot_granularity": 30, "minimum_notice_minutes": 60},
  "services": [
    {"id": "mens-haircut", "name": "Men's Haircut", "duration_minutes": 30, "price": 35},
    {"id": "womens-haircut", "name": "Women's Haircut", "duration_minutes": 60, "price": 55},
    {"id": "color", "name": "Single-Process Color", "duration_minutes": 90, "price": "95.00",
     "resource_ids": ["jordan", "sam"]}]
})";

/// Local "HH:MM" of each slot's start, to compare a day with a readable list.
inline std::vector<std::string> local_starts(const Facility& facility,
                                             const std::vector<SlotOption>& slots) {
    std::vector<std::string> out;
    for (const auto& slot : slots) {
        out.push_back(format_time_of_day(facility.time_zone.to_local(slot.start).time));
    }
    return out;
}

/// Runs `call`, expecting an Error with `code`; returns its message ("" when none was thrown).
template <typename Call>
std::string error_message(Call&& call, std::string_view code) {
    try {
        call();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "expected an error with code " << code;
    return {};
}

}  // namespace frontdesk::booking::testing
