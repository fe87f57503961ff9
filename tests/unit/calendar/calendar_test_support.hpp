#pragma once

#include <string>

#include <gtest/gtest.h>

#include "booking/booking_service.hpp"
#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "calendar/busy_importer.hpp"
#include "calendar/calendar_client.hpp"
#include "calendar/calendar_mirror.hpp"
#include "calendar/freebusy_guard.hpp"
#include "calendar/service_account.hpp"
#include "calendar/token_source.hpp"
#include "support/fake_google.hpp"
#include "unit/booking/service_test_support.hpp"

// The club of the booking tests with a shared Google calendar, a fake Google behind an
// in-process HttpsClient, and the calendar objects wired as app would wire them.
namespace frontdesk::calendar::test {

using namespace std::chrono_literals;
using booking::test::court_request;
using booking::test::kSaturday;
using booking::test::utc;

inline const std::string kClubCalendar = "club@group.calendar.google.com";
inline const std::string kServiceEmail = "frontdesk@test-project.iam.gserviceaccount.com";

/// One key pair per test binary: RSA key generation is slow-ish.
inline const frontdesk::test::TestKeyPair& test_keys() {
    static const auto keys = frontdesk::test::make_test_rsa_key();
    return keys;
}

inline booking::Facility club_with_calendar() {
    auto club = booking::test::make_club();
    club.calendar_id = kClubCalendar;
    return club;
}

class CalendarTest : public ::testing::Test {
protected:
    CalendarTest() { store_.enable_calendar_outbox(true); }

    /// A confirmed booking on `court` at `hour` (Saturday), through the service.
    booking::Booking book(int hour, const std::string& court = "1") {
        return service_.create_booking(court_request(kSaturday, hour, 1, {court}), std::nullopt);
    }

    /// Courts free on Saturday at `hour` for one hour.
    std::vector<std::string> free_courts_at(int hour) {
        booking::SlotRequest request;
        request.date = kSaturday;
        request.start_time = TimeOfDay{hour * 60};
        request.duration_minutes = 60;
        const auto days = service_.availability("club", request, kSaturday);
        if (days.empty() || days[0].slots.empty()) return {};
        return days[0].slots[0].free_resource_ids;
    }

    ManualClock clock_{utc(kSaturday, 8) - 24h};
    frontdesk::test::FakeGoogle google_{"https://fake.google", test_keys().public_pem, clock_};
    frontdesk::test::FakeGoogleClient http_{google_};
    ServiceAccountTokenSource tokens_{
        parse_service_account_key(frontdesk::test::service_account_json(
                                      kServiceEmail, test_keys().private_pem, google_.token_uri()),
                                  "test-key.json"),
        std::nullopt, http_, clock_};
    CalendarClient client_{http_, tokens_, ClientSettings{google_.api_base()}};
    booking::FacilityDirectory directory_{std::vector<booking::Facility>{club_with_calendar()}};
    booking::SqliteStore store_{":memory:"};
    booking::BookingService service_{directory_, store_, clock_};
    CalendarMirror mirror_{client_, store_, store_, directory_, clock_, MirrorSettings{}};
    BusyImporter importer_{client_, store_, directory_, clock_, ImporterSettings{}};
    FreeBusyGuard guard_{client_, importer_, store_, clock_, 500ms, FreeBusyPolicy::kConfirm};
};

}  // namespace frontdesk::calendar::test
