// Every facility-file error names the file, the facility and the field, and says what is wrong.
#include <gtest/gtest.h>

#include "booking/facility_directory.hpp"
#include "rules_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace testing;

constexpr std::string_view kFile = "facilities/club.json";

/// kPickleJson with `from` replaced by `to` (which must occur).
std::string pickle_with(std::string_view from, std::string_view to) {
    std::string json{kPickleJson};
    const auto at = json.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) json.replace(at, from.size(), to);
    return json;
}

std::string load_error(const std::string& json) {
    try {
        (void)parse_facilities(json, kFile);
    } catch (const FacilityConfigError& e) {
        return e.what();
    }
    return "(loaded without error)";
}

struct ErrorCase {
    std::string json;
    std::string message;  // after "facilities/club.json: facility 'pickle_x_mysore': "
};

TEST(FacilityErrors, NameTheFileFacilityAndField) {
    const std::vector<ErrorCase> cases{
        {pickle_with(R"("facility_name": "Pickle X Mysore",)", ""), "facility_name: is required"},
        {pickle_with(R"("number_of_courts": 4)", R"("number_of_courts": "four")"),
         "number_of_courts: must be a whole number, not a string"},
        {pickle_with(R"("number_of_courts": 4)", R"("number_of_courts": 0)"),
         "number_of_courts: must be between 1 and 500, not 0"},
        {pickle_with(R"("06:00")", R"("25:00")"),
         R"(open_time: must be a time "HH:MM" between 00:00 and 24:00, not "25:00")"},
        {pickle_with(R"("23:00")", R"("06:00")"),
         "close_time: must be after open_time (use 24:00 for midnight; past midnight is not "
         "supported)"},
        {pickle_with("Asia/Kolkata", "Mars/Base"),
         "timezone: unknown time zone 'Mars/Base'; use an IANA name such as Asia/Kolkata or "
         "America/Chicago"},
        {pickle_with(R"("INR")", R"("rupees")"),
         "currency: must be an ISO 4217 code such as INR or USD"},
        {pickle_with("280", "-280"), "pricing.weekday_per_hour: must not be negative"},
        {pickle_with("280", R"("280.505")"),
         "pricing.weekday_per_hour: '280.505' is not an amount in major units with at most 2 "
         "decimal places"},
        {pickle_with(R"("minimum_duration": 60)", R"("minimum_duration": 90)"),
         "booking_rules.minimum_duration: must be a positive multiple of duration_multiples (60)"},
        {pickle_with(R"("fixed_slots": true)", R"("fixed_slots": true, "maximum_duration": 30)"),
         "booking_rules.maximum_duration: must be a multiple of duration_multiples (60) and at "
         "least minimum_duration (60)"},
        {pickle_with(R"("booking_rules": {)", R"("booking_rules": {"slots": 1, )"),
         "booking_rules.slots: unknown field (a typo? fields starting with '_' are ignored as "
         "comments)"},
        {pickle_with(R"("open_time")", R"("opening_time")"),
         "opening_time: unknown field (a typo? fields starting with '_' are ignored as "
         "comments)"},
        {pickle_with(R"("+919876543210")", R"("98765")"),
         "phone_number: '98765' is not an international number such as +919876543210"},
        {pickle_with(R"("number_of_courts": 4)",
                     R"("number_of_courts": 3, "resources": [{"id": "a"}, {"id": "b"}])"),
         "number_of_courts: says 3 but \"resources\" lists 2"},
        {pickle_with(R"("number_of_courts": 4)", R"("resources": [{"id": "a"}, {"id": "a"}])"),
         "resources[1].id: 'a' is used twice"},
        {pickle_with(R"("pricing": {"weekday_per_hour": 280, "weekend_per_hour": 300},)", ""),
         "pricing: is required (or list \"services\")"},
        {pickle_with(R"("currency": "INR")",
                     R"("currency": "INR", "services": [{"id": "s", "name": "S",)"
                     R"( "duration_minutes": 30, "price": 1, "resource_ids": ["9"]}])"),
         "services[0].resource_ids[0]: unknown resource '9' (known: 1, 2, 3, 4)"},
        {pickle_with(
             R"("currency": "INR")",
             R"("currency": "INR", "hours": {"monday": [{"open": "06:00", "close": "12:00"},)"
             R"( {"open": "11:00", "close": "14:00"}]})"),
         "hours.monday: spans 06:00–12:00 and 11:00–14:00 overlap"},
        {pickle_with(R"("currency": "INR")", R"("currency": "INR", "hours": {"funday": "closed"})"),
         "hours.funday: is not a weekday; use monday … sunday"},
        {pickle_with(R"("open_time": "06:00", "close_time": "23:00")",
                     R"("hours": {"monday": "closed"})"),
         "hours: the facility is never open"},
        {pickle_with(R"("currency": "INR")",
                     R"("currency": "INR", "closed_dates": ["2026-02-30"])"),
         R"(closed_dates[0]: must be a date "YYYY-MM-DD", not "2026-02-30")"},
        {pickle_with(R"("currency": "INR")",
                     R"("currency": "INR", "breaks": [{"start": "13:00", "end": "12:00"}])"),
         "breaks[0].end: must be after start"},
        {pickle_with(R"("currency": "INR")", R"("currency": "INR", "api_key": "short")"),
         "api_key: must be at least 16 characters long"},
        {pickle_with(R"({"minimum_duration": 60, "duration_multiples": 60, "fixed_slots": true})",
                     R"("hourly")"),
         "booking_rules: must be an object, not a string"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(load_error(c.json),
                  "facilities/club.json: facility 'pickle_x_mysore': " + c.message);
    }
}

TEST(FacilityErrors, MoneyMustFitTheCurrency) {
    const auto yen = pickle_with(R"("INR")", R"("JPY")");
    EXPECT_EQ(parse_facilities(yen, kFile).at(0).pricing.weekday_per_hour, 280);
    std::string half_yen = yen;
    half_yen.replace(half_yen.find("280"), 3, "280.5");
    EXPECT_EQ(load_error(half_yen),
              "facilities/club.json: facility 'pickle_x_mysore': pricing.weekday_per_hour: '280.5' "
              "is not an amount in major units with at most 0 decimal places");
    const auto rupees = pickle_with("280", "280.5");
    EXPECT_EQ(parse_facilities(rupees, kFile).at(0).pricing.weekday_per_hour, 28050);
}

TEST(FacilityErrors, BadIdsAreRefused) {
    EXPECT_EQ(load_error(pickle_with(R"("pickle_x_mysore")", R"("pickle x")")),
              "facilities/club.json: facility_id: must be at most 64 letters, digits, '_', '-' or "
              "'.' (it appears in URLs)");
    const auto keyed = R"({"other": )" + std::string{kPickleJson} + "}";
    EXPECT_EQ(load_error(keyed),
              "facilities/club.json: facility 'other': facility_id: 'pickle_x_mysore' differs "
              "from the key 'other' it is filed under");
}

TEST(FacilityErrors, MalformedJsonGivesLineAndColumn) {
    EXPECT_EQ(load_error("{\"facility_id\": \"x\",\n  \"facility_name\" \"X\"}"),
              "facilities/club.json: invalid JSON at line 2, column 21: syntax error while "
              "parsing object separator - unexpected string literal; expected ':'");
    EXPECT_EQ(load_error(R"({"a": {"facility_name": "A"}, "a": {}})"),
              "facilities/club.json: invalid JSON: key 'a' appears twice in one object");
    EXPECT_EQ(load_error("[]"), "facilities/club.json: holds no facility");
    EXPECT_EQ(load_error("42"),
              "facilities/club.json: must hold a facility object, an object of facilities keyed "
              "by id, or a list of facilities");
}

TEST(FacilityErrors, PhoneNumbersAreUniqueAcrossFacilities) {
    auto second = std::string{kClubJson};
    second.replace(second.find("+13125550100"), 12, "+91 98765 43210");
    const auto both = "[" + std::string{kPickleJson} + ", " + second + "]";
    EXPECT_EQ(load_error(both),
              "facilities/club.json: facility 'lakeside_club': phone_number: +919876543210 also "
              "belongs to facility 'pickle_x_mysore' (facilities/club.json); calls could not be "
              "routed");
}

}  // namespace
}  // namespace frontdesk::booking
