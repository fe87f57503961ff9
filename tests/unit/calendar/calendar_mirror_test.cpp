// The outbox (written with the booking) and the mirror writing it out to the fake Google.
#include <chrono>

#include <nlohmann/json.hpp>

#include "calendar/event_mapping.hpp"
#include "calendar_test_support.hpp"

namespace frontdesk::calendar::test {
namespace {

using booking::CalendarSyncState;

nlohmann::json google_event(const frontdesk::test::FakeGoogle& google, const booking::Booking& b) {
    return google.event(kClubCalendar, event_id_for(b.id)).value_or(nlohmann::json{});
}

TEST_F(CalendarTest, OutboxRowIsWrittenWithTheBookingOnlyWhenEnabled) {
    const auto first = book(10);
    EXPECT_EQ(store_.outbox_size(), 1U);
    EXPECT_EQ(calendar_sync_json(store_, first.id)["state"], "pending");
    store_.enable_calendar_outbox(false);
    (void)book(11);
    EXPECT_EQ(store_.outbox_size(), 1U);
    EXPECT_EQ(calendar_sync_json(store_, "bk_unknown")["state"], "not_synced");
}

TEST_F(CalendarTest, BookingBecomesAnEventWithTheSeedsFields) {
    const auto booking = book(10, "2");
    const auto report = mirror_.drain_once();
    EXPECT_EQ(report.written, 1);
    const auto event = google_event(google_, booking);
    ASSERT_FALSE(event.empty());
    EXPECT_EQ(event["summary"], "Court 2 Booking - Asha Rao");
    const auto description = event["description"].get<std::string>();
    for (const char* part : {"Customer Name: Asha Rao", "Phone: +919876543210",
                             "Facility: Test Club (club)", "Court Number: 2", "Date: 2030-06-01",
                             "Start Time: 10:00", "End Time: 11:00", "Duration: 60 minutes",
                             "Price: INR 600.00"}) {
        EXPECT_NE(description.find(part), std::string::npos) << part << "\n" << description;
    }
    EXPECT_EQ(event["start"]["dateTime"], "2030-06-01T10:00:00+00:00");
    EXPECT_EQ(event["extendedProperties"]["private"]["booking_id"], booking.id);
    EXPECT_EQ(event["extendedProperties"]["private"]["facility_id"], "club");
    EXPECT_EQ(event["extendedProperties"]["private"]["court"], "2");
    const auto state = calendar_sync_json(store_, booking.id);
    EXPECT_EQ(state["state"], "synced");
    EXPECT_EQ(state["event_id"], event_id_for(booking.id));
    EXPECT_EQ(store_.outbox_size(), 0U);
}

TEST_F(CalendarTest, CancelDeletesAndReschedulePatches) {
    const auto kept = book(10);
    const auto dropped = book(12);
    (void)mirror_.drain_once();
    booking::RescheduleRequest later;
    later.start_time = TimeOfDay{15 * 60};
    (void)service_.reschedule_booking(kept.id, later, false);
    (void)service_.cancel_booking(dropped.id, false);
    EXPECT_EQ(mirror_.drain_once().written, 2);
    EXPECT_EQ(google_event(google_, kept)["start"]["dateTime"], "2030-06-01T15:00:00+00:00");
    EXPECT_EQ(google_event(google_, dropped)["status"], "cancelled");
    EXPECT_EQ(google_.inserts(), 2);
    EXPECT_EQ(google_.duplicates(), 0);  // a known event is patched, not re-inserted
    EXPECT_EQ(google_.live_events(kClubCalendar), 1);
    EXPECT_EQ(calendar_sync_json(store_, dropped.id)["state"], "deleted");
}

TEST_F(CalendarTest, CancelBeforeTheFirstWriteNeverCreatesTheEvent) {
    const auto booking = book(10);
    (void)service_.cancel_booking(booking.id, false);
    (void)mirror_.drain_once();
    EXPECT_EQ(google_.inserts(), 0);
    EXPECT_EQ(calendar_sync_json(store_, booking.id)["state"], "deleted");
}

TEST_F(CalendarTest, GoogleDownThenBackDrainsWithoutDuplicates) {
    std::vector<booking::Booking> bookings;
    google_.fail_next(1000, 503, "backendError");
    for (int hour = 8; hour < 14; ++hour) bookings.push_back(book(hour));  // all confirmed
    for (int round = 0; round < 4; ++round) {
        (void)mirror_.drain_once();
        clock_.advance(10min);
    }
    EXPECT_EQ(google_.inserts(), 0);
    const auto pending = calendar_sync_json(store_, bookings.front().id);
    EXPECT_EQ(pending["state"], "pending");
    EXPECT_NE(pending["last_error"].get<std::string>().find("503 backendError"), std::string::npos);
    // An insert that reached Google although its answer was lost.
    google_.fail_next(0, 0, "");
    ASSERT_FALSE(client_.insert_event(kClubCalendar, booking_event(bookings[0], club_with_calendar())));
    for (int round = 0; round < 20 && store_.outbox_size() > 0; ++round) {
        (void)mirror_.drain_once();
        clock_.advance(10min);
    }
    EXPECT_EQ(store_.outbox_size(), 0U);
    EXPECT_EQ(google_.live_events(kClubCalendar), 6);
    EXPECT_EQ(google_.inserts(), 6);
    EXPECT_EQ(google_.duplicates(), 1);  // the lost answer: 409, then a patch
    for (const auto& b : bookings) EXPECT_EQ(calendar_sync_json(store_, b.id)["state"], "synced");
}

TEST_F(CalendarTest, RateLimitHonoursRetryAfterAndHoldsTheBatch) {
    (void)book(10);
    const auto second = book(11);
    google_.fail_next(1, 429, "rateLimitExceeded", 90);
    const auto report = mirror_.drain_once();
    EXPECT_EQ(report.retrying, 2);  // the failed row and the one deferred behind it
    const auto state = calendar_sync_json(store_, second.id);
    EXPECT_GE(parse_rfc3339(state["next_attempt_at"].get<std::string>()).value(),
              clock_.now() + 90s);
    EXPECT_EQ(mirror_.drain_once().claimed, 0);  // nothing due before Retry-After
    clock_.advance(91s);
    EXPECT_EQ(mirror_.drain_once().written, 2);
}

TEST_F(CalendarTest, BadRequestFailsForGoodAndIsShown) {
    const auto booking = book(10);
    google_.fail_next(1, 400, "invalid");
    EXPECT_EQ(mirror_.drain_once().failed, 1);
    clock_.advance(1h);
    EXPECT_EQ(mirror_.drain_once().claimed, 0);
    const auto state = calendar_sync_json(store_, booking.id);
    EXPECT_EQ(state["state"], "failed");
    EXPECT_NE(state["last_error"].get<std::string>().find("400 invalid"), std::string::npos);
}

TEST_F(CalendarTest, MeasuresTheDrainRate) {
    constexpr int kBookings = 60;
    for (int i = 0; i < kBookings; ++i) {
        const auto day = add_days(kSaturday, i / 14);
        (void)service_.create_booking(court_request(day, 8 + i % 14, 1, {"1"}), std::nullopt);
    }
    const auto started = std::chrono::steady_clock::now();
    while (store_.outbox_size() > 0) (void)mirror_.drain_once();
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const auto ms = std::chrono::duration<double, std::milli>(elapsed).count();
    EXPECT_EQ(google_.live_events(kClubCalendar), kBookings);
    RecordProperty("drain_ms", std::to_string(ms));
    std::printf("[ MEASURE  ] outbox drain: %d events in %.1f ms = %.0f events/s (in-process fake)\n",
                kBookings, ms, kBookings * 1000.0 / ms);
}

}  // namespace
}  // namespace frontdesk::calendar::test
