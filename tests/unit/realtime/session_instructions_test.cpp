// The system prompt is built from the facility file and the injected clock.
#include "realtime/session_instructions.hpp"

#include <gtest/gtest.h>

#include "booking/facility_directory.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::realtime {
namespace {

class SessionInstructionsTest : public ::testing::Test {
protected:
    booking::FacilityDirectory facilities_ = booking::load_facilities(FRONTDESK_FACILITIES_DIR);
    // Saturday 2026-11-21, 10:00 in Mysore; 22:30 the day before in Chicago.
    ManualClock clock_{*parse_rfc3339("2026-11-21T04:30:00Z")};
};

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

TEST_F(SessionInstructionsTest, NamesTheFacilityItsHoursPricesAndToday) {
    const auto& pickle = facilities_.get("pickle_x_mysore");
    const auto text = session_instructions(pickle, clock_, CallerInfo{"+919800000001"});
    EXPECT_TRUE(contains(text, "Pickle X Mysore")) << text;
    EXPECT_TRUE(contains(text, "2026-11-21")) << text;
    EXPECT_TRUE(contains(text, "Saturday")) << text;
    EXPECT_TRUE(contains(text, "10 am")) << text;
    EXPECT_TRUE(contains(text, "280.00 INR")) << text;
    EXPECT_TRUE(contains(text, "300.00 INR")) << text;
    EXPECT_TRUE(contains(text, "from 6 am to 11 pm")) << text;
    EXPECT_TRUE(contains(text, "Coaching is available: 2500.00 INR")) << text;
    EXPECT_TRUE(contains(text, "under 18")) << text;
    EXPECT_TRUE(contains(text, "4 courts")) << text;
}

TEST_F(SessionInstructionsTest, StatesTheQuoteConfirmDiscipline) {
    const auto& pickle = facilities_.get("pickle_x_mysore");
    const auto text = session_instructions(pickle, clock_, CallerInfo{});
    EXPECT_TRUE(contains(text, "create_quote")) << text;
    EXPECT_TRUE(contains(text, "Only after the caller says yes, call confirm_booking")) << text;
    EXPECT_TRUE(contains(text, "Never say a booking is made")) << text;
    EXPECT_TRUE(contains(text, "Ask for a phone number")) << text;
}

TEST_F(SessionInstructionsTest, AKnownCallerIsNotAskedForTheirNumber) {
    const auto& pickle = facilities_.get("pickle_x_mysore");
    const auto text = session_instructions(pickle, clock_, CallerInfo{"+919800000001"});
    EXPECT_TRUE(contains(text, "ends in 0001")) << text;
    EXPECT_TRUE(contains(text, "never ask for it")) << text;
    EXPECT_FALSE(contains(text, "+919800000001")) << text;
}

TEST_F(SessionInstructionsTest, UsesTheFacilitysZoneGreetingAndNotes) {
    const auto& lakeside = facilities_.get("lakeside_club");
    const auto text = session_instructions(lakeside, clock_, CallerInfo{});
    EXPECT_TRUE(contains(text, "2026-11-20")) << text;  // still Friday evening in Chicago
    EXPECT_TRUE(contains(text, "10:30 pm")) << text;
    EXPECT_TRUE(contains(text, "Closed on 2026-11-26")) << text;
    EXPECT_TRUE(contains(text, "Thanks for calling Lakeside Club")) << text;
    EXPECT_TRUE(contains(text, "Center Court has seating")) << text;
    EXPECT_EQ(greeting_text(lakeside),
              "Thanks for calling Lakeside Club, this is the booking line. How can I help?");
    EXPECT_TRUE(contains(greeting_instructions(lakeside), greeting_text(lakeside)));
    EXPECT_EQ(greeting_text(facilities_.get("pickle_x_mysore")),
              "Thank you for calling Pickle X Mysore. How can I help you today?");
}

TEST_F(SessionInstructionsTest, ContinuationCarriesTheConversation) {
    const auto text = continuation_instructions("BASE", "Caller: hi\nAgent: hello\n");
    EXPECT_TRUE(text.starts_with("BASE"));
    EXPECT_TRUE(contains(text, "do not greet them again"));
    EXPECT_TRUE(contains(text, "Caller: hi"));
}

}  // namespace
}  // namespace frontdesk::realtime
