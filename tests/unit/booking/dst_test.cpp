// Daylight-saving days in America/Chicago: 2026-03-08 (02:00 CST → 03:00 CDT) and 2026-11-01
// (02:00 CDT → 01:00 CST). Slots are local wall times; a booking lasts real elapsed minutes.
#include <gtest/gtest.h>

#include "booking/availability.hpp"
#include "booking/pricing.hpp"
#include "rules_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace testing;
using std::chrono::hours;
using std::chrono::minutes;

constexpr std::string_view kAllNightJson = R"({
  "facility_id": "all_night", "facility_name": "All Night Courts", "phone_number": "+13125550111",
  "timezone": "America/Chicago", "currency": "USD", "number_of_courts": 2,
  "open_time": "00:00", "close_time": "24:00",
  "booking_rules": {"minimum_duration": 60, "duration_multiples": 60},
  "pricing": {"weekday_per_hour": 20, "weekend_per_hour": 30}
})";

class SpringForward : public ::testing::Test {
protected:
    Facility facility_ = facility_from_json(kAllNightJson);
    Instant now_ = utc("2026-03-01T00:00:00Z");
    SlotRequest request_{date(2026, 3, 8), std::nullopt, 60, std::nullopt, {}, 1};
};

TEST_F(SpringForward, TheMissingHourOffersNoStart) {
    const auto day = compute_day_availability(facility_, request_, {}, now_);
    ASSERT_EQ(day.slots.size(), 23U);
    const auto starts = local_starts(facility_, day.slots);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "02:00"), 0);
    EXPECT_EQ(starts[1], "01:00");
    EXPECT_EQ(starts[2], "03:00");
    // 01:00 CST lasts one real hour and ends at 03:00 CDT, exactly when the next start begins.
    EXPECT_EQ(day.slots[1].start, utc("2026-03-08T07:00:00Z"));
    EXPECT_EQ(day.slots[1].end, utc("2026-03-08T08:00:00Z"));
    EXPECT_EQ(day.slots[2].start, utc("2026-03-08T08:00:00Z"));
    EXPECT_EQ(day.slots.back().end, utc("2026-03-09T05:00:00Z"));  // midnight CDT
}

TEST_F(SpringForward, HalfHourStartsSkipBothGapTimes) {
    facility_.rules.slot_granularity_minutes = 30;
    const auto starts =
        local_starts(facility_, compute_day_availability(facility_, request_, {}, now_).slots);
    // 48 wall times, minus 02:00 and 02:30, minus 23:30 (it would end after midnight).
    EXPECT_EQ(starts.size(), 45U);
    EXPECT_EQ(starts[3], "01:30");
    EXPECT_EQ(starts[4], "03:00");
}

TEST_F(SpringForward, TheDayIsTwentyThreeHoursLong) {
    const auto span = day_span(facility_, request_.date, request_.date);
    EXPECT_EQ(span.from, utc("2026-03-08T06:00:00Z"));
    EXPECT_EQ(span.to - span.from, hours{23});
}

TEST_F(SpringForward, AStartInTheGapIsRefusedAndADurationIsRealTime) {
    request_.start_time = at(2, 30);
    EXPECT_EQ(error_message([&] { (void)resolve_slot(facility_, request_, now_); },
                            "NONEXISTENT_LOCAL_TIME"),
              "On Sunday 8 March the clocks go forward, so 2:30 am doesn't exist that day.");
    request_.start_time = at(1);
    request_.duration_minutes = 120;
    const auto slot = resolve_slot(facility_, request_, now_);
    EXPECT_EQ(slot.end - slot.start, hours{2});
    EXPECT_EQ(facility_.time_zone.format_rfc3339(slot.end), "2026-03-08T04:00:00-05:00");
    const std::vector<std::string> court{"1"};
    const auto price = price_slot(facility_, nullptr, slot.start, slot.end, court);
    EXPECT_EQ(price.total, 6000);  // two real hours at the Sunday rate
    EXPECT_EQ(price.lines.at(0).description, "Court 1, Sun 8 Mar 01:00–04:00, 2 h × 30.00");
}

class FallBack : public ::testing::Test {
protected:
    Facility facility_ = facility_from_json(kAllNightJson);
    Instant now_ = utc("2026-10-25T00:00:00Z");
    SlotRequest request_{date(2026, 11, 1), std::nullopt, 60, std::nullopt, {}, 1};
};

TEST_F(FallBack, TheRepeatedHourIsOfferedOnce) {
    const auto day = compute_day_availability(facility_, request_, {}, now_);
    ASSERT_EQ(day.slots.size(), 24U);
    const auto starts = local_starts(facility_, day.slots);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "01:00"), 1);
    EXPECT_EQ(day.slots[1].start, utc("2026-11-01T06:00:00Z"));  // 01:00 CDT, the earlier one
    EXPECT_EQ(day.slots[2].start, utc("2026-11-01T08:00:00Z"));  // 02:00 CST
    for (const auto& slot : day.slots) EXPECT_NE(slot.start, utc("2026-11-01T07:00:00Z"));
    EXPECT_EQ(day.slots.back().end, utc("2026-11-02T06:00:00Z"));  // midnight CST
}

TEST_F(FallBack, TheDayIsTwentyFiveHoursLong) {
    const auto span = day_span(facility_, request_.date, request_.date);
    EXPECT_EQ(span.from, utc("2026-11-01T05:00:00Z"));
    EXPECT_EQ(span.to - span.from, hours{25});
}

TEST_F(FallBack, ARepeatedTimeResolvesToTheEarlierInstant) {
    facility_.rules.slot_granularity_minutes = 30;
    request_.start_time = at(1, 30);
    const auto slot = resolve_slot(facility_, request_, now_);
    EXPECT_EQ(facility_.time_zone.format_rfc3339(slot.start), "2026-11-01T01:30:00-05:00");
    EXPECT_EQ(facility_.time_zone.format_rfc3339(slot.end), "2026-11-01T01:30:00-06:00");
    request_.start_time = at(0);
    request_.duration_minutes = 120;
    const auto two_hours = resolve_slot(facility_, request_, now_);
    EXPECT_EQ(facility_.time_zone.format_rfc3339(two_hours.end), "2026-11-01T01:00:00-06:00");
}

TEST_F(FallBack, ABookingInTheSecondOneOClockBlocksWhatOverlapsIt) {
    // Court 1 is taken 01:00–02:00 CST, the second pass through one o'clock.
    const std::vector<Occupancy> occupied{
        {"1", utc("2026-11-01T07:00:00Z"), utc("2026-11-01T08:00:00Z")}};
    request_.start_time = at(1);
    auto day = compute_day_availability(facility_, request_, occupied, now_);
    ASSERT_EQ(day.slots.size(), 1U);
    EXPECT_EQ(day.slots[0].free_resource_ids, (std::vector<std::string>{"1", "2"}));
    request_.duration_minutes = 120;  // 01:00 CDT + 2 h runs through the second 01:00
    day = compute_day_availability(facility_, request_, occupied, now_);
    ASSERT_EQ(day.slots.size(), 1U);
    EXPECT_EQ(day.slots[0].free_resource_ids, (std::vector<std::string>{"2"}));
}

TEST(DstClub, OpeningHoursFollowTheWallClockAcrossBothChanges) {
    const auto club = facility_from_json(kClubJson);
    const SlotRequest saturday{date(2026, 3, 7), std::nullopt, 60, std::nullopt, {}, 1};
    auto sunday = saturday;
    sunday.date = date(2026, 3, 8);
    const auto before = compute_day_availability(club, saturday, {}, utc("2026-03-01T00:00:00Z"));
    const auto after = compute_day_availability(club, sunday, {}, utc("2026-03-01T00:00:00Z"));
    EXPECT_EQ(before.slots.front().start, utc("2026-03-07T13:00:00Z"));  // 07:00 CST
    EXPECT_EQ(after.slots.front().start, utc("2026-03-08T13:00:00Z"));   // 08:00 CDT
    EXPECT_EQ(after.slots.size(), 16U);  // 08:00–11:00 and 13:00–17:00, every 30 minutes

    sunday.date = date(2026, 11, 1);
    const auto fall = compute_day_availability(club, sunday, {}, utc("2026-10-25T00:00:00Z"));
    ASSERT_EQ(fall.slots.size(), 16U);
    EXPECT_EQ(fall.slots.front().start, utc("2026-11-01T14:00:00Z"));  // 08:00 CST
    EXPECT_EQ(fall.slots.back().end, utc("2026-11-02T00:00:00Z"));     // 18:00 CST
}

}  // namespace
}  // namespace frontdesk::booking
