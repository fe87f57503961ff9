// BookingService: availability, quote → confirm, direct bookings, contact checks.
#include "booking/booking_service.hpp"

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "unit/booking/service_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace test;

using BookingServiceTest = ServiceTest;

TEST_F(BookingServiceTest, QuoteThenConfirmBooksTheSlotOnce) {
    const Quote quote = service_.create_quote(court_request(kSaturday, 18, 2));
    EXPECT_EQ(quote.resource_ids, std::vector<std::string>{"1"});
    EXPECT_EQ(quote.start, utc(kSaturday, 18));
    EXPECT_EQ(quote.end, utc(kSaturday, 20));
    EXPECT_EQ(quote.price.total, 2 * kWeekendRate);
    EXPECT_EQ(quote.expires_at, clock_.now() + 10min);
    EXPECT_EQ(quote.customer.phone, "+919876543210");  // normalised
    EXPECT_TRUE(quote.holds_slot);

    clock_.advance(5min);
    const Booking booking = service_.confirm_quote(quote.id);
    EXPECT_EQ(booking.quote_id, quote.id);
    EXPECT_EQ(booking.status, BookingStatus::kConfirmed);
    EXPECT_EQ(booking.resource_ids, quote.resource_ids);
    EXPECT_EQ(booking.price.total, quote.price.total);
    EXPECT_EQ(booking.created_at, clock_.now());

    // Truly idempotent, even once the hold would have run out.
    clock_.advance(1h);
    EXPECT_EQ(service_.confirm_quote(quote.id).id, booking.id);
    EXPECT_EQ(service_.get_booking(booking.id).id, booking.id);
    EXPECT_EQ(service_.get_quote(quote.id).status, QuoteStatus::kConfirmed);
}

TEST_F(BookingServiceTest, ExpiredQuoteCannotBeConfirmed) {
    const Quote quote = service_.create_quote(court_request(kSaturday, 18));
    clock_.advance(10min);
    try {
        (void)service_.confirm_quote(quote.id);
        FAIL() << "confirmed an expired quote";
    } catch (const NotFound& e) {
        EXPECT_EQ(e.code(), "QUOTE_EXPIRED");
        EXPECT_NE(std::string{e.what()}.find("new quote"), std::string::npos);
    }
    EXPECT_EQ(error_code_of([&] { return service_.confirm_quote("qt_nope"); }), "QUOTE_NOT_FOUND");
    EXPECT_EQ(error_code_of([&] { return service_.get_quote("qt_nope"); }), "QUOTE_NOT_FOUND");
}

TEST_F(BookingServiceTest, TakenCourtAnswersWithNearestAlternatives) {
    (void)service_.create_quote(court_request(kSaturday, 18, 1, {"1"}));
    try {
        (void)service_.create_quote(court_request(kSaturday, 18, 1, {"1"}));
        FAIL() << "double-held court 1";
    } catch (const SlotUnavailable& e) {
        EXPECT_EQ(e.code(), "SLOT_UNAVAILABLE");
        ASSERT_FALSE(e.alternatives().empty());
        EXPECT_LE(e.alternatives().size(), 3U);
        // First the same time on the other courts, then the nearest other starts.
        EXPECT_EQ(e.alternatives()[0].start, utc(kSaturday, 18));
        EXPECT_EQ(e.alternatives()[0].free_resource_ids, (std::vector<std::string>{"2", "3"}));
        EXPECT_NE(e.alternatives()[1].start, utc(kSaturday, 18));
        EXPECT_NE(std::string{e.what()}.find("6 pm on Court 2"), std::string::npos) << e.what();
    }
}

TEST_F(BookingServiceTest, UnnamedQuotesFillTheCourtsInOrder) {
    EXPECT_EQ(service_.create_quote(court_request(kSaturday, 9)).resource_ids[0], "1");
    EXPECT_EQ(service_.create_quote(court_request(kSaturday, 9)).resource_ids[0], "2");
    EXPECT_EQ(service_.create_quote(court_request(kSaturday, 9)).resource_ids[0], "3");
    EXPECT_THROW((void)service_.create_quote(court_request(kSaturday, 9)), SlotUnavailable);
    const auto days = service_.availability("club", court_request(kSaturday, 9).slot, kSaturday);
    ASSERT_EQ(days.size(), 1U);
    EXPECT_TRUE(days[0].slots.empty());  // held slots are offered to no one

    clock_.advance(10min);  // the holds lapse
    EXPECT_EQ(service_.create_quote(court_request(kSaturday, 9)).resource_ids[0], "1");
}

TEST_F(BookingServiceTest, MultiCourtQuotePricesEachCourt) {
    (void)service_.create_quote(court_request(kMonday, 10, 1, {"2"}));
    const Quote quote = service_.create_quote(court_request(kMonday, 10, 1, {}, 2));
    EXPECT_EQ(quote.resource_ids, (std::vector<std::string>{"1", "3"}));
    EXPECT_EQ(quote.price.total, 2 * kWeekdayRate);
    EXPECT_EQ(quote.price.lines.size(), 2U);
    EXPECT_THROW((void)service_.create_quote(court_request(kMonday, 10, 1, {}, 2)),
                 SlotUnavailable);
    const Booking booking = service_.confirm_quote(quote.id);
    EXPECT_EQ(booking.resource_ids, quote.resource_ids);
}

TEST_F(BookingServiceTest, ContactIsRequiredAndChecked) {
    auto with = [](Contact contact) {
        BookingRequest request = court_request(kSaturday, 12);
        request.customer = std::move(contact);
        return request;
    };
    const auto code_for = [&](Contact contact) {
        return error_code_of([&] { return service_.create_quote(with(std::move(contact))); });
    };
    EXPECT_EQ(code_for({"", "+13125550111", ""}), "CONTACT_REQUIRED");
    EXPECT_EQ(code_for({"Li", "", "  "}), "CONTACT_REQUIRED");
    EXPECT_EQ(code_for({"Li", "", "li.example.com"}), "INVALID_EMAIL");
    EXPECT_EQ(code_for({"Li", "", "li@localhost"}), "INVALID_EMAIL");
    EXPECT_EQ(code_for({"Li", "call me maybe", ""}), "INVALID_PHONE");
    EXPECT_EQ(code_for({"Li", "12345", ""}), "INVALID_PHONE");
    const Quote quote = service_.create_quote(with({" Li ", "", "li@example.org"}));
    EXPECT_EQ(quote.customer.name, "Li");
}

TEST_F(BookingServiceTest, RulesAndFacilityErrorsComeThrough) {
    BookingRequest elsewhere = court_request(kSaturday, 12);
    elsewhere.facility_id = "nowhere";
    EXPECT_EQ(error_code_of([&] { return service_.create_quote(elsewhere); }),
              "FACILITY_NOT_FOUND");
    EXPECT_EQ(error_code_of([&] { return service_.create_quote(court_request(kSaturday, 23)); }),
              "OUTSIDE_HOURS");
    EXPECT_EQ(error_code_of(
                  [&] { return service_.create_quote(court_request(kSaturday, 12, 1, {"9"})); }),
              "RESOURCE_NOT_FOUND");
    EXPECT_EQ(error_code_of([&] {
                  return service_.availability("club", court_request(kSaturday, 9).slot,
                                               add_days(kSaturday, 31));
              }),
              "INVALID_DATE_RANGE");
}

TEST_F(BookingServiceTest, AvailabilitySpansSeveralDays) {
    BookingRequest request = court_request(kSaturday, 9);
    request.slot.start_time.reset();
    const auto days = service_.availability("club", request.slot, add_days(kSaturday, 2));
    ASSERT_EQ(days.size(), 3U);
    EXPECT_EQ(days[2].date, kMonday);
    EXPECT_FALSE(days[0].slots.empty());
}

TEST_F(BookingServiceTest, IdempotencyKeyGivesTheSameBooking) {
    const std::optional<std::string> key = "owner-form-7";
    const Booking first = service_.create_booking(court_request(kSaturday, 12, 1, {"3"}), key);
    EXPECT_EQ(first.resource_ids, std::vector<std::string>{"3"});
    // The retry finds its own slot taken; the key still wins over the clash.
    const Booking retry = service_.create_booking(court_request(kSaturday, 12, 1, {"3"}), key);
    EXPECT_EQ(retry.id, first.id);
    EXPECT_EQ(service_.list_bookings({}).size(), 1U);
    EXPECT_THROW((void)service_.create_booking(court_request(kSaturday, 12, 1, {"3"}), "other"),
                 SlotUnavailable);
}

TEST(BookingServiceSamples, QuotesAndConfirmsOnEveryShippedFacility) {
    const std::filesystem::path folder{FRONTDESK_FACILITIES_DIR};
    if (!std::filesystem::exists(folder)) GTEST_SKIP() << "no facilities/ folder yet";
    const FacilityDirectory directory = load_facilities(folder);
    SqliteStore store{":memory:"};
    ManualClock clock{utc(kSaturday, 0) - 48h};
    BookingService service{directory, store, clock};
    for (const Facility& facility : directory.all()) {
        SCOPED_TRACE(facility.id);
        SlotRequest slot;
        slot.date = kMonday;
        if (!facility.services.empty()) slot.service_id = facility.services.front().id;
        const auto days = service.availability(facility.id, slot, add_days(kMonday, 13));
        const auto open = std::find_if(days.begin(), days.end(),
                                       [](const DayAvailability& d) { return !d.slots.empty(); });
        ASSERT_NE(open, days.end()) << "no free slot in two weeks";
        const auto local = facility.time_zone.to_local(open->slots.front().start);
        slot.date = local.date;
        slot.start_time = local.time;
        const Quote quote = service.create_quote({facility.id, slot, asha(), "api", ""});
        EXPECT_EQ(service.confirm_quote(quote.id).quote_id, quote.id);
    }
}

}  // namespace
}  // namespace frontdesk::booking
