#include "booking/pricing.hpp"

#include <gtest/gtest.h>

#include "booking/money.hpp"
#include "booking/spoken.hpp"
#include "rules_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace testing;

Money sum_of_lines(const Price& price) {
    Money sum = 0;
    for (const auto& line : price.lines) sum += line.amount;
    return sum;
}

TEST(Pricing, CourtsAreChargedAtTheStartDaysHourlyRatePerCourt) {
    const auto pickle = facility_from_json(kPickleJson);
    const std::vector<std::string> courts{"1", "2"};
    // Saturday 21 November 18:00–20:00 in Mysore.
    const auto weekend = price_slot(pickle, nullptr, utc("2026-11-21T12:30:00Z"),
                                    utc("2026-11-21T14:30:00Z"), courts);
    EXPECT_EQ(weekend.currency, "INR");
    EXPECT_EQ(weekend.total, 120000);
    ASSERT_EQ(weekend.lines.size(), 2U);
    EXPECT_EQ(weekend.lines[1].description, "Court 2, Sat 21 Nov 18:00–20:00, 2 h × 300.00");
    EXPECT_EQ(weekend.lines[1].resource_id, "2");
    EXPECT_EQ(weekend.lines[1].amount, 60000);
    // The same hours on Friday are at the weekday rate.
    const auto weekday = price_slot(pickle, nullptr, utc("2026-11-20T12:30:00Z"),
                                    utc("2026-11-20T13:30:00Z"), std::span{courts}.first(1));
    EXPECT_EQ(weekday.total, 28000);
    EXPECT_EQ(weekday.lines[0].description, "Court 1, Fri 20 Nov 18:00–19:00, 1 h × 280.00");
}

TEST(Pricing, PartHoursRoundHalfUpAndLinesAddUpExactly) {
    auto club = facility_from_json(kClubJson);
    club.pricing.weekday_per_hour = 1001;  // 10.01 an hour: 30 minutes is 5.005
    const std::vector<std::string> courts{"court-1", "court-2", "center"};
    const auto price =
        price_slot(club, nullptr, utc("2026-11-16T19:00:00Z"), utc("2026-11-16T20:30:00Z"), courts);
    // 90 minutes at 10.01 is 15.015, rounded half up to 15.02 per court.
    EXPECT_EQ(price.lines.at(0).amount, 1502);
    EXPECT_EQ(price.total, 3 * 1502);
    EXPECT_EQ(sum_of_lines(price), price.total);
    EXPECT_EQ(price.lines.at(2).description,
              "Center Court, Mon 16 Nov 13:00–14:30, 1 h 30 min × 10.01");
}

TEST(Pricing, WeekendDaysCanBeConfigured) {
    auto json = std::string{kPickleJson};
    json.replace(json.find("\"weekend_per_hour\""), 0,
                 R"("weekend_days": ["friday", "saturday"], )");
    const auto pickle = facility_from_json(json);
    const std::vector<std::string> court{"3"};
    EXPECT_EQ(
        price_slot(pickle, nullptr, utc("2026-11-20T12:30:00Z"), utc("2026-11-20T13:30:00Z"), court)
            .total,
        30000);  // Friday
    EXPECT_EQ(
        price_slot(pickle, nullptr, utc("2026-11-22T12:30:00Z"), utc("2026-11-22T13:30:00Z"), court)
            .total,
        28000);  // Sunday
}

TEST(Pricing, ServicesCostTheirPricePerResource) {
    const auto salon = facility_from_json(kSalonJson);
    const auto* color = salon.find_service("color");
    ASSERT_NE(color, nullptr);
    const std::vector<std::string> stylist{"jordan"};
    const auto price =
        price_slot(salon, color, utc("2026-11-16T17:00:00Z"), utc("2026-11-16T18:30:00Z"), stylist);
    EXPECT_EQ(price.currency, "USD");
    EXPECT_EQ(price.total, 9500);
    ASSERT_EQ(price.lines.size(), 1U);
    EXPECT_EQ(price.lines[0].description,
              "Single-Process Color with Jordan, Mon 16 Nov 10:00–11:30");
}

TEST(Pricing, AnUnassignedSlotIsPricedAsOneUnit) {
    const auto pickle = facility_from_json(kPickleJson);
    const auto price =
        price_slot(pickle, nullptr, utc("2026-11-20T12:30:00Z"), utc("2026-11-20T13:30:00Z"), {});
    EXPECT_EQ(price.total, 28000);
    ASSERT_EQ(price.lines.size(), 1U);
    EXPECT_TRUE(price.lines[0].resource_id.empty());
}

TEST(Money, FormatsInMajorUnits) {
    EXPECT_EQ(format_money(28000, 2), "280.00");
    EXPECT_EQ(format_money(5, 2), "0.05");
    EXPECT_EQ(format_money(-150, 2), "-1.50");
    EXPECT_EQ(format_money(5, 0), "5");
    EXPECT_EQ(format_money(1234, 3), "1.234");
}

TEST(Money, ParsesDecimalsExactly) {
    EXPECT_EQ(parse_money("35", 2), 3500);
    EXPECT_EQ(parse_money("35.5", 2), 3550);
    EXPECT_EQ(parse_money("35.50", 2), 3550);
    EXPECT_EQ(parse_money("0.1", 2), 10);
    EXPECT_EQ(parse_money("-2.50", 2), -250);
    EXPECT_EQ(parse_money("35.0", 0), 35);
    EXPECT_EQ(parse_money("35.505", 2), std::nullopt);
    EXPECT_EQ(parse_money("35.5", 0), std::nullopt);
    EXPECT_EQ(parse_money("1e3", 2), std::nullopt);
    EXPECT_EQ(parse_money("35.", 2), std::nullopt);
    EXPECT_EQ(parse_money("", 2), std::nullopt);
    EXPECT_EQ(parse_money("1,000", 2), std::nullopt);
    EXPECT_EQ(parse_money("9999999999999", 2), std::nullopt);
}

TEST(Money, KnowsCurrencyMinorUnits) {
    EXPECT_EQ(currency_minor_digits("INR"), 2);
    EXPECT_EQ(currency_minor_digits("JPY"), 0);
    EXPECT_EQ(currency_minor_digits("KWD"), 3);
    EXPECT_EQ(currency_minor_digits("usd"), std::nullopt);
}

TEST(Spoken, TimesDatesAndLengthsReadNaturally) {
    EXPECT_EQ(spoken_time(at(0)), "midnight");
    EXPECT_EQ(spoken_time(at(12)), "noon");
    EXPECT_EQ(spoken_time(at(9, 5)), "9:05 am");
    EXPECT_EQ(spoken_time(at(21)), "9 pm");
    EXPECT_EQ(spoken_time(at(24)), "midnight");
    EXPECT_EQ(spoken_date(date(2026, 12, 25)), "Friday 25 December");
    EXPECT_EQ(spoken_duration(60), "1 hour");
    EXPECT_EQ(spoken_duration(90), "90 minutes");
    EXPECT_EQ(spoken_length(120), "2-hour");
    EXPECT_EQ(spoken_list({"a", "b", "c"}), "a, b and c");
    EXPECT_EQ(plural("court"), "courts");
}

}  // namespace
}  // namespace frontdesk::booking
