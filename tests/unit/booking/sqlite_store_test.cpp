#include "booking/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "booking/sqlite_schema.hpp"
#include "core/error.hpp"
#include "unit/booking/store_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace test;
using Kind = WriteOutcome::Kind;

constexpr std::chrono::minutes kNoBuffer{0};

class SqliteStoreTest : public ::testing::Test {
protected:
    SqliteStore store_{":memory:"};
};

TEST(SqliteStoreOpen, MigratesAFreshFileAndReopensIt) {
    ScratchDir dir;
    const auto path = dir.path() / "nested" / "folder" / "frontdesk.db";
    const Booking booking = make_booking({"1"}, at_hour(10), at_hour(11));
    {
        SqliteStore store{path};
        EXPECT_EQ(store.schema_version(), sqlite::kSchemaVersion);
        ASSERT_EQ(store.insert_booking(booking, std::nullopt, kNoBuffer, kNow).kind,
                  Kind::kInserted);
    }
    SqliteStore reopened{path};
    EXPECT_EQ(reopened.schema_version(), sqlite::kSchemaVersion);
    const auto found = reopened.find_booking(booking.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->resource_ids, booking.resource_ids);
    EXPECT_EQ(found->start, booking.start);
    EXPECT_EQ(found->price.total, booking.price.total);
    ASSERT_EQ(found->price.lines.size(), 1U);
    EXPECT_EQ(found->price.lines[0].description, "Court 1, 10:00-11:00");
    EXPECT_EQ(found->customer.email, "Asha@Example.com");
}

TEST(SqliteStoreOpen, RefusesASchemaFromANewerBuild) {
    ScratchDir dir;
    const auto path = dir.path() / "frontdesk.db";
    { SqliteStore store{path}; }
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
        EXPECT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(raw);
    }
    try {
        SqliteStore store{path};
        FAIL() << "opened a schema from the future";
    } catch (const Unavailable& e) {
        EXPECT_EQ(e.code(), "STORE_SCHEMA_TOO_NEW");
    }
}

TEST(SqliteStoreOpen, UnusablePathIsUnavailable) {
    ScratchDir dir;
    const auto file = dir.path() / "plain-file";
    { SqliteStore store{file}; }  // a regular file now stands where a folder is needed
    try {
        SqliteStore store{file / "frontdesk.db"};
        FAIL() << "opened a database below a regular file";
    } catch (const Unavailable& e) {
        EXPECT_EQ(e.code(), "STORE_UNAVAILABLE");
    }
}

TEST(SqliteStoreOpen, WriterLockedOutPastBusyTimeoutIsUnavailable) {
    ScratchDir dir;
    const auto path = dir.path() / "frontdesk.db";
    SqliteStore store{path, SqliteStoreOptions{.busy_timeout = 50ms}};
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    try {
        (void)store.insert_booking(make_booking({"1"}, at_hour(10), at_hour(11)), std::nullopt,
                                   kNoBuffer, kNow);
        ADD_FAILURE() << "wrote past another connection's write lock";
    } catch (const Unavailable& e) {
        EXPECT_EQ(e.code(), "STORE_UNAVAILABLE");
    }
    // Readers are not blocked by the writer (WAL).
    EXPECT_TRUE(store.list_bookings({}).empty());
    sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    EXPECT_EQ(store
                  .insert_booking(make_booking({"1"}, at_hour(10), at_hour(11)), std::nullopt,
                                  kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
}

TEST_F(SqliteStoreTest, FailedWriteRollsBackEntirely) {
    const Booking booking = make_booking({"1"}, at_hour(10), at_hour(11));
    ASSERT_EQ(store_.insert_booking(booking, std::nullopt, kNoBuffer, kNow).kind, Kind::kInserted);
    // Same id again on other courts: the bookings row fails after nothing, or the resources
    // rows after the booking; either way nothing of it may stay.
    Booking clash = make_booking({"2", "3"}, at_hour(12), at_hour(13));
    clash.id = booking.id;
    try {
        (void)store_.insert_booking(clash, "key-1", kNoBuffer, kNow);
        FAIL() << "wrote a duplicate booking id";
    } catch (const InternalError& e) {
        EXPECT_EQ(e.code(), "STORE_ERROR");
    }
    EXPECT_EQ(store_.occupancy("club", at_hour(0), at_hour(24), kNow).size(), 1U);
    EXPECT_EQ(
        store_
            .insert_booking(make_booking({"2"}, at_hour(15), at_hour(16)), "key-1", kNoBuffer, kNow)
            .kind,
        Kind::kInserted);  // the key was not recorded either
}

TEST_F(SqliteStoreTest, OverlapHonoursTheBuffer) {
    ASSERT_EQ(store_
                  .insert_booking(make_booking({"1"}, at_hour(10), at_hour(11)), std::nullopt,
                                  kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
    const auto back_to_back = make_booking({"1"}, at_hour(11), at_hour(12));
    const auto clash = store_.insert_booking(back_to_back, std::nullopt, 15min, kNow);
    EXPECT_EQ(clash.kind, Kind::kConflict);
    EXPECT_EQ(clash.conflicting_resource_ids, std::vector<std::string>{"1"});
    // Before the booking, the buffer applies the other way round too.
    EXPECT_EQ(store_
                  .insert_booking(make_booking({"1"}, at_hour(9), at_hour(9, 50)), std::nullopt,
                                  15min, kNow)
                  .kind,
              Kind::kConflict);
    EXPECT_EQ(store_
                  .insert_booking(make_booking({"1"}, at_hour(11, 15), at_hour(12)), std::nullopt,
                                  15min, kNow)
                  .kind,
              Kind::kInserted);
    EXPECT_EQ(store_.insert_booking(back_to_back, std::nullopt, kNoBuffer, kNow).kind,
              Kind::kConflict);  // 11:15-12:00 now holds court 1
}

TEST_F(SqliteStoreTest, OverlapIsPerResourceAndPerFacility) {
    ASSERT_EQ(store_
                  .insert_booking(make_booking({"1", "2"}, at_hour(10), at_hour(12)), std::nullopt,
                                  kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
    const auto partly = store_.insert_booking(make_booking({"3", "2"}, at_hour(11), at_hour(12)),
                                              std::nullopt, kNoBuffer, kNow);
    EXPECT_EQ(partly.kind, Kind::kConflict);
    EXPECT_EQ(partly.conflicting_resource_ids, std::vector<std::string>{"2"});
    EXPECT_EQ(store_
                  .insert_booking(make_booking({"3"}, at_hour(10), at_hour(12)), std::nullopt,
                                  kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
    EXPECT_EQ(store_
                  .insert_booking(make_booking({"1"}, at_hour(10), at_hour(12), "other-club"),
                                  std::nullopt, kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
}

TEST_F(SqliteStoreTest, RejectsMalformedSpans) {
    EXPECT_THROW((void)store_.insert_booking(make_booking({}, at_hour(10), at_hour(11)),
                                             std::nullopt, kNoBuffer, kNow),
                 InvalidArgument);
    EXPECT_THROW((void)store_.insert_booking(make_booking({"1", "1"}, at_hour(10), at_hour(11)),
                                             std::nullopt, kNoBuffer, kNow),
                 InvalidArgument);
    EXPECT_THROW(
        (void)store_.insert_quote(make_quote({"1"}, at_hour(11), at_hour(10)), kNoBuffer, kNow),
        InvalidArgument);
    EXPECT_THROW(
        (void)store_.insert_quote(make_quote({"1"}, at_hour(0), at_hour(0) + 25h), kNoBuffer, kNow),
        InvalidArgument);
}

TEST_F(SqliteStoreTest, LiveHoldsBlockUntilTheyExpire) {
    const Quote held = make_quote({"2"}, at_hour(18), at_hour(20), kNow + 10min);
    ASSERT_EQ(store_.insert_quote(held, kNoBuffer, kNow).kind, Kind::kInserted);

    const Quote rival = make_quote({"2"}, at_hour(19), at_hour(21), kNow + 20min);
    EXPECT_EQ(store_.insert_quote(rival, kNoBuffer, kNow + 5min).kind, Kind::kConflict);
    EXPECT_EQ(store_
                  .insert_booking(make_booking({"2"}, at_hour(19), at_hour(20)), std::nullopt,
                                  kNoBuffer, kNow + 5min)
                  .kind,
              Kind::kConflict);
    EXPECT_EQ(store_.occupancy("club", at_hour(0), at_hour(24), kNow + 5min).size(), 1U);

    // At expires_at the hold is gone, with or without release_expired_quotes.
    EXPECT_TRUE(store_.occupancy("club", at_hour(0), at_hour(24), kNow + 10min).empty());
    EXPECT_EQ(store_.insert_quote(rival, kNoBuffer, kNow + 10min).kind, Kind::kInserted);
}

TEST_F(SqliteStoreTest, QuotesThatDoNotHoldNeitherBlockNorCheckHolds) {
    Quote first = make_quote({"2"}, at_hour(18), at_hour(20));
    first.holds_slot = false;
    Quote second = first;
    second.id = new_id("qt");
    ASSERT_EQ(store_.insert_quote(first, kNoBuffer, kNow).kind, Kind::kInserted);
    EXPECT_EQ(store_.insert_quote(second, kNoBuffer, kNow).kind, Kind::kInserted);
    EXPECT_TRUE(store_.occupancy("club", at_hour(0), at_hour(24), kNow).empty());
    // A confirmed booking still blocks them.
    ASSERT_EQ(store_.confirm_quote(first.id, booking_for(first), kNoBuffer, kNow).kind,
              Kind::kConfirmed);
    const auto late = store_.confirm_quote(second.id, booking_for(second), kNoBuffer, kNow);
    EXPECT_EQ(late.kind, Kind::kConflict);
    EXPECT_EQ(late.conflicting_resource_ids, std::vector<std::string>{"2"});
}

TEST_F(SqliteStoreTest, ConfirmIsIdempotent) {
    const Quote quote = make_quote({"2", "3"}, at_hour(18), at_hour(20));
    ASSERT_EQ(store_.insert_quote(quote, kNoBuffer, kNow).kind, Kind::kInserted);
    const auto first = store_.confirm_quote(quote.id, booking_for(quote), kNoBuffer, kNow);
    ASSERT_EQ(first.kind, Kind::kConfirmed);
    ASSERT_TRUE(first.booking);
    EXPECT_EQ(first.booking->resource_ids, quote.resource_ids);
    EXPECT_EQ(first.booking->quote_id, quote.id);
    EXPECT_EQ(first.booking->customer.email, quote.customer.email);

    // Again, even after the hold would have expired and with another proposed id.
    const auto again = store_.confirm_quote(quote.id, booking_for(quote), kNoBuffer, kNow + 1h);
    ASSERT_EQ(again.kind, Kind::kAlreadyConfirmed);
    ASSERT_TRUE(again.booking);
    EXPECT_EQ(again.booking->id, first.booking->id);

    const auto stored = store_.find_quote(quote.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, QuoteStatus::kConfirmed);
    EXPECT_EQ(stored->booking_id, first.booking->id);
    EXPECT_EQ(store_.occupancy("club", at_hour(0), at_hour(24), kNow).size(), 2U);
}

TEST_F(SqliteStoreTest, ConfirmRefusesMissingExpiredAndReleasedQuotes) {
    EXPECT_EQ(store_.confirm_quote("qt_missing", Booking{}, kNoBuffer, kNow).kind, Kind::kNotFound);

    const Quote quote = make_quote({"1"}, at_hour(8), at_hour(9), kNow + 10min);
    ASSERT_EQ(store_.insert_quote(quote, kNoBuffer, kNow).kind, Kind::kInserted);
    EXPECT_EQ(store_.confirm_quote(quote.id, booking_for(quote), kNoBuffer, kNow + 10min).kind,
              Kind::kExpired);

    const Quote other = make_quote({"1"}, at_hour(12), at_hour(13), kNow + 30min);
    ASSERT_EQ(store_.insert_quote(other, kNoBuffer, kNow).kind, Kind::kInserted);
    EXPECT_EQ(store_.release_expired_quotes(kNow + 15min), 1);  // only the first
    EXPECT_EQ(store_.find_quote(quote.id)->status, QuoteStatus::kReleased);
    EXPECT_EQ(store_.find_quote(other.id)->status, QuoteStatus::kOpen);
    EXPECT_EQ(store_.confirm_quote(quote.id, booking_for(quote), kNoBuffer, kNow).kind,
              Kind::kExpired);  // released stays expired even for an earlier clock
    EXPECT_TRUE(store_.list_bookings({}).empty());
}

TEST_F(SqliteStoreTest, IdempotencyKeyReturnsTheEarlierBooking) {
    const Booking first = make_booking({"1"}, at_hour(10), at_hour(11));
    const std::optional<std::string> key = "gpt-action-42";
    ASSERT_EQ(store_.insert_booking(first, key, kNoBuffer, kNow).kind, Kind::kInserted);

    // A retry with a new id (and even a different slot) writes nothing.
    const auto retry =
        store_.insert_booking(make_booking({"4"}, at_hour(15), at_hour(16)), key, kNoBuffer, kNow);
    ASSERT_EQ(retry.kind, Kind::kDuplicate);
    ASSERT_TRUE(retry.booking);
    EXPECT_EQ(retry.booking->id, first.id);
    EXPECT_EQ(store_.list_bookings({}).size(), 1U);

    // Keys are per facility.
    EXPECT_EQ(store_
                  .insert_booking(make_booking({"1"}, at_hour(10), at_hour(11), "other-club"), key,
                                  kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
}

TEST_F(SqliteStoreTest, CancelFreesTheSlotOnce) {
    const Booking booking = make_booking({"1"}, at_hour(10), at_hour(11));
    ASSERT_EQ(store_.insert_booking(booking, std::nullopt, kNoBuffer, kNow).kind, Kind::kInserted);
    const auto cancelled = store_.cancel_booking(booking.id, kNow + 1h);
    ASSERT_EQ(cancelled.kind, Kind::kInserted);
    EXPECT_EQ(cancelled.booking->status, BookingStatus::kCancelled);
    EXPECT_EQ(cancelled.booking->cancelled_at, kNow + 1h);
    EXPECT_EQ(store_.find_booking(booking.id)->status, BookingStatus::kCancelled);

    const auto again = store_.cancel_booking(booking.id, kNow + 2h);
    EXPECT_EQ(again.kind, Kind::kNotActive);
    EXPECT_EQ(again.booking->cancelled_at, kNow + 1h);
    EXPECT_EQ(store_.cancel_booking("bk_missing", kNow).kind, Kind::kNotFound);

    EXPECT_EQ(store_
                  .insert_booking(make_booking({"1"}, at_hour(10), at_hour(11)), std::nullopt,
                                  kNoBuffer, kNow)
                  .kind,
              Kind::kInserted);
}

}  // namespace
}  // namespace frontdesk::booking
