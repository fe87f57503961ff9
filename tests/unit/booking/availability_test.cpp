#include "booking/availability.hpp"

#include <gtest/gtest.h>

#include "rules_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace testing;
using Ids = std::vector<std::string>;

class PickleDay : public ::testing::Test {
protected:
    Facility pickle_ = facility_from_json(kPickleJson);
    Instant now_ = utc("2026-11-20T00:00:00Z");  // Friday, 05:30 in Mysore
    SlotRequest request_{date(2026, 11, 21), std::nullopt, 60, std::nullopt, {}, 1};

    DayAvailability day(std::span<const Occupancy> occupied = {}) {
        return compute_day_availability(pickle_, request_, occupied, now_);
    }
    // An occupancy in Mysore local time on the requested day.
    Occupancy taken(std::string resource, TimeOfDay from, TimeOfDay to) {
        return {std::move(resource), *pickle_.time_zone.to_instant(request_.date, from),
                *pickle_.time_zone.to_instant(request_.date, to)};
    }
};

TEST_F(PickleDay, EmptyDayOffersEveryHourOnEveryCourt) {
    const auto result = day();
    EXPECT_TRUE(result.open);
    EXPECT_TRUE(result.closed_reason.empty());
    ASSERT_EQ(result.slots.size(), 17U);  // 06:00 … 22:00
    EXPECT_EQ(result.slots.front().start, utc("2026-11-21T00:30:00Z"));
    EXPECT_EQ(result.slots.front().end, utc("2026-11-21T01:30:00Z"));
    EXPECT_EQ(result.slots.back().start, utc("2026-11-21T16:30:00Z"));  // 22:00 IST
    EXPECT_EQ(result.slots.back().free_resource_ids, (Ids{"1", "2", "3", "4"}));
}

TEST_F(PickleDay, LongerBookingsEndByClosingTime) {
    request_.duration_minutes = 120;
    const auto result = day();
    ASSERT_EQ(result.slots.size(), 16U);
    EXPECT_EQ(local_starts(pickle_, result.slots).back(), "21:00");
}

TEST_F(PickleDay, ABookedCourtIsLeftOutOfOverlappingSlots) {
    const std::vector<Occupancy> occupied{taken("2", at(18), at(20))};
    request_.duration_minutes = 120;
    const auto result = day(occupied);
    ASSERT_EQ(result.slots.size(), 16U);  // three courts remain, so every start is offered
    EXPECT_EQ(result.slots[10].free_resource_ids, (Ids{"1", "2", "3", "4"}));  // 16:00–18:00
    EXPECT_EQ(result.slots[11].free_resource_ids, (Ids{"1", "3", "4"}));       // 17:00–19:00
    EXPECT_EQ(result.slots[13].free_resource_ids, (Ids{"1", "3", "4"}));       // 19:00–21:00
    EXPECT_EQ(result.slots[14].free_resource_ids, (Ids{"1", "2", "3", "4"}));  // 20:00–22:00
}

TEST_F(PickleDay, AnOccupancyWithoutResourceBlocksEveryCourt) {
    const std::vector<Occupancy> occupied{taken("", at(10), at(12)), taken("4", at(6), at(7))};
    const auto result = day(occupied);
    const auto starts = local_starts(pickle_, result.slots);
    EXPECT_EQ(starts.size(), 15U);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "10:00"), 0);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "11:00"), 0);
    EXPECT_EQ(result.slots.front().free_resource_ids, (Ids{"1", "2", "3"}));
}

TEST_F(PickleDay, SeveralCourtsAreOfferedOnlyWhenThatManyAreFree) {
    request_.number_of_resources = 3;
    const std::vector<Occupancy> occupied{taken("1", at(18), at(19)), taken("3", at(18), at(20)),
                                          taken("2", at(19), at(20))};
    const auto starts = local_starts(pickle_, day(occupied).slots);
    EXPECT_EQ(starts.size(), 15U);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "18:00"), 0);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "19:00"), 0);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "20:00"), 1);
}

TEST_F(PickleDay, NamedCourtsAreAllBookedTogether) {
    request_.resource_ids = {"court 3", "1"};  // by name and by number
    const std::vector<Occupancy> occupied{taken("3", at(7), at(8)), taken("2", at(9), at(10))};
    const auto result = day(occupied);
    const auto starts = local_starts(pickle_, result.slots);
    EXPECT_EQ(starts.size(), 16U);
    EXPECT_EQ(std::count(starts.begin(), starts.end(), "07:00"), 0);
    EXPECT_EQ(result.slots.front().free_resource_ids, (Ids{"1", "3"}));
}

TEST_F(PickleDay, OneStartTimeIsCheckedAlone) {
    request_.start_time = at(18);
    const std::vector<Occupancy> occupied{taken("1", at(18), at(19))};
    const auto result = day(occupied);
    ASSERT_EQ(result.slots.size(), 1U);
    EXPECT_EQ(result.slots[0].free_resource_ids, (Ids{"2", "3", "4"}));
    request_.start_time = at(18, 30);  // not a start: no slot, and no error
    EXPECT_TRUE(day().slots.empty());
}

TEST_F(PickleDay, TodayStartsAfterNow) {
    now_ = utc("2026-11-21T04:00:00Z");  // 09:30 in Mysore
    const auto starts = local_starts(pickle_, day().slots);
    ASSERT_FALSE(starts.empty());
    EXPECT_EQ(starts.front(), "10:00");
}

TEST_F(PickleDay, PastDaysAndDaysBeyondTheHorizonHaveNoSlots) {
    request_.date = date(2026, 11, 19);
    auto result = day();
    EXPECT_TRUE(result.slots.empty());
    EXPECT_EQ(result.note, "That day has already passed.");
    request_.date = add_days(date(2026, 11, 20), 61);  // the default horizon is 60 days
    result = day();
    EXPECT_TRUE(result.slots.empty());
    EXPECT_EQ(result.note, "We take bookings up to 60 days ahead.");
    request_.date = add_days(date(2026, 11, 20), 60);
    EXPECT_EQ(day().slots.size(), 17U);
}

TEST_F(PickleDay, MalformedRequestsThrow) {
    request_.duration_minutes = 90;
    (void)error_message([&] { (void)day(); }, "INVALID_DURATION");
    request_.duration_minutes = 60;
    request_.number_of_resources = 5;
    (void)error_message([&] { (void)day(); }, "INVALID_COURT_COUNT");
    request_.number_of_resources = 1;
    request_.date = LocalDate{std::chrono::year{2026}, std::chrono::month{2}, std::chrono::day{30}};
    (void)error_message([&] { (void)day(); }, "INVALID_DATE");
}

class ClubDay : public ::testing::Test {
protected:
    Facility club_ = facility_from_json(kClubJson);
    Instant now_ = utc("2026-11-15T12:00:00Z");
    SlotRequest request_{date(2026, 11, 16), std::nullopt, 60, std::nullopt, {}, 1};  // Monday

    Occupancy taken(std::string resource, TimeOfDay from, TimeOfDay to) {
        return {std::move(resource), *club_.time_zone.to_instant(request_.date, from),
                *club_.time_zone.to_instant(request_.date, to)};
    }
};

TEST_F(ClubDay, HalfHourStartsSkipTheLunchBreak) {
    const auto result = compute_day_availability(club_, request_, {}, now_);
    const auto starts = local_starts(club_, result.slots);
    ASSERT_EQ(starts.size(), 28U);  // 06:00 … 11:00 and 13:00 … 21:00, every 30 minutes
    EXPECT_EQ(starts[0], "06:00");
    EXPECT_EQ(starts[1], "06:30");
    EXPECT_EQ(starts[10], "11:00");
    EXPECT_EQ(starts[11], "13:00");
    EXPECT_EQ(starts.back(), "21:00");
    EXPECT_EQ(result.slots[0].start, utc("2026-11-16T12:00:00Z"));  // CST
}

TEST_F(ClubDay, TheBufferKeepsTenMinutesFreeOnBothSides) {
    const std::vector<Occupancy> occupied{taken("court-1", at(9), at(10))};
    const auto result = compute_day_availability(club_, request_, occupied, now_);
    std::vector<std::string> court_1_starts;
    for (const auto& slot : result.slots) {
        if (slot.free_resource_ids.front() == "court-1") {
            court_1_starts.push_back(format_time_of_day(club_.time_zone.to_local(slot.start).time));
        }
    }
    // 07:30–08:30 ends 30 minutes before; 08:00–09:00 would leave no buffer; 10:30 is the first
    // start at least 10 minutes after 10:00.
    EXPECT_EQ(court_1_starts[3], "07:30");
    EXPECT_EQ(court_1_starts[4], "10:30");
}

TEST_F(ClubDay, ClosedDaysSayWhy) {
    request_.date = date(2026, 12, 25);
    now_ = utc("2026-12-20T12:00:00Z");
    const auto result = compute_day_availability(club_, request_, {}, now_);
    EXPECT_FALSE(result.open);
    EXPECT_TRUE(result.slots.empty());
    EXPECT_EQ(result.closed_reason, "We're closed on Friday 25 December.");
}

TEST_F(ClubDay, SeveralIntervalsADayAreEachSwept) {
    auto json = std::string{kClubJson};
    json.replace(
        json.find("\"saturday\""), 0,
        R"("monday": [{"open": "16:00", "close": "20:00"}, {"open": "06:00", "close": "09:00"}], )");
    const auto club = facility_from_json(json);
    const auto starts =
        local_starts(club, compute_day_availability(club, request_, {}, now_).slots);
    EXPECT_EQ(starts, (Ids{"06:00", "06:30", "07:00", "07:30", "08:00", "16:00", "16:30", "17:00",
                           "17:30", "18:00", "18:30", "19:00"}));
}

class SalonDay : public ::testing::Test {
protected:
    Facility salon_ = facility_from_json(kSalonJson);
    Instant now_ = utc("2026-11-15T12:00:00Z");
    SlotRequest request_{date(2026, 11, 16), std::nullopt, 0, "womens-haircut", {}, 1};
};

TEST_F(SalonDay, AServiceTakesItsOwnDurationOnAnyStylist) {
    const auto result = compute_day_availability(salon_, request_, {}, now_);
    const auto starts = local_starts(salon_, result.slots);
    ASSERT_EQ(starts.size(), 19U);  // 09:00 … 18:00 every 30 minutes, 60 minutes each
    EXPECT_EQ(result.slots[0].end - result.slots[0].start, std::chrono::minutes{60});
    EXPECT_EQ(result.slots[0].start, utc("2026-11-16T16:00:00Z"));  // Phoenix is UTC-7
    EXPECT_EQ(result.slots[0].free_resource_ids, (Ids{"alex", "jordan", "sam"}));
}

TEST_F(SalonDay, AServiceIsOfferedOnlyByItsStylists) {
    request_.service_id = "color";
    const std::vector<Occupancy> occupied{
        {"jordan", utc("2026-11-16T16:00:00Z"), utc("2026-11-16T17:00:00Z")}};
    const auto result = compute_day_availability(salon_, request_, occupied, now_);
    ASSERT_EQ(result.slots.size(), 18U);  // 09:00 … 17:30
    EXPECT_EQ(result.slots[0].free_resource_ids, (Ids{"sam"}));
    EXPECT_EQ(result.slots[2].free_resource_ids, (Ids{"jordan", "sam"}));  // 10:00
}

TEST_F(SalonDay, ServiceMistakesAreExplained) {
    request_.resource_ids = {"Alex"};
    request_.service_id = "color";
    EXPECT_EQ(error_message([&] { (void)compute_day_availability(salon_, request_, {}, now_); },
                            "RESOURCE_NOT_ELIGIBLE"),
              "Alex doesn't offer Single-Process Color; Jordan and Sam do.");
    request_.resource_ids.clear();
    request_.duration_minutes = 45;
    EXPECT_EQ(error_message([&] { (void)compute_day_availability(salon_, request_, {}, now_); },
                            "INVALID_DURATION"),
              "A Single-Process Color takes 90 minutes.");
    request_.service_id = "massage";
    EXPECT_EQ(error_message([&] { (void)compute_day_availability(salon_, request_, {}, now_); },
                            "SERVICE_NOT_FOUND"),
              "We don't offer 'massage'. Our services are Men's Haircut, Women's Haircut and "
              "Single-Process Color.");
    request_.service_id.reset();
    request_.duration_minutes = 0;
    (void)error_message([&] { (void)compute_day_availability(salon_, request_, {}, now_); },
                        "SERVICE_REQUIRED");
}

TEST_F(SalonDay, ClosedOnSundays) {
    request_.date = date(2026, 11, 22);
    const auto result = compute_day_availability(salon_, request_, {}, now_);
    EXPECT_FALSE(result.open);
    EXPECT_EQ(result.closed_reason, "We're closed on Sundays.");
}

TEST_F(PickleDay, AlternativesAreNearestOnTheSameDayFirst) {
    const std::vector<Occupancy> occupied{taken("", at(18), at(20))};
    request_.start_time = at(18);
    const auto options = nearest_alternatives(pickle_, request_, occupied, now_, 3);
    // 17:00 is an hour away; 16:00 and 20:00 are two hours away, the earlier first.
    EXPECT_EQ(local_starts(pickle_, options), (Ids{"17:00", "16:00", "20:00"}));
}

TEST_F(PickleDay, TheWantedStartIsNoAlternative) {
    request_.start_time = at(18);
    const auto options = nearest_alternatives(pickle_, request_, {}, now_, 3);
    EXPECT_EQ(local_starts(pickle_, options), (Ids{"17:00", "19:00", "16:00"}));
}

TEST_F(PickleDay, AlternativesMoveToTheNextDaysWhenTheDayIsFull) {
    const std::vector<Occupancy> occupied{taken("", at(0), at(23))};
    request_.start_time = at(18);
    const auto options = nearest_alternatives(pickle_, request_, occupied, now_, 2);
    ASSERT_EQ(options.size(), 2U);
    EXPECT_EQ(options[0].start, utc("2026-11-22T00:30:00Z"));  // Sunday 06:00
    EXPECT_EQ(options[1].start, utc("2026-11-22T01:30:00Z"));
}

TEST_F(PickleDay, FreeResourcesOfAResolvedSlotHonourTheBuffer) {
    pickle_.rules.buffer_minutes = 15;
    request_.start_time = at(18);
    const auto slot = resolve_slot(pickle_, request_, now_);
    const std::vector<Occupancy> occupied{taken("1", at(17), at(18)), taken("2", at(19), at(20)),
                                          taken("3", at(19, 15), at(20))};
    EXPECT_EQ(free_resources(pickle_, slot, occupied), (Ids{"3", "4"}));
}

}  // namespace
}  // namespace frontdesk::booking
