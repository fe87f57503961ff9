// Tool deadlines: a tool stuck on the worker pool (its only thread held by the test, as a hung
// SQLite or calendar call would hold it) answers the model TOOL_TIMEOUT at the deadline; its late
// result is never sent as a second output, and a late booking change reaches the model as a
// system note. A late result after the call ended touches nothing.
#include <algorithm>

#include <gtest/gtest.h>

#include "call_session_fixture.hpp"

namespace frontdesk::realtime::test {
namespace {

constexpr auto kShortDeadline = std::chrono::milliseconds{200};

/// The function_call_output events sent for `call_id`.
std::size_t outputs_for(const FakeModel& model, std::string_view call_id) {
    const auto items = model.sent("conversation.item.create");
    return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [&](const json& e) {
        return e["item"].value("type", "") == "function_call_output" &&
               e["item"].value("call_id", "") == call_id;
    }));
}

/// The text of every system message sent.
std::vector<std::string> system_notes(const FakeModel& model) {
    std::vector<std::string> out;
    for (const auto& event : model.sent("conversation.item.create")) {
        if (event["item"].value("role", "") == "system") {
            out.push_back(event["item"]["content"][0].value("text", ""));
        }
    }
    return out;
}

class ToolDeadlineTest : public CallSessionTest {
protected:
    /// Live, with a quote for tomorrow 18:00 made by a tool that answered in time.
    json live_with_quote() {
        settings().tool_deadline = kShortDeadline;
        start_call();
        go_live();
        call_tool("create_quote",
                  {{"date", "2026-11-22"}, {"start_time", "18:00"}, {"customer_name", "Asha"}},
                  "call_q", "resp_q");
        return tool_output("call_q");
    }

    std::size_t bookings_of_the_caller() {
        const auto found = fx_.tools.call("find_bookings", json::object(),
                                          {"pickle_x_mysore", "+919800000001", "voice"});
        return found.output.value("count", std::size_t{0});
    }
};

TEST_F(ToolDeadlineTest, AStuckConfirmGetsToolTimeoutThenItsLateSuccessIsToldOnce) {
    const auto quote = live_with_quote();
    ASSERT_TRUE(quote.value("ok", false)) << quote;
    ASSERT_EQ(model().sent("response.create").size(), 2U);  // the greeting, after the quote

    WorkerBlocker blocker{fx_.workers};
    call_tool("confirm_booking", {{"quote_id", quote["quote_id"]}}, "call_c", "resp_c");
    const auto timed_out = tool_output("call_c");
    ASSERT_FALSE(timed_out.value("ok", true)) << timed_out;
    EXPECT_EQ(timed_out["error"]["code"], "TOOL_TIMEOUT");
    const auto message = timed_out["error"]["message"].get<std::string>();
    EXPECT_NE(message.find("unknown"), std::string::npos) << message;
    EXPECT_NE(message.find("find_bookings"), std::string::npos) << message;
    EXPECT_EQ(model().sent("response.create").size(), 3U);  // the model speaks from the error
    EXPECT_EQ(bookings_of_the_caller(), 0U);                // it really has not run yet
    ASSERT_FALSE(fx_.recorder.tools.empty());
    EXPECT_EQ(fx_.recorder.tools.back().call_id, "call_c");
    EXPECT_FALSE(fx_.recorder.tools.back().ok);
    EXPECT_EQ(fx_.stats.snapshot().tool_errors, 1U);

    blocker.release();  // the hung store answers: the booking goes through after all
    ASSERT_TRUE(run_until([&] { return !system_notes(model()).empty(); }, "the late-result note"));
    run_ready();
    EXPECT_EQ(outputs_for(model(), "call_c"), 1U);  // never a second output for one call_id
    const auto notes = system_notes(model());
    ASSERT_EQ(notes.size(), 1U);
    EXPECT_NE(notes[0].find("confirm_booking"), std::string::npos) << notes[0];
    EXPECT_NE(notes[0].find("succeeded"), std::string::npos) << notes[0];
    EXPECT_EQ(model().sent("response.create").size(), 4U);  // the agent corrects itself now
    EXPECT_EQ(bookings_of_the_caller(), 1U);
    ASSERT_EQ(fx_.recorder.tools.size(), 3U);  // quote, timeout, the late success
    EXPECT_EQ(fx_.recorder.tools.back().call_id, "call_c");
    EXPECT_TRUE(fx_.recorder.tools.back().ok);
    const auto stats = fx_.stats.snapshot();
    EXPECT_EQ(stats.tool_calls, 2U);  // the late result is not a second call
    EXPECT_EQ(stats.tool_errors, 1U);
    EXPECT_FALSE(session_->has_ended());
}

TEST_F(ToolDeadlineTest, ALateReadOnlyResultIsOnlyRecorded) {
    ASSERT_TRUE(live_with_quote().value("ok", false));
    WorkerBlocker blocker{fx_.workers};
    call_tool("find_bookings", json::object(), "call_f", "resp_f");
    EXPECT_EQ(tool_output("call_f")["error"]["code"], "TOOL_TIMEOUT");
    const auto events_before = model().events.size();
    blocker.release();
    ASSERT_TRUE(run_until([&] { return fx_.recorder.tools.size() == 3; }, "the late result"));
    run_ready();
    EXPECT_EQ(model().events.size(), events_before);  // nothing more for the model
    EXPECT_EQ(fx_.recorder.tools.back().call_id, "call_f");
    EXPECT_TRUE(fx_.recorder.tools.back().ok);
}

TEST_F(ToolDeadlineTest, OnlyTheStuckCallOfABatchTimesOutAndOneResponseFollows) {
    ASSERT_TRUE(live_with_quote().value("ok", false));
    WorkerBlocker blocker{fx_.workers};
    // Two calls in one response: both wait behind the blocker, both pass the deadline.
    for (const char* id : {"call_a", "call_b"}) {
        model().emit({{"type", "response.function_call_arguments.done"},
                      {"response_id", "resp_ab"},
                      {"call_id", id},
                      {"name", "check_availability"},
                      {"arguments", json({{"date", "2026-11-22"}}).dump()}});
    }
    model().emit(
        {{"type", "response.done"}, {"response", {{"id", "resp_ab"}, {"status", "completed"}}}});
    ASSERT_TRUE(run_until(
        [&] { return outputs_for(model(), "call_a") == 1 && outputs_for(model(), "call_b") == 1; },
        "both timeouts"));
    EXPECT_EQ(model().sent("response.create").size(), 3U);  // one for the batch
    blocker.release();
    ASSERT_TRUE(run_until([&] { return fx_.recorder.tools.size() == 5; }, "both late results"));
    run_ready();
    EXPECT_EQ(outputs_for(model(), "call_a"), 1U);
    EXPECT_EQ(outputs_for(model(), "call_b"), 1U);
    EXPECT_EQ(model().sent("response.create").size(), 3U);
}

TEST_F(ToolDeadlineTest, ALateSuccessAfterTheCallEndedTouchesNothing) {
    const auto quote = live_with_quote();
    ASSERT_TRUE(quote.value("ok", false)) << quote;
    WorkerBlocker blocker{fx_.workers};
    call_tool("confirm_booking", {{"quote_id", quote["quote_id"]}}, "call_c", "resp_c");
    EXPECT_EQ(tool_output("call_c")["error"]["code"], "TOOL_TIMEOUT");
    leg_->hang_up_from_caller();
    ASSERT_TRUE(session_->has_ended());
    const auto events_before = model().events.size();
    const auto tools_before = fx_.recorder.tools.size();
    blocker.release();
    ASSERT_TRUE(run_until([&] { return fx_.workers.outstanding() == 0; }, "the late job"));
    run_ready();
    EXPECT_EQ(bookings_of_the_caller(), 1U);  // it did happen, and the log says so
    EXPECT_EQ(model().events.size(), events_before);
    EXPECT_EQ(fx_.recorder.tools.size(), tools_before);
    EXPECT_EQ(fx_.recorder.ended->end_reason, "caller_hung_up");
}

TEST_F(ToolDeadlineTest, AToolAnsweringInTimeIsNotTimedOutLater) {
    ASSERT_TRUE(live_with_quote().value("ok", false));
    // Well past the deadline of the quote, which answered in time: no TOOL_TIMEOUT follows.
    const auto until = std::chrono::steady_clock::now() + 3 * kShortDeadline;
    run_until([&] { return std::chrono::steady_clock::now() >= until; }, "three deadlines");
    EXPECT_EQ(outputs_for(model(), "call_q"), 1U);
    EXPECT_EQ(fx_.stats.snapshot().tool_errors, 0U);
}

}  // namespace
}  // namespace frontdesk::realtime::test
