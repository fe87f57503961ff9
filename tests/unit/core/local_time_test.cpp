#include "core/local_time.hpp"

#include <gtest/gtest.h>

namespace frontdesk {
namespace {

using namespace std::chrono;

TEST(ParseDate, AcceptsStrictIsoDates) {
    auto date = parse_date("2026-11-21");
    ASSERT_TRUE(date);
    EXPECT_EQ(*date, year{2026} / November / day{21});
    EXPECT_EQ(format_date(*date), "2026-11-21");
}

TEST(ParseDate, RejectsMalformedAndImpossibleDates) {
    for (const char* bad : {"2026-02-30", "2026-13-01", "2026-1-01", "26-11-21", "2026/11/21", "",
                            "2026-11-21T", "tomorrow", "2025-02-29"}) {
        EXPECT_FALSE(parse_date(bad)) << bad;
    }
    EXPECT_TRUE(parse_date("2028-02-29"));
}

TEST(ParseTimeOfDay, AcceptsHoursAndMinutes) {
    EXPECT_EQ(parse_time_of_day("06:00"), minutes{360});
    EXPECT_EQ(parse_time_of_day("23:59"), minutes{1439});
    EXPECT_EQ(parse_time_of_day("24:00"), minutes{1440});
    EXPECT_EQ(format_time_of_day(minutes{1110}), "18:30");
}

TEST(ParseTimeOfDay, RejectsOutOfRange) {
    for (const char* bad : {"24:01", "25:00", "12:60", "6:00", "0600", "12:5", "ab:cd"}) {
        EXPECT_FALSE(parse_time_of_day(bad)) << bad;
    }
}

TEST(Weekday, SundayIsZero) {
    EXPECT_EQ(weekday_index(year{2026} / November / day{22}), 0u);  // a Sunday
    EXPECT_EQ(weekday_index(year{2026} / November / day{21}), 6u);  // a Saturday
    EXPECT_EQ(days_between(year{2026} / November / day{21}, year{2026} / December / day{1}), 10);
    EXPECT_EQ(add_days(year{2026} / December / day{31}, 1), year{2027} / January / day{1});
}

}  // namespace
}  // namespace frontdesk
