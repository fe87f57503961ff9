// End to end over TLS: the real curl HttpsClient against FakeGoogle behind a loopback HTTPS
// server presenting the test CA's certificate (verification on, as in production).
#include <chrono>
#include <memory>

#include "calendar/event_mapping.hpp"
#include "calendar_test_support.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::calendar::test {
namespace {

using frontdesk::test::FakeHttpRequest;
using frontdesk::test::FakeHttpsServer;

const net::CurlGlobal kCurlGlobal;

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

class CalendarTlsTest : public ::testing::Test {
protected:
    CalendarTlsTest() {
        google_.set_base(server_.url());
        tokens_ = std::make_unique<ServiceAccountTokenSource>(
            parse_service_account_key(frontdesk::test::service_account_json(
                                          kServiceEmail, test_keys().private_pem,
                                          google_.token_uri()),
                                      "tls-key.json"),
            std::nullopt, *http_, clock_);
        client_ = std::make_unique<CalendarClient>(*http_, *tokens_,
                                                   ClientSettings{google_.api_base()});
        mirror_ = std::make_unique<CalendarMirror>(*client_, store_, store_, directory_, clock_,
                                                   MirrorSettings{});
        importer_ = std::make_unique<BusyImporter>(*client_, store_, directory_, clock_,
                                                   ImporterSettings{});
        store_.enable_calendar_outbox(true);
    }

    booking::Booking book(int hour, const std::string& court) {
        return service_.create_booking(court_request(kSaturday, hour, 1, {court}), std::nullopt);
    }

    frontdesk::test::ScopedSslCertFile trust_{frontdesk::test::test_certificates().ca_cert};
    ManualClock clock_{utc(kSaturday, 8) - 24h};
    frontdesk::test::FakeGoogle google_{"", test_keys().public_pem, clock_};
    FakeHttpsServer server_{[this](const FakeHttpRequest& r) { return google_.serve(r); }};
    std::unique_ptr<net::HttpsClient> http_ = net::make_curl_https_client();
    std::unique_ptr<ServiceAccountTokenSource> tokens_;
    std::unique_ptr<CalendarClient> client_;
    booking::FacilityDirectory directory_{std::vector<booking::Facility>{club_with_calendar()}};
    booking::SqliteStore store_{":memory:"};
    booking::BookingService service_{directory_, store_, clock_};
    std::unique_ptr<CalendarMirror> mirror_;
    std::unique_ptr<BusyImporter> importer_;
};

TEST_F(CalendarTlsTest, BookingsReachGoogleThroughOutagesAndStaffBlocksComeBack) {
    google_.fail_next(3, 500, "backendError");
    const auto first = book(10, "1");
    (void)mirror_->drain_once();  // 500: retried later
    EXPECT_EQ(calendar_sync_json(store_, first.id)["state"], "pending");
    for (int round = 0; round < 10 && store_.outbox_size() > 0; ++round) {
        clock_.advance(1min);
        (void)mirror_->drain_once();
    }
    EXPECT_EQ(calendar_sync_json(store_, first.id)["state"], "synced");
    EXPECT_EQ(google_.live_events(kClubCalendar), 1);

    const auto block = google_.add_event(kClubCalendar, "Court 2 closed", utc(kSaturday, 12),
                                         utc(kSaturday, 13));
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(importer_->poll_once().blocks, 1);
    std::printf("[ MEASURE  ] TLS: staff block imported in %.1f ms (+ poll interval)\n",
                ms_since(started));
    EXPECT_THROW((void)book(12, "2"), booking::SlotUnavailable);
    google_.cancel_event(kClubCalendar, block);
    (void)importer_->poll_once();
    EXPECT_NO_THROW((void)book(12, "2"));
}

TEST_F(CalendarTlsTest, MeasuresTheDrainRateOverTls) {
    constexpr int kBookings = 40;
    for (int i = 0; i < kBookings; ++i) {
        const auto day = add_days(kSaturday, i / 14);
        (void)service_.create_booking(court_request(day, 8 + i % 14, 1, {"3"}), std::nullopt);
    }
    const auto started = std::chrono::steady_clock::now();
    while (store_.outbox_size() > 0) (void)mirror_->drain_once();
    const double ms = ms_since(started);
    EXPECT_EQ(google_.live_events(kClubCalendar), kBookings);
    EXPECT_EQ(google_.tokens_issued(), 1);
    std::printf("[ MEASURE  ] TLS: outbox drain %d events in %.1f ms = %.0f events/s\n", kBookings,
                ms, kBookings * 1000.0 / ms);
}

TEST_F(CalendarTlsTest, SlowGoogleAtConfirmBooksAndFlags) {
    FreeBusyGuard guard{*client_, *importer_, store_, clock_, 300ms, FreeBusyPolicy::kConfirm};
    service_.set_confirm_guard(&guard);
    (void)tokens_->token();  // a warm token, as in a running server
    google_.set_latency(3s);
    const auto started = std::chrono::steady_clock::now();
    const auto booking = book(10, "2");
    const double ms = ms_since(started);
    EXPECT_LT(ms, 2000.0);  // bounded by the check's timeout, not by Google
    EXPECT_EQ(calendar_sync_json(store_, booking.id)["needs_review"], true);
    std::printf("[ MEASURE  ] TLS: confirm with Google stalled took %.0f ms (timeout 300 ms)\n", ms);
}

}  // namespace
}  // namespace frontdesk::calendar::test
