// SqliteStore: reschedule, notes, listing.
#include <gtest/gtest.h>

#include "booking/sqlite_store.hpp"
#include "unit/booking/store_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace test;
using Kind = WriteOutcome::Kind;

constexpr std::chrono::minutes kNoBuffer{0};

class SqliteStoreChangesTest : public ::testing::Test {
protected:
    Booking book(std::vector<std::string> resources, Instant start, Instant end,
                 std::string facility = "club") {
        Booking booking = make_booking(std::move(resources), start, end, std::move(facility));
        EXPECT_EQ(store_.insert_booking(booking, std::nullopt, kNoBuffer, kNow).kind,
                  Kind::kInserted);
        return booking;
    }

    SqliteStore store_{":memory:"};
};

TEST_F(SqliteStoreChangesTest, RescheduleMayOverlapItsOwnOldSlot) {
    const Booking booking = book({"1"}, at_hour(10), at_hour(12));
    Booking moved = booking;
    moved.start = at_hour(11);
    moved.end = at_hour(13);
    moved.price.total = 99000;
    moved.updated_at = kNow + 1h;
    const auto result = store_.reschedule_booking(moved, 30min, kNow + 1h);
    ASSERT_EQ(result.kind, Kind::kInserted);
    EXPECT_EQ(result.booking->start, at_hour(11));
    EXPECT_EQ(result.booking->price.total, 99000);
    EXPECT_EQ(result.booking->created_at, booking.created_at);

    const auto occupied = store_.occupancy("club", at_hour(0), at_hour(24), kNow);
    ASSERT_EQ(occupied.size(), 1U);
    EXPECT_EQ(occupied[0].start, at_hour(11));
    // The old 10:00-11:00 is free again.
    EXPECT_EQ(store_
                  .insert_booking(make_booking({"1"}, at_hour(9), at_hour(10, 30)), std::nullopt,
                                  kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
}

TEST_F(SqliteStoreChangesTest, RescheduleToATakenSlotLeavesTheOriginalUntouched) {
    const Booking booking = book({"1"}, at_hour(10), at_hour(11));
    book({"2"}, at_hour(15), at_hour(16));
    Booking moved = booking;
    moved.resource_ids = {"2"};
    moved.start = at_hour(15, 30);
    moved.end = at_hour(16, 30);
    const auto result = store_.reschedule_booking(moved, kNoBuffer, kNow);
    EXPECT_EQ(result.kind, Kind::kConflict);
    EXPECT_EQ(result.conflicting_resource_ids, std::vector<std::string>{"2"});

    const auto stored = store_.find_booking(booking.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->resource_ids, std::vector<std::string>{"1"});
    EXPECT_EQ(stored->start, at_hour(10));
    EXPECT_EQ(stored->end, at_hour(11));
}

TEST_F(SqliteStoreChangesTest, RescheduleRespectsLiveHolds) {
    const Booking booking = book({"1"}, at_hour(10), at_hour(11));
    ASSERT_EQ(
        store_.insert_quote(make_quote({"1"}, at_hour(14), at_hour(15)), kNoBuffer, kNow).kind,
        Kind::kInserted);
    Booking moved = booking;
    moved.start = at_hour(14);
    moved.end = at_hour(15);
    EXPECT_EQ(store_.reschedule_booking(moved, kNoBuffer, kNow).kind, Kind::kConflict);
    EXPECT_EQ(store_.reschedule_booking(moved, kNoBuffer, kNow + 10min).kind, Kind::kInserted);
}

TEST_F(SqliteStoreChangesTest, RescheduleRefusesMissingAndCancelledBookings) {
    Booking ghost = make_booking({"1"}, at_hour(10), at_hour(11));
    EXPECT_EQ(store_.reschedule_booking(ghost, kNoBuffer, kNow).kind, Kind::kNotFound);
    const Booking booking = book({"1"}, at_hour(10), at_hour(11));
    ASSERT_EQ(store_.cancel_booking(booking.id, kNow).kind, Kind::kInserted);
    EXPECT_EQ(store_.reschedule_booking(booking, kNoBuffer, kNow).kind, Kind::kNotActive);
}

TEST_F(SqliteStoreChangesTest, UpdatesNotes) {
    const Booking booking = book({"1"}, at_hour(10), at_hour(11));
    const auto result = store_.update_notes(booking.id, "bring rackets", kNow + 5min);
    ASSERT_EQ(result.kind, Kind::kInserted);
    EXPECT_EQ(result.booking->notes, "bring rackets");
    EXPECT_EQ(result.booking->updated_at, kNow + 5min);
    EXPECT_EQ(store_.update_notes("bk_missing", "x", kNow).kind, Kind::kNotFound);
}

TEST_F(SqliteStoreChangesTest, ListsByFacilityTimeStatusAndContact) {
    const Booking morning = book({"1"}, at_hour(8), at_hour(9));
    const Booking noon = book({"1"}, at_hour(12), at_hour(13));
    Booking evening = make_booking({"2"}, at_hour(18), at_hour(19));
    evening.customer = Contact{"Li", "+1 (312) 555-0100", "li@example.org"};
    ASSERT_EQ(store_.insert_booking(evening, std::nullopt, kNoBuffer, kNow).kind, Kind::kInserted);
    book({"1"}, at_hour(8), at_hour(9), "other-club");
    ASSERT_EQ(store_.cancel_booking(noon.id, kNow).kind, Kind::kInserted);

    BookingFilter club;
    club.facility_id = "club";
    EXPECT_EQ(store_.list_bookings(club).size(), 3U);
    EXPECT_EQ(store_.list_bookings({}).size(), 4U);

    BookingFilter confirmed_later = club;
    confirmed_later.status = BookingStatus::kConfirmed;
    confirmed_later.starts_from = at_hour(8, 30);  // ends after: the morning booking counts
    const auto listed = store_.list_bookings(confirmed_later);
    ASSERT_EQ(listed.size(), 2U);
    EXPECT_EQ(listed[0].id, morning.id);
    EXPECT_EQ(listed[1].id, evening.id);

    BookingFilter before_noon = club;
    before_noon.starts_before = at_hour(12);
    EXPECT_EQ(store_.list_bookings(before_noon).size(), 1U);

    BookingFilter by_phone = club;
    by_phone.phone = "+13125550100";
    ASSERT_EQ(store_.list_bookings(by_phone).size(), 1U);
    EXPECT_EQ(store_.list_bookings(by_phone)[0].id, evening.id);

    BookingFilter national = club;  // no country code: the last 10 digits decide
    national.phone = "312-555-0100";
    EXPECT_EQ(store_.list_bookings(national).size(), 1U);
    BookingFilter other_country = club;  // both international: every digit counts
    other_country.phone = "+44 312 555 0100";
    EXPECT_TRUE(store_.list_bookings(other_country).empty());
    BookingFilter no_digits = club;
    no_digits.phone = "unknown";
    EXPECT_TRUE(store_.list_bookings(no_digits).empty());

    BookingFilter by_email = club;
    by_email.email = "ASHA@example.COM";
    EXPECT_EQ(store_.list_bookings(by_email).size(), 2U);

    BookingFilter limited = club;
    limited.limit = 1;
    EXPECT_EQ(store_.list_bookings(limited).size(), 1U);
}

}  // namespace
}  // namespace frontdesk::booking
