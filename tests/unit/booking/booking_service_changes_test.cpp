// BookingService: cancel, reschedule, notes, finding a customer's bookings, racing callers.
#include <atomic>
#include <latch>
#include <thread>

#include <gtest/gtest.h>

#include "booking/booking_service.hpp"
#include "unit/booking/service_test_support.hpp"
#include "unit/booking/store_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace test;

using BookingServiceChangesTest = ServiceTest;

TEST_F(BookingServiceChangesTest, CancelRespectsTheNoticeAndIsIdempotent) {
    // Saturday 10:00 with 2 hours' notice: cancellable until 08:00.
    const Booking booking = service_.create_booking(court_request(kSaturday, 10), std::nullopt);
    clock_.set(utc(kSaturday, 8, 1));
    EXPECT_EQ(error_code_of([&] { return service_.cancel_booking(booking.id, true); }),
              "CANCELLATION_TOO_LATE");
    clock_.set(utc(kSaturday, 8));
    const Booking cancelled = service_.cancel_booking(booking.id, true);
    EXPECT_EQ(cancelled.status, BookingStatus::kCancelled);
    EXPECT_EQ(cancelled.cancelled_at, utc(kSaturday, 8));

    clock_.advance(5min);
    const Booking again = service_.cancel_booking(booking.id, true);
    EXPECT_EQ(again.status, BookingStatus::kCancelled);
    EXPECT_EQ(again.cancelled_at, utc(kSaturday, 8));
    EXPECT_EQ(error_code_of([&] { return service_.cancel_booking("bk_nope", false); }),
              "BOOKING_NOT_FOUND");
}

TEST_F(BookingServiceChangesTest, OwnersMayCancelLate) {
    const Booking booking = service_.create_booking(court_request(kSaturday, 10), std::nullopt);
    clock_.set(utc(kSaturday, 9, 30));
    EXPECT_EQ(service_.cancel_booking(booking.id, false).status, BookingStatus::kCancelled);
    // The court is free again.
    clock_.set(utc(kSaturday, 6));
    EXPECT_EQ(service_.create_quote(court_request(kSaturday, 10)).resource_ids[0], "1");
}

TEST_F(BookingServiceChangesTest, RescheduleToATakenSlotLeavesTheOriginalUntouched) {
    const Booking mine =
        service_.create_booking(court_request(kSaturday, 18, 1, {"1"}), std::nullopt);
    (void)service_.create_booking(court_request(kSaturday, 20, 1, {"1"}), std::nullopt);
    RescheduleRequest to_eight;
    to_eight.start_time = TimeOfDay{20 * 60};
    to_eight.resource_ids = {"1"};
    EXPECT_THROW((void)service_.reschedule_booking(mine.id, to_eight, true), SlotUnavailable);
    const Booking stored = service_.get_booking(mine.id);
    EXPECT_EQ(stored.start, utc(kSaturday, 18));
    EXPECT_EQ(stored.resource_ids, std::vector<std::string>{"1"});

    // Without a named court it moves to a free one.
    to_eight.resource_ids.clear();
    const Booking moved = service_.reschedule_booking(mine.id, to_eight, true);
    EXPECT_EQ(moved.id, mine.id);
    EXPECT_EQ(moved.start, utc(kSaturday, 20));
    EXPECT_EQ(moved.resource_ids, std::vector<std::string>{"2"});
}

TEST_F(BookingServiceChangesTest, RescheduleKeepsTheCourtAndReprices) {
    const Booking mine =
        service_.create_booking(court_request(kSaturday, 10, 2, {"3"}), std::nullopt);
    RescheduleRequest later;
    later.date = kMonday;
    later.start_time = TimeOfDay{11 * 60};  // overlaps nothing but itself would on Saturday
    const Booking moved = service_.reschedule_booking(mine.id, later, true);
    EXPECT_EQ(moved.resource_ids, std::vector<std::string>{"3"});
    EXPECT_EQ(moved.start, utc(kMonday, 11));
    EXPECT_EQ(moved.end, utc(kMonday, 13));
    EXPECT_EQ(moved.price.total, 2 * kWeekdayRate);
    EXPECT_EQ(moved.created_at, mine.created_at);

    // Shifting by an hour overlaps its own old slot, which must not count as taken.
    RescheduleRequest shift;
    shift.start_time = TimeOfDay{12 * 60};
    EXPECT_EQ(service_.reschedule_booking(mine.id, shift, true).start, utc(kMonday, 12));
}

TEST_F(BookingServiceChangesTest, RescheduleRefusesCancelledAndLateChanges) {
    const Booking booking = service_.create_booking(court_request(kSaturday, 10), std::nullopt);
    RescheduleRequest later;
    later.start_time = TimeOfDay{15 * 60};
    clock_.set(utc(kSaturday, 9));
    EXPECT_EQ(error_code_of([&] { return service_.reschedule_booking(booking.id, later, true); }),
              "RESCHEDULE_TOO_LATE");
    (void)service_.cancel_booking(booking.id, false);
    EXPECT_EQ(error_code_of([&] { return service_.reschedule_booking(booking.id, later, false); }),
              "BOOKING_CANCELLED");
}

TEST_F(BookingServiceChangesTest, FindsUpcomingBookingsByPhoneOrEmail) {
    const Booking saturday = service_.create_booking(court_request(kSaturday, 10), std::nullopt);
    const Booking monday = service_.create_booking(court_request(kMonday, 10), std::nullopt);
    BookingRequest someone_else = court_request(kMonday, 12);
    someone_else.customer = Contact{"Li", "+1 312 555 0111", ""};
    (void)service_.create_booking(someone_else, std::nullopt);

    const auto by_phone = service_.find_upcoming("club", "(+91) 98765-43210", std::nullopt);
    ASSERT_EQ(by_phone.size(), 2U);
    EXPECT_EQ(by_phone[0].id, saturday.id);
    EXPECT_EQ(service_.find_upcoming("club", "98765 43210", std::nullopt).size(), 2U);
    EXPECT_EQ(service_.find_upcoming("club", std::nullopt, "ASHA@example.com").size(), 2U);
    EXPECT_EQ(service_.find_upcoming("club", "+919876543210", "asha@example.com").size(), 2U);

    clock_.set(utc(kSaturday, 11));  // Saturday's booking has ended
    const auto later = service_.find_upcoming("club", "+919876543210", std::nullopt);
    ASSERT_EQ(later.size(), 1U);
    EXPECT_EQ(later[0].id, monday.id);
    EXPECT_EQ(error_code_of([&] { return service_.find_upcoming("club", "", std::nullopt); }),
              "CONTACT_REQUIRED");
}

TEST_F(BookingServiceChangesTest, UpdatesNotes) {
    const Booking booking = service_.create_booking(court_request(kSaturday, 10), std::nullopt);
    EXPECT_EQ(service_.update_notes(booking.id, "two rackets").notes, "two rackets");
    EXPECT_EQ(error_code_of([&] { return service_.update_notes("bk_nope", "x"); }),
              "BOOKING_NOT_FOUND");
    EXPECT_EQ(
        error_code_of([&] { return service_.update_notes(booking.id, std::string(3000, 'x')); }),
        "NOTES_TOO_LONG");
}

TEST(BookingServiceRace, CallersRacingForOneCourtGetOneBooking) {
    constexpr int kCallers = 16;
    ScratchDir dir;
    const FacilityDirectory directory{std::vector<Facility>{make_club()}};
    SqliteStore store{dir.path() / "race.db"};
    ManualClock clock{utc(kSaturday, 8) - 24h};
    BookingService service{directory, store, clock};
    std::atomic<int> booked{0};
    std::atomic<int> refused{0};
    std::latch start{kCallers};
    {
        std::vector<std::jthread> callers;
        for (int i = 0; i < kCallers; ++i) {
            callers.emplace_back([&] {
                start.arrive_and_wait();
                try {
                    const Quote quote =
                        service.create_quote(court_request(kSaturday, 18, 1, {"2"}));
                    (void)service.confirm_quote(quote.id);
                    ++booked;
                } catch (const SlotUnavailable&) {
                    ++refused;
                }
            });
        }
    }
    EXPECT_EQ(booked, 1);
    EXPECT_EQ(refused, kCallers - 1);
    EXPECT_EQ(service.list_bookings({}).size(), 1U);
}

}  // namespace
}  // namespace frontdesk::booking
