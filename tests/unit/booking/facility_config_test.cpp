// Facility files: the shipped samples, the seed's shape, every extension and every error message.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "booking/facility_directory.hpp"
#include "rules_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace testing;

TEST(ShippedFacilities, EveryFileLoads) {
    const auto directory = load_facilities(FRONTDESK_FACILITIES_DIR);
    ASSERT_EQ(directory.all().size(), 3U);
    EXPECT_EQ(directory.all()[0].id, "bishops_tempe");  // files are read in name order
    EXPECT_EQ(directory.all()[1].id, "lakeside_club");
    EXPECT_EQ(directory.all()[2].id, "pickle_x_mysore");
    EXPECT_EQ(directory.get("bishops_tempe").time_zone.name(), "America/Phoenix");
    EXPECT_EQ(directory.get("lakeside_club").time_zone.name(), "America/Chicago");
    EXPECT_EQ(directory.find_by_phone("+1 (312) 555-0101"), directory.find("lakeside_club"));
    EXPECT_EQ(directory.find_by_phone("+919876543210"), directory.find("pickle_x_mysore"));
}

TEST(ShippedFacilities, EachOffersSlotsNextWeek) {
    const auto directory = load_facilities(FRONTDESK_FACILITIES_DIR);
    const auto now = utc("2026-11-13T00:00:00Z");
    for (const auto& facility : directory.all()) {
        SlotRequest request{date(2026, 11, 16), std::nullopt, 0, std::nullopt, {}, 1};
        if (!facility.services.empty()) request.service_id = facility.services.front().id;
        const auto day = compute_day_availability(facility, request, {}, now);
        EXPECT_GT(day.slots.size(), 5U) << facility.id;
    }
}

TEST(ShippedFacilities, PickleIsTheSeedWithItsZoneAndCurrency) {
    const auto directory =
        load_facilities(std::filesystem::path{FRONTDESK_FACILITIES_DIR} / "pickle_x_mysore.json");
    const auto& pickle = directory.get("pickle_x_mysore");
    EXPECT_EQ(pickle.name, "Pickle X Mysore");
    EXPECT_EQ(pickle.time_zone.name(), "Asia/Kolkata");
    EXPECT_EQ(pickle.currency, "INR");
    ASSERT_EQ(pickle.resources.size(), 4U);
    EXPECT_EQ(pickle.resources[3].id, "4");
    EXPECT_EQ(pickle.resources[3].name, "Court 4");
    EXPECT_EQ(pickle.weekly_hours[3].size(), 1U);
    EXPECT_EQ(pickle.weekly_hours[3][0].start, at(6));
    EXPECT_EQ(pickle.weekly_hours[3][0].end, at(23));
    EXPECT_EQ(pickle.rules.slot_granularity_minutes, 60);
    EXPECT_EQ(pickle.pricing.weekday_per_hour, 28000);
    EXPECT_EQ(pickle.pricing.weekend_per_hour, 30000);
    ASSERT_EQ(pickle.rentals.size(), 3U);
    EXPECT_EQ(pickle.rentals[2].id, "shuttle_sale");
    EXPECT_EQ(pickle.rentals[2].name, "Shuttle sale");
    EXPECT_EQ(pickle.rentals[2].price, 38000);
    EXPECT_TRUE(pickle.coaching.available);
    EXPECT_EQ(pickle.coaching.fee, 250000);
    EXPECT_EQ(pickle.coaching.timings, (std::vector<std::string>{"7-9 AM", "4-6 PM"}));
    EXPECT_EQ(pickle.coaching.age_below, 18);
}

TEST(FacilityFile, TheSeedsFacilitiesJsonLoadsUnchangedWithDefaults) {
    const auto facilities = parse_facilities(R"({
      "pickle_x_mysore": {
        "facility_id": "pickle_x_mysore", "facility_name": "Pickle X Mysore",
        "phone_number": "+919876543210", "number_of_courts": 4,
        "open_time": "06:00", "close_time": "23:00",
        "booking_rules": {"minimum_duration": 60, "duration_multiples": 60, "fixed_slots": true},
        "pricing": {"weekday_per_hour": 280, "weekend_per_hour": 300},
        "rentals": {"racket": 100, "shoes": 100, "shuttle_sale": 380},
        "coaching": {"available": true, "fee": 2500, "timings": ["7-9 AM", "4-6 PM"],
                     "age_below": 18}
      }
    })",
                                             "config/facilities.json");
    ASSERT_EQ(facilities.size(), 1U);
    const auto& pickle = facilities[0];
    EXPECT_EQ(pickle.time_zone.name(), "UTC");
    EXPECT_EQ(pickle.currency, "INR");
    EXPECT_EQ(pickle.resource_kind, "court");
    EXPECT_EQ(pickle.rules.maximum_duration_minutes, 240);
    EXPECT_EQ(pickle.rules.maximum_days_ahead, 60);
    EXPECT_TRUE(pickle.rules.quote_holds_slot);
    EXPECT_EQ(pickle.pricing.weekend_days, (std::set<unsigned>{0, 6}));
}

TEST(FacilityFile, ExtensionsAreRead) {
    const auto club = facility_from_json(R"({
      "facility_id": "club", "facility_name": "Club", "phone_number": "+1 312 555 0100",
      "phone_numbers": ["+13125550101"], "timezone": "America/Chicago", "currency": "USD",
      "resources": [{"id": "north", "name": "North Court", "calendar_id": "n@example.com"},
                    {"id": "south", "name": "South Court"}],
      "hours": {"mon": [{"open": "16:00", "close": "22:00"}, {"open": "06:00", "close": "10:00"}],
                "Saturday": {"open": "08:00", "close": "24:00"}},
      "breaks": {"saturday": [{"start": "12:00", "end": "12:30"}]},
      "closed_dates": ["2026-12-25", "2027-01-01"],
      "booking_rules": {"minimum_duration": 30, "fixed_slots": false, "maximum_duration": 120,
                        "minimum_notice_minutes": 45, "maximum_days_ahead": 14,
                        "buffer_minutes": 5, "cancellation_notice_minutes": 720,
                        "quote_holds_slot": false},
      "pricing": {"weekday_per_hour": 35.5, "weekend_per_hour": "40.25"},
      "services": [{"id": 7, "name": "Lesson", "duration_minutes": 60, "price": "60",
                    "resource_ids": ["north"], "description": "With a pro."}],
      "agent": {"greeting": "Hello!", "instructions": "Be brief.", "voice": "verse",
                "transfer_number": "+13125550199"},
      "api_key": "0123456789abcdef0123",
      "_comment": "ignored"
    })");
    EXPECT_EQ(club.phone_numbers, (std::vector<std::string>{"+13125550100", "+13125550101"}));
    EXPECT_EQ(club.resources[1].number, 2);
    EXPECT_EQ(club.resources[0].calendar_id, "n@example.com");
    ASSERT_EQ(club.weekly_hours[1].size(), 2U);
    EXPECT_EQ(club.weekly_hours[1][0].start, at(6));  // sorted
    EXPECT_EQ(club.weekly_hours[6][0].end, at(24));
    EXPECT_TRUE(club.weekly_hours[0].empty());  // no open_time: unlisted days are closed
    EXPECT_EQ(club.breaks[6].size(), 1U);
    EXPECT_TRUE(club.breaks[1].empty());
    EXPECT_TRUE(club.is_closed_on(date(2027, 1, 1)));
    EXPECT_EQ(club.rules.duration_multiple_minutes, 30);  // defaults to minimum_duration
    EXPECT_EQ(club.rules.slot_granularity_minutes, 15);   // fixed_slots: false
    EXPECT_EQ(club.rules.buffer_minutes, 5);
    EXPECT_FALSE(club.rules.quote_holds_slot);
    EXPECT_EQ(club.pricing.weekday_per_hour, 3550);
    EXPECT_EQ(club.pricing.weekend_per_hour, 4025);
    ASSERT_NE(club.find_service("7"), nullptr);
    EXPECT_EQ(club.find_service("lesson")->price, 6000);
    EXPECT_EQ(club.agent.transfer_number, "+13125550199");
    EXPECT_TRUE(club.api_key.matches("0123456789abcdef0123"));
    EXPECT_EQ(club.find_resource("south court"), &club.resources[1]);
    EXPECT_EQ(club.find_resource("2"), &club.resources[1]);
    EXPECT_EQ(club.find_resource("east"), nullptr);
}

TEST(FacilityDirectory, LooksUpByIdAndPhone) {
    const FacilityDirectory directory{parse_facilities(kClubJson, "club.json")};
    EXPECT_NE(directory.find("lakeside_club"), nullptr);
    EXPECT_EQ(directory.find("nope"), nullptr);
    EXPECT_EQ(directory.find_by_phone("13125550100"), directory.find("lakeside_club"));
    EXPECT_EQ(directory.find_by_phone("+1312555010"), nullptr);
    EXPECT_EQ(directory.find_by_phone(""), nullptr);
    EXPECT_EQ(error_message([&] { (void)directory.get("nope"); }, "FACILITY_NOT_FOUND"),
              "I don't know a facility called 'nope'.");
}

// Writes files into a fresh folder under the system temp directory; removes it afterwards.
class FacilityFolder : public ::testing::Test {
protected:
    std::filesystem::path folder_ =
        std::filesystem::temp_directory_path() /
        ("frontdesk-facilities-" +
         std::string{::testing::UnitTest::GetInstance()->current_test_info()->name()});

    void SetUp() override {
        std::filesystem::remove_all(folder_);
        std::filesystem::create_directories(folder_);
    }
    void TearDown() override { std::filesystem::remove_all(folder_); }
    void write(const std::string& name, std::string_view text) {
        std::ofstream{folder_ / name} << text;
    }
};

TEST_F(FacilityFolder, ReadsEveryJsonFileInNameOrder) {
    write("b.json", kPickleJson);
    write("a.json", kClubJson);
    write("notes.txt", "not a facility");
    const auto directory = load_facilities(folder_);
    ASSERT_EQ(directory.all().size(), 2U);
    EXPECT_EQ(directory.all()[0].id, "lakeside_club");
}

TEST_F(FacilityFolder, AnIdInTwoFilesNamesBoth) {
    write("a.json", kPickleJson);
    write("b.json", kPickleJson);
    try {
        (void)load_facilities(folder_);
        FAIL() << "expected FacilityConfigError";
    } catch (const FacilityConfigError& e) {
        EXPECT_EQ(std::string{e.what()}, (folder_ / "b.json").string() +
                                             ": facility 'pickle_x_mysore': facility_id: the same "
                                             "id is used in " +
                                             (folder_ / "a.json").string());
    }
}

TEST_F(FacilityFolder, MissingAndEmptyPathsAreErrors) {
    EXPECT_THROW((void)load_facilities(folder_), FacilityConfigError);
    EXPECT_THROW((void)load_facilities(folder_ / "missing.json"), FacilityConfigError);
}

}  // namespace
}  // namespace frontdesk::booking
