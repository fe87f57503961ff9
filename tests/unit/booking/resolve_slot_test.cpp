#include <gtest/gtest.h>

#include "booking/availability.hpp"
#include "rules_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace testing;
using Ids = std::vector<std::string>;

class ResolvePickle : public ::testing::Test {
protected:
    Facility pickle_ = facility_from_json(kPickleJson);
    Instant now_ = utc("2026-11-20T00:00:00Z");
    SlotRequest request_{date(2026, 11, 21), at(18), 60, std::nullopt, {}, 1};  // Saturday

    std::string error(std::string_view code) {
        return error_message([&] { (void)resolve_slot(pickle_, request_, now_); }, code);
    }
};

TEST_F(ResolvePickle, AValidRequestBecomesInstantsAndEligibleCourts) {
    request_.duration_minutes = 120;
    request_.number_of_resources = 2;
    const auto slot = resolve_slot(pickle_, request_, now_);
    EXPECT_EQ(slot.start, utc("2026-11-21T12:30:00Z"));
    EXPECT_EQ(slot.end, utc("2026-11-21T14:30:00Z"));
    EXPECT_EQ(slot.duration_minutes, 120);
    EXPECT_EQ(slot.service, nullptr);
    EXPECT_EQ(slot.eligible_resource_ids, (Ids{"1", "2", "3", "4"}));
    EXPECT_EQ(slot.number_of_resources, 2);
}

TEST_F(ResolvePickle, ZeroDurationMeansTheMinimum) {
    request_.duration_minutes = 0;
    EXPECT_EQ(resolve_slot(pickle_, request_, now_).duration_minutes, 60);
}

TEST_F(ResolvePickle, ABookingMustEndByClosingTime) {
    request_.start_time = at(22);
    request_.duration_minutes = 120;
    EXPECT_EQ(error("OUTSIDE_HOURS"),
              "We close at 11 pm, so a 2-hour booking can start at 9 pm at the latest.");
}

TEST_F(ResolvePickle, AStartBeforeOpeningNamesTheHours) {
    request_.start_time = at(5);
    EXPECT_EQ(error("OUTSIDE_HOURS"), "On Saturdays we're open from 6 am to 11 pm.");
}

TEST_F(ResolvePickle, StartsFallOnTheHour) {
    request_.start_time = at(18, 30);
    EXPECT_EQ(error("NOT_ON_SLOT_BOUNDARY"),
              "Bookings start on the hour, so the nearest start times are 6 pm and 7 pm.");
    request_.start_time = at(22, 30);  // 23:00 is closing time, not a start
    EXPECT_EQ(error("NOT_ON_SLOT_BOUNDARY"),
              "Bookings start on the hour, so the nearest start time is 10 pm.");
}

TEST_F(ResolvePickle, DurationsFollowTheRules) {
    request_.duration_minutes = 90;
    EXPECT_EQ(error("INVALID_DURATION"),
              "Bookings go in steps of 1 hour, so 90 minutes isn't possible.");
    request_.duration_minutes = 30;
    EXPECT_EQ(error("INVALID_DURATION"), "The shortest booking is 1 hour.");
    request_.duration_minutes = 300;
    EXPECT_EQ(error("INVALID_DURATION"), "The longest booking is 4 hours.");
}

TEST_F(ResolvePickle, CourtCountsAndNamesAreChecked) {
    request_.number_of_resources = 5;
    EXPECT_EQ(error("INVALID_COURT_COUNT"),
              "We have 4 courts for this, so you can book 1 to 4 at once.");
    request_.number_of_resources = 0;
    EXPECT_EQ(error("INVALID_COURT_COUNT"), "Please ask for at least one court.");
    request_.number_of_resources = 1;
    request_.resource_ids = {"7"};
    EXPECT_EQ(error("RESOURCE_NOT_FOUND"),
              "We don't have a court called '7'. Our courts are Court 1, Court 2, Court 3 and "
              "Court 4.");
    request_.resource_ids = {"1", "2"};
    request_.number_of_resources = 3;
    EXPECT_EQ(error("INVALID_COURT_COUNT"), "You named 2 courts but asked for 3.");
    request_.number_of_resources = 1;
    const auto slot = resolve_slot(pickle_, request_, now_);
    EXPECT_EQ(slot.eligible_resource_ids, (Ids{"1", "2"}));
    EXPECT_EQ(slot.number_of_resources, 2);
}

TEST_F(ResolvePickle, TimeAndDateLimits) {
    request_.start_time.reset();
    (void)error("START_TIME_REQUIRED");
    request_.start_time = at(17);
    now_ = utc("2026-11-21T12:00:00Z");  // 17:30 in Mysore
    EXPECT_EQ(error("PAST_TIME"), "That time has already passed.");
    request_.date = date(2026, 11, 19);
    EXPECT_EQ(error("PAST_TIME"), "That day has already passed.");
    now_ = utc("2026-11-20T00:00:00Z");
    request_.date = date(2027, 1, 20);
    EXPECT_EQ(error("TOO_FAR_AHEAD"),
              "We take bookings up to 60 days ahead, so the last day you can book is Tuesday 19 "
              "January.");
    request_.date = date(2027, 1, 19);
    EXPECT_NO_THROW((void)resolve_slot(pickle_, request_, now_));
    request_.date = LocalDate{std::chrono::year{2026}, std::chrono::month{13}, std::chrono::day{1}};
    EXPECT_EQ(error("INVALID_DATE"), "That isn't a valid date.");
}

class ResolveClub : public ::testing::Test {
protected:
    Facility club_ = facility_from_json(kClubJson);
    Instant now_ = utc("2026-11-16T14:00:00Z");  // Monday 08:00 in Chicago
    SlotRequest request_{date(2026, 11, 16), at(13), 90, std::nullopt, {"center court"}, 1};

    std::string error(std::string_view code) {
        return error_message([&] { (void)resolve_slot(club_, request_, now_); }, code);
    }
};

TEST_F(ResolveClub, ANamedCourtByItsName) {
    const auto slot = resolve_slot(club_, request_, now_);
    EXPECT_EQ(slot.start, utc("2026-11-16T19:00:00Z"));
    EXPECT_EQ(slot.end, utc("2026-11-16T20:30:00Z"));
    EXPECT_EQ(slot.eligible_resource_ids, (Ids{"center"}));
}

TEST_F(ResolveClub, NoticeBreaksHolidaysAndHalfHours) {
    request_.start_time = at(9);
    EXPECT_EQ(error("TOO_SOON"), "We need at least 2 hours' notice for a booking.");
    request_.start_time = at(11, 30);
    EXPECT_EQ(error("DURING_BREAK"), "That would run into our break from noon to 1 pm.");
    request_.start_time = at(13, 15);
    EXPECT_EQ(error("NOT_ON_SLOT_BOUNDARY"),
              "Bookings start every 30 minutes from 6 am, so the nearest start times are 1 pm and "
              "1:30 pm.");
    request_.date = date(2026, 11, 21);
    request_.start_time = at(6, 30);
    EXPECT_EQ(error("OUTSIDE_HOURS"), "On Saturdays we're open from 7 am to 8 pm.");
    now_ = utc("2026-12-20T12:00:00Z");
    request_.date = date(2026, 12, 25);
    EXPECT_EQ(error("CLOSED"), "We're closed on Friday 25 December.");
}

}  // namespace
}  // namespace frontdesk::booking
