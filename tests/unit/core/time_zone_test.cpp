#include "core/time_zone.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono;

Instant utc(const char* text) { return *parse_rfc3339(text); }

TEST(TimeZone, UnknownZoneIsInvalidArgument) {
    try {
        (void)TimeZone::locate("Mars/Olympus_Mons");
        FAIL() << "expected InvalidArgument";
    } catch (const InvalidArgument& e) {
        EXPECT_EQ(e.code(), "INVALID_TIMEZONE");
    }
}

TEST(TimeZone, KolkataHasNoDst) {
    auto zone = TimeZone::locate("Asia/Kolkata");
    auto at = zone.to_instant(year{2026} / November / day{22}, hours{18});
    ASSERT_TRUE(at);
    EXPECT_EQ(format_rfc3339_utc(*at), "2026-11-22T12:30:00Z");
    EXPECT_EQ(zone.format_rfc3339(*at), "2026-11-22T18:00:00+05:30");
}

TEST(TimeZone, SpringForwardGapDoesNotExist) {
    auto zone = TimeZone::locate("America/Chicago");
    const auto day = year{2026} / March / std::chrono::day{8};  // DST starts 02:00 → 03:00
    EXPECT_FALSE(zone.to_instant(day, hours{2}));
    EXPECT_FALSE(zone.to_instant(day, hours{2} + minutes{30}));
    EXPECT_EQ(format_rfc3339_utc(*zone.to_instant(day, hours{1})), "2026-03-08T07:00:00Z");
    EXPECT_EQ(format_rfc3339_utc(*zone.to_instant(day, hours{3})), "2026-03-08T08:00:00Z");
}

TEST(TimeZone, FallBackRepeatResolvesToTheEarlierInstant) {
    auto zone = TimeZone::locate("America/Chicago");
    const auto day = year{2026} / November / std::chrono::day{1};  // 02:00 CDT → 01:00 CST
    auto first = zone.to_instant(day, hours{1});
    ASSERT_TRUE(first);
    EXPECT_EQ(format_rfc3339_utc(*first), "2026-11-01T06:00:00Z");
    // One hour later on the time line is 01:00 again, now CST.
    auto later = zone.to_local(*first + hours{1});
    EXPECT_EQ(later.time, hours{1});
    EXPECT_EQ(later.offset, hours{-6});
    EXPECT_EQ(zone.format_rfc3339(*first), "2026-11-01T01:00:00-05:00");
}

TEST(TimeZone, TodayFollowsTheZoneNotUtc) {
    auto zone = TimeZone::locate("Asia/Kolkata");
    // 20:00 UTC on the 21st is already the 22nd in India.
    EXPECT_EQ(zone.today(utc("2026-11-21T20:00:00Z")), year{2026} / November / day{22});
}

TEST(Rfc3339, ParsesOffsetsAndRejectsJunk) {
    EXPECT_EQ(utc("2026-11-22T18:00:00+05:30"), utc("2026-11-22T12:30:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-11-22 18:00"));
    EXPECT_FALSE(parse_rfc3339("2026-11-22T18:00:00Zjunk"));
    EXPECT_FALSE(parse_rfc3339(""));
}

}  // namespace
}  // namespace frontdesk
