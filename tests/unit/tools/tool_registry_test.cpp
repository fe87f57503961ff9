// The tool registry against the real booking service on an in-memory SQLite store and the
// sample facilities. "Now" is pinned: Saturday 2026-11-21 10:00 in Mysore.
#include "tools/tool_registry.hpp"

#include <gtest/gtest.h>

#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::tools {
namespace {

using nlohmann::json;

class ToolRegistryTest : public ::testing::Test {
protected:
    booking::FacilityDirectory facilities_ = booking::load_facilities(FRONTDESK_FACILITIES_DIR);
    booking::SqliteStore store_{":memory:"};
    ManualClock clock_{*parse_rfc3339("2026-11-21T04:30:00Z")};
    booking::BookingService bookings_{facilities_, store_, clock_};
    ToolRegistry tools_{bookings_};
    ToolContext caller_{"pickle_x_mysore", "+919800000001", "voice"};

    json call(std::string_view name, const json& args, const ToolContext& context) {
        return tools_.call(name, args, context).output;
    }
    json call(std::string_view name, const json& args) { return call(name, args, caller_); }

    std::string quote_and_confirm(const std::string& date, const std::string& time) {
        auto quote =
            call("create_quote", {{"date", date}, {"start_time", time}, {"customer_name", "Asha"}});
        EXPECT_TRUE(quote["ok"]) << quote;
        auto booked = call("confirm_booking", {{"quote_id", quote["quote_id"]}});
        EXPECT_TRUE(booked["ok"]) << booked;
        return booked["booking_id"];
    }
};

TEST_F(ToolRegistryTest, OffersEveryToolWithASchema) {
    std::set<std::string> names;
    for (const auto& tool : tools_.realtime_schemas()) {
        EXPECT_EQ(tool["type"], "function");
        EXPECT_EQ(tool["parameters"]["type"], "object");
        EXPECT_FALSE(tool["description"].get<std::string>().empty());
        names.insert(tool["name"]);
    }
    EXPECT_EQ(names,
              (std::set<std::string>{"check_availability", "get_facility_info", "create_quote",
                                     "confirm_booking", "find_bookings", "cancel_booking",
                                     "reschedule_booking", "end_call", "transfer_call"}));
    EXPECT_EQ(tools_.chat_schemas()[0]["function"]["name"], tools_.realtime_schemas()[0]["name"]);
}

TEST_F(ToolRegistryTest, BadCallsComeBackAsErrorsTheModelCanRead) {
    EXPECT_EQ(call("fly_to_moon", json::object())["error"]["code"], "UNKNOWN_TOOL");
    EXPECT_EQ(call("check_availability", json::array())["error"]["code"], "INVALID_ARGUMENTS");
    EXPECT_EQ(call("check_availability", json::object())["error"]["code"], "MISSING_FIELD");
    EXPECT_EQ(call("check_availability", {{"date", "tomorrow"}})["error"]["code"], "INVALID_DATE");
    EXPECT_EQ(call("check_availability", {{"date", 20261122}})["error"]["code"], "INVALID_FIELD");
    const auto past =
        call("create_quote",
             {{"date", "2026-11-20"}, {"start_time", "18:00"}, {"customer_name", "Asha"}});
    EXPECT_FALSE(past["ok"]);
    EXPECT_EQ(past["error"]["code"], "PAST_TIME");
    EXPECT_FALSE(past["error"]["message"].get<std::string>().empty());
}

TEST_F(ToolRegistryTest, BooksWithTheCallersNumberPrefilled) {
    auto free = call("check_availability", {{"date", "2026-11-22"}, {"start_time", "18:00"}});
    ASSERT_TRUE(free["ok"]) << free;
    EXPECT_TRUE(free["available"]);
    EXPECT_EQ(free["slots"][0]["free_resources"].size(), 4u);

    const auto id = quote_and_confirm("2026-11-22", "18:00");
    auto found = call("find_bookings", json::object());
    ASSERT_TRUE(found["ok"]) << found;
    ASSERT_EQ(found["count"], 1);
    EXPECT_EQ(found["bookings"][0]["booking_id"], id);
    EXPECT_EQ(found["bookings"][0]["customer"]["phone"], "+919800000001");
    EXPECT_EQ(found["bookings"][0]["source"], "voice");
}

TEST_F(ToolRegistryTest, TakenSlotOffersAlternatives) {
    auto all = call("create_quote", {{"date", "2026-11-22"},
                                     {"start_time", "18:00"},
                                     {"number_of_courts", 4},
                                     {"customer_name", "Team"}});
    ASSERT_TRUE(all["ok"]) << all;
    auto taken = call("create_quote",
                      {{"date", "2026-11-22"}, {"start_time", "18:00"}, {"customer_name", "Asha"}});
    EXPECT_EQ(taken["error"]["code"], "SLOT_UNAVAILABLE");
    ASSERT_FALSE(taken["alternatives"].empty()) << taken;
    auto check = call("check_availability", {{"date", "2026-11-22"}, {"start_time", "18:00"}});
    EXPECT_FALSE(check["available"]);
    EXPECT_FALSE(check["alternatives"].empty()) << check;
}

TEST_F(ToolRegistryTest, RescheduleAndCancelOnlyYourOwnBooking) {
    const auto id = quote_and_confirm("2026-11-23", "09:00");
    ToolContext stranger{"pickle_x_mysore", "+919811111111", "voice"};
    EXPECT_EQ(call("cancel_booking", {{"booking_id", id}}, stranger)["error"]["code"],
              "NOT_YOUR_BOOKING");
    ToolContext elsewhere{"bishops_tempe", "+919800000001", "voice"};
    EXPECT_EQ(call("cancel_booking", {{"booking_id", id}}, elsewhere)["error"]["code"],
              "BOOKING_NOT_FOUND");

    auto moved = call("reschedule_booking", {{"booking_id", id}, {"start_time", "10:00"}});
    ASSERT_TRUE(moved["ok"]) << moved;
    EXPECT_EQ(moved["start_time"], "10:00");
    auto cancelled = call("cancel_booking", {{"booking_id", id}});
    ASSERT_TRUE(cancelled["ok"]) << cancelled;
    EXPECT_EQ(cancelled["status"], "cancelled");
}

TEST_F(ToolRegistryTest, CallToolsAskForActions) {
    auto end = tools_.call("end_call", json::object(), caller_);
    EXPECT_EQ(end.action, CallAction::kEndCall);
    auto transfer = tools_.call("transfer_call", {{"reason", "wants a person"}},
                                ToolContext{"lakeside_club", "", "voice"});
    EXPECT_EQ(transfer.action, CallAction::kTransfer);
    EXPECT_EQ(transfer.transfer_to, "+13125550199");  // facilities/lakeside_club.json
    auto none = tools_.call("transfer_call", json::object(), caller_);  // seed file: no number
    EXPECT_EQ(none.output["error"]["code"], "TRANSFER_UNAVAILABLE");
    EXPECT_EQ(none.action, CallAction::kNone);
}

TEST_F(ToolRegistryTest, FacilityInfoKnowsTodayInTheFacilitysZone) {
    auto info = call("get_facility_info", json::object());
    ASSERT_TRUE(info["ok"]);
    EXPECT_EQ(info["today"], "2026-11-21");
    EXPECT_EQ(info["facility_name"], "Pickle X Mysore");
}

}  // namespace
}  // namespace frontdesk::tools
