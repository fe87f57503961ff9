// The built-in agent in whole conversations, against the real tool registry, booking service and
// an in-memory SQLite store with the sample facilities. "Now" is pinned: Saturday 2026-11-21
// 10:15 local (Mysore for pickle_x_mysore, Chicago for lakeside_club). Assertions look at the
// tool calls made and at the store, and at the key words of the replies (price, time).
#include "chat/builtin_agent.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::chat {
namespace {

using nlohmann::json;
using Kind = AgentEvent::Kind;

constexpr const char* kMysore = "pickle_x_mysore";
constexpr const char* kLakeside = "lakeside_club";
constexpr const char* kCaller = "+919800000001";

class BuiltinAgentTest : public ::testing::Test {
protected:
    booking::FacilityDirectory facilities_ = booking::load_facilities(FRONTDESK_FACILITIES_DIR);
    booking::SqliteStore store_{":memory:"};
    ManualClock clock_{*parse_rfc3339("2026-11-21T04:45:00Z")};  // 10:15 in Mysore
    booking::BookingService bookings_{facilities_, store_, clock_};
    tools::ToolRegistry tools_{bookings_};
    std::unique_ptr<BuiltinAgent> agent_ = make_agent(kMysore, kCaller);
    AgentReply last_;

    std::unique_ptr<BuiltinAgent> make_agent(const std::string& facility,
                                             const std::string& caller) {
        return std::make_unique<BuiltinAgent>(tools_, tools::ToolContext{facility, caller, "chat"},
                                              facilities_.get(facility), clock_);
    }

    void use_lakeside() {
        clock_.set(*parse_rfc3339("2026-11-21T16:15:00Z"));  // 10:15 in Chicago
        agent_ = make_agent(kLakeside, "+13125550123");
    }

    /// One turn; returns the agent's message.
    std::string say(std::string_view text) {
        last_ = agent_->respond(text);
        EXPECT_FALSE(last_.events.empty());
        EXPECT_EQ(last_.events.back().kind, Kind::kMessage);
        EXPECT_EQ(last_.engine, "builtin");
        return last_.events.back().text;
    }

    /// The tools called in the last turn, in order.
    std::vector<std::string> calls() const {
        std::vector<std::string> names;
        for (const auto& event : last_.events) {
            if (event.kind == Kind::kFunctionCall) names.push_back(event.function_name);
        }
        return names;
    }

    /// The result of the last call of `name` in the last turn.
    json result_of(std::string_view name) const {
        json found;
        for (const auto& event : last_.events) {
            if (event.kind == Kind::kFunctionResult && event.function_name == name) {
                found = event.result;
            }
        }
        return found;
    }

    std::vector<booking::Booking> stored(const std::string& facility = kMysore) {
        booking::BookingFilter filter;
        filter.facility_id = facility;
        return bookings_.list_bookings(filter);
    }

    std::string local_start(const booking::Booking& booking, const std::string& facility) {
        return facilities_.get(facility).time_zone.format_rfc3339(booking.start);
    }

    /// Books a slot directly through the tools, as another customer (or this caller) would.
    std::string book_through_tools(const std::string& date, const std::string& time, int courts,
                                   const std::string& phone) {
        const tools::ToolContext context{kMysore, phone, "api"};
        const auto quote = tools_.call("create_quote",
                                       {{"date", date},
                                        {"start_time", time},
                                        {"number_of_courts", courts},
                                        {"customer_name", "Ravi"}},
                                       context);
        EXPECT_TRUE(quote.ok()) << quote.output;
        const auto booked =
            tools_.call("confirm_booking", {{"quote_id", quote.output["quote_id"]}}, context);
        EXPECT_TRUE(booked.ok()) << booked.output;
        return booked.output.value("booking_id", "");
    }
};

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

TEST_F(BuiltinAgentTest, BooksACourtStepByStepAndOnlyConfirmsOnYes) {
    EXPECT_TRUE(contains(say("hi"), "Pickle X Mysore"));
    EXPECT_TRUE(calls().empty());

    const auto ask_time = say("I'd like to book a court tomorrow");
    EXPECT_EQ(calls(), std::vector<std::string>{"check_availability"});
    EXPECT_TRUE(contains(ask_time, "What time")) << ask_time;
    EXPECT_TRUE(contains(ask_time, "Sunday 22 November")) << ask_time;

    const auto ask_name = say("6 pm");
    EXPECT_EQ(calls(), std::vector<std::string>{"check_availability"});
    EXPECT_TRUE(result_of("check_availability")["available"]);
    EXPECT_TRUE(contains(ask_name, "name")) << ask_name;

    const auto quote = say("Asha Rao");
    EXPECT_EQ(calls(), std::vector<std::string>{"create_quote"});
    EXPECT_TRUE(contains(quote, "₹300")) << quote;
    EXPECT_TRUE(contains(quote, "6 pm")) << quote;
    EXPECT_TRUE(contains(quote, "Shall I confirm")) << quote;
    EXPECT_FALSE(contains(quote, "booked!"));
    EXPECT_TRUE(stored().empty()) << "a quote is not a booking";
    EXPECT_EQ(agent_->state().asked, Question::kConfirmQuote);

    const auto done = say("yes");
    EXPECT_EQ(calls(), std::vector<std::string>{"confirm_booking"});
    const auto bookings = stored();
    ASSERT_EQ(bookings.size(), 1u);
    EXPECT_EQ(local_start(bookings[0], kMysore), "2026-11-22T18:00:00+05:30");
    EXPECT_EQ(bookings[0].customer.name, "Asha Rao");
    EXPECT_EQ(bookings[0].customer.phone, kCaller);
    EXPECT_EQ(bookings[0].source, "chat");
    EXPECT_TRUE(contains(done, "booked")) << done;
    EXPECT_TRUE(contains(done, bookings[0].id)) << done;
}

TEST_F(BuiltinAgentTest, EveryToolCallIsReportedWithItsResultBeforeTheMessage) {
    (void)say("book a court tomorrow at 6 pm, my name is Asha");
    ASSERT_EQ(last_.events.size(), 5u);  // check + quote, each call and result, then the message
    EXPECT_EQ(last_.events[0].kind, Kind::kFunctionCall);
    EXPECT_EQ(last_.events[0].function_name, "check_availability");
    EXPECT_EQ(last_.events[0].arguments["date"], "2026-11-22");
    EXPECT_EQ(last_.events[0].arguments["start_time"], "18:00");
    EXPECT_EQ(last_.events[1].kind, Kind::kFunctionResult);
    EXPECT_TRUE(last_.events[1].result["ok"]);
    EXPECT_EQ(last_.events[2].function_name, "create_quote");
    EXPECT_EQ(last_.events[2].arguments["customer_name"], "Asha");
    EXPECT_EQ(last_.events[3].result["quote_id"], agent_->state().quote_id);
}

TEST_F(BuiltinAgentTest, BooksTwoCourtsSaturdayEveningInOneGo) {
    const auto quote = say("book 2 courts Saturday 6 to 8 pm, my name is Asha");
    EXPECT_EQ(calls(), (std::vector<std::string>{"check_availability", "create_quote"}));
    EXPECT_EQ(result_of("create_quote")["resources"].size(), 2u);
    EXPECT_TRUE(contains(quote, "2 courts")) << quote;
    EXPECT_TRUE(contains(quote, "from 6 pm to 8 pm")) << quote;
    EXPECT_TRUE(contains(quote, "₹1200")) << quote;  // 2 courts × 2 hours × ₹300 (weekend)
    EXPECT_TRUE(stored().empty());

    (void)say("yes please");
    const auto bookings = stored();
    ASSERT_EQ(bookings.size(), 1u);
    EXPECT_EQ(bookings[0].resource_ids.size(), 2u);
    EXPECT_EQ(local_start(bookings[0], kMysore), "2026-11-21T18:00:00+05:30");
    EXPECT_EQ(bookings[0].end - bookings[0].start, std::chrono::hours{2});
}

TEST_F(BuiltinAgentTest, NoToTheQuoteBooksNothing) {
    (void)say("book a court tomorrow at 6 pm, my name is Asha");
    ASSERT_EQ(agent_->state().asked, Question::kConfirmQuote);
    const auto declined = say("no");
    EXPECT_TRUE(calls().empty());
    EXPECT_TRUE(contains(declined, "nothing has been booked")) << declined;
    EXPECT_TRUE(agent_->state().quote_id.empty());
    (void)say("no thanks");
    EXPECT_EQ(agent_->state().task, Task::kNone);
    EXPECT_TRUE(stored().empty());
}

TEST_F(BuiltinAgentTest, ChangingTheTimeAfterTheQuoteQuotesAgain) {
    (void)say("book a court tomorrow at 6 pm, my name is Asha");
    const auto first_quote = agent_->state().quote_id;
    const auto requote = say("actually 7 pm please");
    EXPECT_EQ(calls(), (std::vector<std::string>{"check_availability", "create_quote"}));
    EXPECT_NE(agent_->state().quote_id, first_quote);
    EXPECT_TRUE(contains(requote, "from 7 pm to 8 pm")) << requote;
    EXPECT_TRUE(stored().empty());

    (void)say("yes");
    const auto bookings = stored();
    ASSERT_EQ(bookings.size(), 1u);
    EXPECT_EQ(local_start(bookings[0], kMysore), "2026-11-22T19:00:00+05:30");
}

TEST_F(BuiltinAgentTest, AsksForContactDetailsWhenTheCallerIsUnknown) {
    agent_ = make_agent(kMysore, "");
    (void)say("book a court tomorrow at 6 pm");
    EXPECT_EQ(agent_->state().asked, Question::kName);
    const auto contact = say("my name is Asha");
    EXPECT_TRUE(contains(contact, "phone number or email")) << contact;
    EXPECT_TRUE(calls().empty());
    const auto refused = say("hmm");
    EXPECT_TRUE(contains(refused, "phone number or email")) << refused;
    const auto quote = say("98450 12345");
    EXPECT_EQ(calls(), std::vector<std::string>{"create_quote"});
    EXPECT_TRUE(contains(result_of("create_quote")["customer"]["phone"].get<std::string>(),
                         "9845012345"));
    EXPECT_TRUE(contains(quote, "Shall I confirm")) << quote;
}

TEST_F(BuiltinAgentTest, CancelsABookingFoundByTheCallersNumber) {
    const auto id = book_through_tools("2026-11-22", "18:00", 1, kCaller);
    const auto ask = say("I want to cancel my booking");
    EXPECT_EQ(calls(), std::vector<std::string>{"find_bookings"});
    EXPECT_TRUE(contains(ask, "6 pm")) << ask;
    EXPECT_TRUE(contains(ask, "Shall I cancel it?")) << ask;
    EXPECT_EQ(bookings_.get_booking(id).status, booking::BookingStatus::kConfirmed);

    const auto done = say("yes");
    EXPECT_EQ(calls(), std::vector<std::string>{"cancel_booking"});
    EXPECT_TRUE(contains(done, "cancelled")) << done;
    EXPECT_EQ(bookings_.get_booking(id).status, booking::BookingStatus::kCancelled);
}

TEST_F(BuiltinAgentTest, AsksWhichBookingWhenThereAreSeveral) {
    (void)book_through_tools("2026-11-22", "18:00", 1, kCaller);
    const auto later = book_through_tools("2026-11-23", "09:00", 1, kCaller);
    const auto ask = say("cancel my booking");
    EXPECT_TRUE(contains(ask, "Which one")) << ask;
    const auto confirm = say("2");
    EXPECT_TRUE(contains(confirm, "Monday 23 November")) << confirm;
    (void)say("yes");
    EXPECT_EQ(bookings_.get_booking(later).status, booking::BookingStatus::kCancelled);
    EXPECT_EQ(stored().size(), 2u);
}

TEST_F(BuiltinAgentTest, KeepsTheBookingWhenTheCancelIsDeclined) {
    const auto id = book_through_tools("2026-11-22", "18:00", 1, kCaller);
    (void)say("cancel my booking");
    (void)say("no");
    EXPECT_TRUE(calls().empty());
    EXPECT_EQ(bookings_.get_booking(id).status, booking::BookingStatus::kConfirmed);
}

TEST_F(BuiltinAgentTest, ReschedulesAfterAYesReadingSevenNearTheBooking) {
    const auto id = book_through_tools("2026-11-22", "18:00", 1, kCaller);
    const auto ask = say("can you move my booking to 7?");
    EXPECT_EQ(calls(), std::vector<std::string>{"find_bookings"});
    EXPECT_TRUE(contains(ask, "7 pm")) << ask;  // 7 read next to the 6 pm booking, said with pm
    EXPECT_TRUE(contains(ask, "Shall I move it to 7 pm")) << ask;
    EXPECT_EQ(local_start(bookings_.get_booking(id), kMysore), "2026-11-22T18:00:00+05:30");

    const auto done = say("yes");
    EXPECT_EQ(calls(), std::vector<std::string>{"reschedule_booking"});
    EXPECT_TRUE(contains(done, "from 7 pm to 8 pm")) << done;
    EXPECT_EQ(local_start(bookings_.get_booking(id), kMysore), "2026-11-22T19:00:00+05:30");
}

TEST_F(BuiltinAgentTest, MovesTheBookingJustMadeInTheConversation) {
    (void)say("book a court tomorrow at 6 pm, my name is Asha");
    (void)say("yes");
    ASSERT_EQ(stored().size(), 1u);
    const auto ask = say("move it to 8");
    EXPECT_TRUE(calls().empty());
    EXPECT_TRUE(contains(ask, "8 pm")) << ask;
    (void)say("yes");
    EXPECT_EQ(calls(), std::vector<std::string>{"reschedule_booking"});
    EXPECT_EQ(local_start(stored()[0], kMysore), "2026-11-22T20:00:00+05:30");
}

TEST_F(BuiltinAgentTest, RefusesAHolidayWithTheToolsReason) {
    use_lakeside();
    const auto refusal = say("book a court on the 26th at 10 am");
    EXPECT_EQ(calls(), std::vector<std::string>{"check_availability"});
    EXPECT_FALSE(result_of("check_availability")["open"]);
    EXPECT_TRUE(contains(refusal, "closed on Thursday 26 November")) << refusal;
    EXPECT_TRUE(contains(refusal, "Which other day")) << refusal;
    EXPECT_TRUE(stored(kLakeside).empty());
}

TEST_F(BuiltinAgentTest, RefusesOutsideOpeningHours) {
    use_lakeside();
    const auto refusal = say("book a court Sunday at 7 pm");
    EXPECT_TRUE(contains(refusal, "On Sundays we're open from 8 am to 6 pm")) << refusal;
    EXPECT_EQ(agent_->state().asked, Question::kTime);
}

TEST_F(BuiltinAgentTest, RefusesAPastTimeAndOffersLaterOnes) {
    const auto refusal = say("book a court today at 9 am");
    EXPECT_TRUE(contains(refusal, "already passed")) << refusal;
    EXPECT_TRUE(contains(refusal, "11 am")) << refusal;  // the nearest start still to come
    EXPECT_FALSE(agent_->state().slot.start);
}

TEST_F(BuiltinAgentTest, OffersTheToolsAlternativesWhenTheSlotIsTaken) {
    (void)book_through_tools("2026-11-22", "18:00", 4, "+919800000099");
    const auto refusal = say("book a court tomorrow at 6 pm");
    EXPECT_TRUE(contains(refusal, "already taken")) << refusal;
    const auto alternatives = result_of("check_availability")["alternatives"];
    ASSERT_FALSE(alternatives.empty());
    for (const auto& option : alternatives) {
        const auto hour = std::stoi(option["start_time"].get<std::string>().substr(0, 2));
        EXPECT_TRUE(contains(refusal, std::to_string(hour > 12 ? hour - 12 : hour)))
            << refusal << " lacks " << option;
    }
    EXPECT_TRUE(contains(refusal, "7 pm")) << refusal;
    const auto next = say("7 pm then");
    EXPECT_TRUE(contains(next, "name")) << next;
    EXPECT_EQ(agent_->state().slot.start, TimeOfDay{19 * 60});
}

TEST_F(BuiltinAgentTest, OffersFreeStartsInsideTheEvening) {
    const auto offer = say("any court free tomorrow evening?");
    EXPECT_EQ(calls().front(), "check_availability");
    EXPECT_TRUE(contains(offer, "4 pm, 5 pm, 6 pm and 7 pm")) << offer;
    EXPECT_TRUE(contains(offer, "Sunday 22 November")) << offer;
    const auto next = say("6");
    EXPECT_TRUE(contains(next, "name")) << next;
    EXPECT_EQ(agent_->state().slot.start, TimeOfDay{18 * 60});
}

TEST_F(BuiltinAgentTest, SaysAnAssumedMeridiemBack) {
    const auto quote = say("book a court tomorrow at 7, I'm Asha");
    EXPECT_TRUE(contains(quote, "7 am")) << quote;
}

TEST_F(BuiltinAgentTest, AnswersHoursAndPrices) {
    EXPECT_TRUE(contains(say("what time do you open?"), "every day from 6 am to 11 pm"));
    EXPECT_EQ(calls(), std::vector<std::string>{"get_facility_info"});
    const auto weekend = say("how much is it on weekends?");
    EXPECT_TRUE(contains(weekend, "₹300 an hour on weekends")) << weekend;
    const auto both = say("what are your rates?");
    EXPECT_TRUE(contains(both, "₹280")) << both;
    EXPECT_TRUE(contains(both, "₹300")) << both;
    const auto rentals = say("can I rent a racket?");
    EXPECT_TRUE(contains(rentals, "₹100")) << rentals;
    const auto coaching = say("do you have coaching?");
    EXPECT_TRUE(contains(coaching, "₹2500")) << coaching;
    EXPECT_TRUE(stored().empty());
}

TEST_F(BuiltinAgentTest, AnswersLakesideHoursByDay) {
    use_lakeside();
    const auto hours = say("what are your hours?");
    EXPECT_TRUE(contains(hours, "Monday to Friday from 6 am to 10 pm")) << hours;
    EXPECT_TRUE(contains(hours, "Sunday from 8 am to 6 pm")) << hours;
    const auto holiday = say("are you open on the 26th?");
    EXPECT_TRUE(contains(holiday, "closed")) << holiday;
    const auto weekday = say("how much on weekdays?");
    EXPECT_TRUE(contains(weekday, "$32.50")) << weekday;
}

TEST_F(BuiltinAgentTest, AnswersAQuestionMidBookingAndRepeatsTheQuestion) {
    (void)say("book a court tomorrow at 6 pm, my name is Asha");
    const auto aside = say("how much is it on weekends?");
    EXPECT_TRUE(contains(aside, "₹300")) << aside;
    EXPECT_TRUE(contains(aside, "Shall I confirm")) << aside;
    (void)say("yes");
    EXPECT_EQ(stored().size(), 1u);
}

TEST_F(BuiltinAgentTest, TransfersAndSaysGoodbyeThroughTheTools) {
    use_lakeside();
    const auto transfer = say("can I talk to a real person?");
    EXPECT_EQ(calls(), std::vector<std::string>{"transfer_call"});
    EXPECT_TRUE(contains(transfer, "connecting you")) << transfer;
    const auto bye = say("bye");
    EXPECT_EQ(calls(), std::vector<std::string>{"end_call"});
    EXPECT_TRUE(contains(bye, "Goodbye")) << bye;
    EXPECT_TRUE(agent_->state().ended);
}

TEST_F(BuiltinAgentTest, UnknownAndHostileInputGetsAPrompt) {
    for (const std::string& text : {std::string{}, std::string(100000, 'x'),
                                   std::string{"\xff\xfe\x00\x01", 4}, std::string{"asdf qwer"}}) {
        const auto reply = say(text);
        EXPECT_FALSE(reply.empty());
        EXPECT_TRUE(calls().empty());
    }
    EXPECT_TRUE(contains(say("blorp"), "What would you like?"));
}

TEST_F(BuiltinAgentTest, ConversationsAreDeterministic) {
    const std::vector<std::string> script = {"hi", "any court free tomorrow evening?", "6",
                                             "how much is it on weekends?", "no"};
    std::vector<std::string> first;
    for (const auto& line : script) first.push_back(say(line));
    agent_ = make_agent(kMysore, kCaller);
    for (std::size_t i = 0; i < script.size(); ++i) EXPECT_EQ(say(script[i]), first[i]);
}

}  // namespace
}  // namespace frontdesk::chat
