// Staff blocks from Google feed availability and the store's clash check; the live check at
// confirm time.
#include <chrono>

#include "calendar_test_support.hpp"

namespace frontdesk::calendar::test {
namespace {

using Strings = std::vector<std::string>;

std::string error_code_of(auto call) {
    try {
        (void)call();
    } catch (const Error& e) {
        return e.code();
    }
    return "no error";
}

TEST_F(CalendarTest, StaffBlockTakesTheCourtAndReleasingItGivesItBack) {
    EXPECT_EQ(free_courts_at(10), (Strings{"1", "2", "3"}));
    const auto event = google_.add_event(kClubCalendar, "Court 2 - maintenance",
                                         utc(kSaturday, 9, 30), utc(kSaturday, 11));
    const auto started = std::chrono::steady_clock::now();
    const auto report = importer_.poll_once();
    const auto import_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(report.blocks, 1);
    EXPECT_EQ(free_courts_at(10), (Strings{"1", "3"}));
    EXPECT_EQ(error_code_of([&] { return book(10, "2"); }), "SLOT_UNAVAILABLE");
    std::printf("[ MEASURE  ] staff block -> availability: one poll took %.2f ms (+ poll interval)\n",
                import_ms);

    google_.cancel_event(kClubCalendar, event);
    EXPECT_EQ(importer_.poll_once().released, 1);
    EXPECT_EQ(free_courts_at(10), (Strings{"1", "2", "3"}));
    EXPECT_NO_THROW((void)book(10, "2"));
}

TEST_F(CalendarTest, EventNamingNoCourtClosesTheFacility) {
    (void)google_.add_event(kClubCalendar, "Closed for tournament", utc(kSaturday, 14),
                            utc(kSaturday, 18));
    (void)importer_.poll_once();
    EXPECT_TRUE(free_courts_at(15).empty());
    EXPECT_EQ(free_courts_at(13), (Strings{"1", "2", "3"}));
    EXPECT_EQ(error_code_of([&] { return book(16, "3"); }), "SLOT_UNAVAILABLE");
}

TEST_F(CalendarTest, AllDayAndRecurringEventsBlock) {
    (void)google_.add_all_day_event(kClubCalendar, "court 3 resurfacing", "2030-06-01",
                                    "2030-06-02");
    (void)google_.add_daily_series(kClubCalendar, "Court 1 coaching", utc(kSaturday, 7) - 48h,
                                   60min, 5);
    (void)importer_.poll_once();
    EXPECT_EQ(free_courts_at(7), (Strings{"2"}));
    EXPECT_EQ(free_courts_at(20), (Strings{"1", "2"}));
}

TEST_F(CalendarTest, OurOwnEventsNeverBlock) {
    (void)book(10, "1");
    (void)mirror_.drain_once();
    const auto report = importer_.poll_once();
    EXPECT_EQ(report.events, 1);
    EXPECT_EQ(report.blocks, 0);
    EXPECT_TRUE(store_.blocks("club").empty());
}

TEST_F(CalendarTest, IncrementalSyncPagesAndRecoversFrom410) {
    google_.set_page_size(2);
    for (int hour = 8; hour < 13; ++hour) {
        (void)google_.add_event(kClubCalendar, "Court 1 hold", utc(kSaturday, hour),
                                utc(kSaturday, hour + 1));
    }
    EXPECT_EQ(importer_.poll_once().blocks, 5);
    ASSERT_TRUE(store_.sync_token(kClubCalendar));
    (void)google_.add_event(kClubCalendar, "Court 2 hold", utc(kSaturday, 9), utc(kSaturday, 10));
    const auto incremental = importer_.poll_once();
    EXPECT_EQ(incremental.events, 1);
    EXPECT_EQ(incremental.full_syncs, 0);
    google_.expire_sync_tokens();
    const auto resync = importer_.poll_once();
    EXPECT_EQ(resync.full_syncs, 1);
    EXPECT_EQ(store_.blocks("club").size(), 6U);
}

TEST_F(CalendarTest, ImporterBacksOffWhileGoogleFails) {
    google_.fail_next(1, 500, "backendError");
    EXPECT_EQ(importer_.poll_once().errors, 1);
    EXPECT_EQ(importer_.poll_once().calendars, 0);  // waiting out its backoff
    clock_.advance(10s);
    EXPECT_EQ(importer_.poll_once().errors, 0);
}

TEST_F(CalendarTest, ConfirmTimeCheckCatchesABlockMadeSinceTheLastPoll) {
    service_.set_confirm_guard(&guard_);
    (void)importer_.poll_once();
    (void)google_.add_event(kClubCalendar, "Court 2 - staff", utc(kSaturday, 10),
                            utc(kSaturday, 11));
    EXPECT_EQ(error_code_of([&] { return book(10, "2"); }), "SLOT_UNAVAILABLE");
    EXPECT_EQ(free_courts_at(10), (Strings{"1", "3"}));  // the check stored the block
    const auto other = book(10, "1");                     // busy elsewhere is not busy here
    EXPECT_EQ(calendar_sync_json(store_, other.id)["needs_review"], false);
}

TEST_F(CalendarTest, ConfirmWhenTheCheckTimesOutAndFlagTheBooking) {
    service_.set_confirm_guard(&guard_);
    google_.set_latency(2s);  // longer than the guard's 500 ms
    const auto quote = service_.create_quote(court_request(kSaturday, 10, 1, {"2"}));
    const auto booking = service_.confirm_quote(quote.id);
    const auto state = calendar_sync_json(store_, booking.id);
    EXPECT_EQ(state["needs_review"], true);
    EXPECT_NE(state["review_note"].get<std::string>().find("could not be checked"),
              std::string::npos);
}

TEST_F(CalendarTest, RejectPolicyRefusesWhenTheCheckTimesOut) {
    FreeBusyGuard strict{client_, importer_, store_, clock_, 500ms, FreeBusyPolicy::kReject};
    service_.set_confirm_guard(&strict);
    google_.set_latency(2s);
    EXPECT_EQ(error_code_of([&] { return book(10, "2"); }), "SLOT_UNAVAILABLE");
}

}  // namespace
}  // namespace frontdesk::calendar::test
