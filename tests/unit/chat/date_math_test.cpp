#include "chat/date_math.hpp"

#include <gtest/gtest.h>

#include "unit/chat/contexts.hpp"

namespace frontdesk::chat::detail {
namespace {

using chat::testing::ymd;

// Monday-based index of the week a date falls in, counted from a fixed Monday.
int week_of(LocalDate date) {
    return days_between(ymd(2026, 1, 5), date) / 7;  // 2026-01-05 is a Monday
}

TEST(DateMath, ComingWeekdayCountsTodayAndIsWithinAWeek) {
    for (int offset = 0; offset < 14; ++offset) {
        const auto today = add_days(ymd(2026, 11, 16), offset);
        for (unsigned weekday = 0; weekday < 7; ++weekday) {
            const auto date = coming_weekday(today, weekday);
            EXPECT_EQ(weekday_index(date), weekday);
            EXPECT_GE(days_between(today, date), 0);
            EXPECT_LE(days_between(today, date), 6);
        }
    }
}

TEST(DateMath, NextWeekWeekdayIsInTheFollowingMondayWeek) {
    for (int offset = 0; offset < 14; ++offset) {
        const auto today = add_days(ymd(2026, 11, 16), offset);
        for (unsigned weekday = 0; weekday < 7; ++weekday) {
            const auto date = next_week_weekday(today, weekday);
            EXPECT_EQ(weekday_index(date), weekday);
            EXPECT_EQ(week_of(date), week_of(today) + 1);
        }
    }
}

TEST(DateMath, NextFridayExamples) {
    EXPECT_EQ(next_week_weekday(ymd(2026, 11, 16), 5), ymd(2026, 11, 27));  // from a Monday
    EXPECT_EQ(next_week_weekday(ymd(2026, 11, 21), 5), ymd(2026, 11, 27));  // from a Saturday
    EXPECT_EQ(next_week_weekday(ymd(2026, 11, 22), 1), ymd(2026, 11, 23));  // Sunday: tomorrow
}

TEST(DateMath, PreviousWeekdayIsStrictlyBefore) {
    EXPECT_EQ(previous_weekday(ymd(2026, 11, 21), 6), ymd(2026, 11, 14));
    EXPECT_EQ(previous_weekday(ymd(2026, 11, 21), 5), ymd(2026, 11, 20));
}

TEST(DateMath, DayOfMonthRollsOverMonthsAndYears) {
    EXPECT_EQ(next_day_of_month(ymd(2026, 11, 21), 21), ymd(2026, 11, 21));
    EXPECT_EQ(next_day_of_month(ymd(2026, 11, 21), 20), ymd(2026, 12, 20));
    EXPECT_EQ(next_day_of_month(ymd(2026, 12, 20), 3), ymd(2027, 1, 3));
    EXPECT_EQ(next_day_of_month(ymd(2026, 11, 21), 31), ymd(2026, 12, 31));
    EXPECT_EQ(next_day_of_month(ymd(2027, 1, 31), 30), ymd(2027, 3, 30));  // February has none
    EXPECT_EQ(next_day_of_month(ymd(2027, 2, 1), 29), ymd(2027, 3, 29));
    EXPECT_EQ(next_day_of_month(ymd(2028, 2, 1), 29), ymd(2028, 2, 29));
    EXPECT_EQ(next_day_of_month(ymd(2026, 11, 21), 0), std::nullopt);
    EXPECT_EQ(next_day_of_month(ymd(2026, 11, 21), 32), std::nullopt);
}

TEST(DateMath, DayAndMonthChoosesTheYear) {
    EXPECT_EQ(next_day_and_month(ymd(2026, 11, 21), 22, 11), ymd(2026, 11, 22));
    EXPECT_EQ(next_day_and_month(ymd(2026, 11, 21), 20, 11), ymd(2027, 11, 20));
    EXPECT_EQ(next_day_and_month(ymd(2026, 11, 21), 5, 1), ymd(2027, 1, 5));
    EXPECT_EQ(next_day_and_month(ymd(2026, 11, 21), 29, 2), std::nullopt);  // 2027 is not leap
    EXPECT_EQ(next_day_and_month(ymd(2027, 12, 1), 29, 2), ymd(2028, 2, 29));
    EXPECT_EQ(next_day_and_month(ymd(2026, 11, 21), 31, 11), std::nullopt);
    EXPECT_EQ(next_day_and_month(ymd(2026, 11, 21), 1, 13), std::nullopt);
}

TEST(DateMath, ExactDate) {
    EXPECT_EQ(exact_date(2028, 2, 29), ymd(2028, 2, 29));
    EXPECT_EQ(exact_date(2027, 2, 29), std::nullopt);
    EXPECT_EQ(exact_date(2026, 0, 1), std::nullopt);
    EXPECT_EQ(exact_date(2026, 1, 300), std::nullopt);
}

}  // namespace
}  // namespace frontdesk::chat::detail
