// CallSession against a fake CallLeg and a fake in-process model connection: set-up and the
// format check, audio both ways, barge-in arithmetic, tools through the real registry and
// booking engine, the end of a call, the apology, DTMF, idle and session renewal.
#include "realtime/call_session.hpp"

#include <gtest/gtest.h>

#include "call_session_fixture.hpp"

namespace frontdesk::realtime::test {
namespace {

TEST_F(CallSessionTest, ConfiguresTheSessionAndGreetsFirstOnceTheFormatIsConfirmed) {
    start_call();
    const auto update = model().sent("session.update").at(0)["session"];
    EXPECT_EQ(update["audio"]["input"]["format"]["type"], "audio/pcmu");
    EXPECT_EQ(update["audio"]["output"]["format"]["type"], "audio/pcmu");
    EXPECT_EQ(update["tools"].size(), 9U);
    EXPECT_NE(update["instructions"].get<std::string>().find("Pickle X Mysore"), std::string::npos);
    EXPECT_TRUE(model().sent("response.create").empty());  // not before session.updated

    model().emit({{"type", "session.created"},
                  {"session", {{"audio", {{"input", {{"format", {{"type", "audio/pcm"}}}}}}}}}});
    EXPECT_TRUE(model().sent("response.create").empty());
    go_live();
    const auto greeting = model().sent("response.create").at(0)["response"]["instructions"];
    EXPECT_NE(greeting.get<std::string>().find("Thank you for calling Pickle X Mysore"),
              std::string::npos);
    EXPECT_EQ(fx_.stats.snapshot().active_calls, 1U);
}

TEST_F(CallSessionTest, MuLawPassesThroughBothWaysWithAMarkPerTenthOfASecond) {
    start_call();
    const std::vector<std::uint8_t> before_live(160, 0x11);
    leg_->caller_audio(before_live);  // not bridged before the session is confirmed
    go_live();
    const std::vector<std::uint8_t> frame(160, 0x22);
    leg_->caller_audio(frame);
    EXPECT_EQ(model().audio, frame);

    send_delta("item_1", 480, 0x33);
    EXPECT_TRUE(leg_->marks.empty()) << "60 ms: no mark yet";
    send_delta("item_1", 320, 0x44);
    EXPECT_EQ(leg_->audio.size(), 800U);
    EXPECT_EQ(leg_->audio.front(), 0x33);
    EXPECT_EQ(leg_->marks.size(), 1U);
    EXPECT_TRUE(session_->record().timings.first_agent_audio.has_value());
}

TEST_F(CallSessionTest, TheLegIsFlushedWhenTheAgentsAudioEndsNotAfterEveryMark) {
    start_call();
    go_live();
    model().emit({{"type", "response.created"}, {"response", {{"id", "resp_1"}}}});
    send_delta("item_1", 480);
    send_delta("item_1", 320);
    send_delta("item_1", 160);
    EXPECT_EQ(leg_->marks.size(), 1U);
    EXPECT_TRUE(leg_->flushes.empty()) << "a mark is not a pause: flushing pads mid-sentence";
    model().emit(
        {{"type", "response.output_audio.done"}, {"response_id", "resp_1"}, {"item_id", "item_1"}});
    // The last 20 ms are marked, then flushed.
    EXPECT_EQ(leg_->flushes, (std::vector<std::size_t>{2}));
    model().emit(
        {{"type", "response.done"}, {"response", {{"id", "resp_1"}, {"status", "completed"}}}});
    EXPECT_EQ(leg_->flushes, (std::vector<std::size_t>{2, 2}));  // harmless when nothing is held
}

TEST_F(CallSessionTest, BargeInClearsAndTruncatesAtTheLastEchoedMark) {
    start_call();
    go_live();
    for (int chunk = 0; chunk < 3; ++chunk) send_delta("item_1", kUlaw100ms);
    leg_->echo_marks(2);  // the caller heard 200 ms
    model().emit({{"type", "input_audio_buffer.speech_started"}, {"item_id", "in_1"}});
    EXPECT_EQ(leg_->clears, 1U);
    const auto truncates = model().sent("conversation.item.truncate");
    ASSERT_EQ(truncates.size(), 1U);
    EXPECT_EQ(truncates[0]["item_id"], "item_1");
    EXPECT_EQ(truncates[0]["audio_end_ms"], 200);
    EXPECT_EQ(truncates[0]["content_index"], 0);

    run_ready();                       // the clear's echoes of flushed marks arrive and are ignored
    send_delta("item_1", kUlaw100ms);  // the rest of the interrupted reply is dropped
    EXPECT_EQ(leg_->audio.size(), 3 * kUlaw100ms);
    model().emit({{"type", "input_audio_buffer.speech_started"}, {"item_id", "in_2"}});
    EXPECT_EQ(leg_->clears, 1U);  // nothing playing: nothing to cut
    EXPECT_EQ(session_->record().counters.barge_ins, 1U);
}

TEST_F(CallSessionTest, BargeInCarriesTheLastEchoForwardByTheCallersMediaClock) {
    start_call();
    go_live();
    const std::vector<std::uint8_t> frame(160, 0xff);
    leg_->caller_audio(frame);
    for (int chunk = 0; chunk < 3; ++chunk) send_delta("item_1", kUlaw100ms);
    leg_->echo_marks(1);  // 100 ms heard at this media time
    for (int i = 0; i < 3; ++i) leg_->caller_audio(frame);  // 60 ms later by the carrier's clock
    model().emit({{"type", "input_audio_buffer.speech_started"}, {"item_id", "in_1"}});
    const auto truncates = model().sent("conversation.item.truncate");
    ASSERT_EQ(truncates.size(), 1U);
    EXPECT_EQ(truncates[0]["audio_end_ms"], 160);
}

TEST_F(CallSessionTest, BargeInBeforeAnyEchoTruncatesAtZero) {
    start_call();
    go_live();
    send_delta("item_7", kUlaw100ms);
    model().emit({{"type", "input_audio_buffer.speech_started"}});
    const auto truncates = model().sent("conversation.item.truncate");
    ASSERT_EQ(truncates.size(), 1U);
    EXPECT_EQ(truncates[0]["audio_end_ms"], 0);
}

TEST_F(CallSessionTest, BooksACourtThroughTheRegistryWithTheCallersNumber) {
    start_call();
    go_live();
    call_tool("create_quote",
              {{"date", "2026-11-22"}, {"start_time", "18:00"}, {"customer_name", "Asha"}},
              "call_q", "resp_q");
    const auto quote = tool_output("call_q");
    ASSERT_TRUE(quote.value("ok", false)) << quote;
    EXPECT_EQ(model().sent("response.create").size(), 2U);

    call_tool("confirm_booking", {{"quote_id", quote["quote_id"]}}, "call_c", "resp_c");
    const auto booked = tool_output("call_c");
    ASSERT_TRUE(booked.value("ok", false)) << booked;
    const auto found = fx_.tools.call("find_bookings", json::object(),
                                      {"pickle_x_mysore", "+919800000001", "voice"});
    EXPECT_EQ(found.output["count"], 1) << found.output;
    ASSERT_EQ(fx_.recorder.tools.size(), 2U);
    EXPECT_EQ(fx_.recorder.tools[1].name, "confirm_booking");
    EXPECT_TRUE(fx_.recorder.tools[1].ok);
    EXPECT_EQ(fx_.stats.snapshot().tool_calls, 2U);
}

TEST_F(CallSessionTest, ToolCallsOfAnInterruptedResponseAreNotRun) {
    start_call();
    go_live();
    model().emit({{"type", "response.function_call_arguments.done"},
                  {"response_id", "resp_x"},
                  {"call_id", "call_x"},
                  {"name", "end_call"},
                  {"arguments", "{}"}});
    model().emit(
        {{"type", "response.done"}, {"response", {{"id", "resp_x"}, {"status", "cancelled"}}}});
    run_ready();
    EXPECT_TRUE(model().sent("conversation.item.create").empty());
    EXPECT_EQ(leg_->hang_ups, 0U);
}

TEST_F(CallSessionTest, EndCallHangsUpOnceTheGoodbyeHasPlayed) {
    start_call();
    go_live();
    call_tool("end_call", {{"reason", "done"}}, "call_e", "resp_e");
    ASSERT_TRUE(tool_output("call_e").value("ok", false));
    model().emit({{"type", "response.created"}, {"response", {{"id", "resp_bye"}}}});
    send_delta("item_bye", kUlaw100ms);
    model().emit({{"type", "response.output_audio_transcript.done"},
                  {"item_id", "item_bye"},
                  {"transcript", "Goodbye!"}});
    model().emit(
        {{"type", "response.done"}, {"response", {{"id", "resp_bye"}, {"status", "completed"}}}});
    EXPECT_EQ(leg_->marks.back(), "rt-goodbye");
    ASSERT_FALSE(leg_->flushes.empty());
    EXPECT_EQ(leg_->flushes.back(), leg_->marks.size() - 1) << "the goodbye's audio not flushed";
    EXPECT_EQ(leg_->hang_ups, 0U);  // not before the caller heard it
    leg_->echo_marks();
    EXPECT_EQ(leg_->hang_ups, 1U);
    EXPECT_EQ(leg_->closed, telephony::LegEnd::kLocalHangup);
    EXPECT_TRUE(model().closed);
    ASSERT_TRUE(fx_.recorder.ended.has_value());
    EXPECT_EQ(fx_.recorder.ended->end_reason, "local_hangup");
    ASSERT_FALSE(fx_.recorder.lines.empty());
    EXPECT_EQ(fx_.recorder.lines.back().text, "Goodbye!");
}

TEST_F(CallSessionTest, ModelDroppingMidCallPlaysTheApologyThenTransfers) {
    start_call(twilio_start("lakeside_club"));
    go_live();
    model().drop();
    EXPECT_EQ(leg_->audio.size(), fx_.apology.size());
    EXPECT_GE(leg_->clears, 1U);
    ASSERT_FALSE(leg_->flushes.empty());
    EXPECT_EQ(leg_->flushes.back(), leg_->marks.size() - 1) << "the apology not flushed";
    EXPECT_FALSE(leg_->transferred_to.has_value());
    leg_->echo_marks();
    EXPECT_EQ(leg_->transferred_to, "+13125550199");
    ASSERT_TRUE(run_until([&] { return session_->has_ended(); }, "the transfer to complete"));
    EXPECT_EQ(leg_->closed, telephony::LegEnd::kTransferred);
    EXPECT_EQ(fx_.recorder.ended->end_reason, "transferred");
    EXPECT_GE(fx_.stats.snapshot().model_errors, 1U);
}

TEST_F(CallSessionTest, AFailedTransferHandsTheCallBackToTheAgent) {
    start_call(twilio_start("lakeside_club"));
    go_live();
    leg_->fail_transfers = true;
    call_tool("transfer_call", {{"reason", "wants a person"}}, "call_t", "resp_t");
    ASSERT_TRUE(tool_output("call_t").value("ok", false));
    model().emit({{"type", "response.created"}, {"response", {{"id", "resp_t2"}}}});
    model().emit(
        {{"type", "response.done"}, {"response", {{"id", "resp_t2"}, {"status", "completed"}}}});
    leg_->echo_marks();
    EXPECT_EQ(leg_->transferred_to, "+13125550199");
    ASSERT_TRUE(run_until([&] { return model().sent("response.create").size() == 3; },
                          "the agent told about the failed transfer"));
    EXPECT_FALSE(session_->has_ended());
    EXPECT_FALSE(leg_->closed.has_value());
    const auto note = model().sent("conversation.item.create").back().dump();
    EXPECT_NE(note.find("did not go through"), std::string::npos);
}

TEST_F(CallSessionTest, AFormatMismatchEndsTheCallPolitely) {
    start_call();
    model().emit(session_updated(media::kOpenAiPcmFormat));  // we asked for audio/pcmu
    EXPECT_TRUE(model().sent("response.create").empty());
    EXPECT_TRUE(model().closed);
    EXPECT_EQ(leg_->audio.size(), fx_.apology.size());
    leg_->echo_marks();
    EXPECT_EQ(leg_->hang_ups, 1U);                             // Pickle X has no transfer number
    EXPECT_EQ(leg_->closed, telephony::LegEnd::kLocalHangup);  // hang_up() closes the leg
    EXPECT_EQ(fx_.recorder.ended->end_reason, "model_failure");
    EXPECT_EQ(fx_.stats.snapshot().failed_calls, 1U);
}

TEST_F(CallSessionTest, AnUnansweredSetupEndsWithTheApology) {
    settings().model_setup_timeout = std::chrono::milliseconds{30};
    start_call();
    ASSERT_TRUE(run_until([&] { return !leg_->audio.empty(); }, "apology audio"));
    leg_->echo_marks();
    EXPECT_EQ(leg_->closed, telephony::LegEnd::kLocalHangup);  // hang_up() closes the leg
    EXPECT_EQ(fx_.recorder.ended->end_reason, "model_failure");
}

TEST_F(CallSessionTest, DtmfDigitsReachTheModelAsText) {
    start_call();
    go_live();
    leg_->dtmf('4');
    leg_->dtmf('2');
    ASSERT_TRUE(run_until([&] { return !model().sent("conversation.item.create").empty(); },
                          "the DTMF text item"));
    const auto item = model().sent("conversation.item.create").at(0)["item"];
    EXPECT_EQ(item["role"], "user");
    EXPECT_NE(item["content"][0]["text"].get<std::string>().find("4 2"), std::string::npos);
    EXPECT_EQ(model().sent("response.create").size(), 2U);
}

TEST_F(CallSessionTest, AnIdleCallerIsPromptedThenTheCallEndsPolitely) {
    settings().idle_prompt_after = std::chrono::milliseconds{30};
    settings().idle_end_after = std::chrono::milliseconds{30};
    start_call();
    go_live();
    ASSERT_TRUE(run_until([&] { return model().sent("response.create").size() == 3; },
                          "the idle prompt and the farewell"));
    EXPECT_NE(model().sent("response.create")[1].dump().find("still there"), std::string::npos);
    EXPECT_NE(model().sent("response.create")[2].dump().find("End the call"), std::string::npos);
    model().emit({{"type", "response.created"}, {"response", {{"id", "resp_f"}}}});
    model().emit(
        {{"type", "response.done"}, {"response", {{"id", "resp_f"}, {"status", "completed"}}}});
    leg_->echo_marks();
    EXPECT_EQ(leg_->closed, telephony::LegEnd::kLocalHangup);
}

TEST_F(CallSessionTest, Pcm16LegsAreTranscodedToAndFrom24kPcm) {
    auto start = twilio_start();
    start.carrier = "exotel";
    start.format = media::AudioFormat{media::AudioEncoding::kPcm16, media::kSampleRate8k};
    start_call(start);
    const auto update = model().sent("session.update").at(0)["session"];
    EXPECT_EQ(update["audio"]["input"]["format"], json({{"type", "audio/pcm"}, {"rate", 24000}}));
    go_live(media::kOpenAiPcmFormat);
    const std::vector<std::uint8_t> frame(3200, 0);  // 200 ms at 8 kHz
    leg_->caller_audio(frame);
    EXPECT_GT(model().audio.size(), 8000U);  // ~600 ms of 24 kHz bytes, minus filter delay
    EXPECT_LE(model().audio.size(), 9600U);
    send_delta("item_1", 9600);  // 200 ms at 24 kHz
    EXPECT_GT(leg_->audio.size(), 2400U);
    EXPECT_LE(leg_->audio.size(), 3200U);
}

TEST_F(CallSessionTest, TheSessionIsRenewedWithTheConversationSoFar) {
    settings().session_renewal_after = std::chrono::milliseconds{30};
    start_call();
    go_live();
    model().emit({{"type", "conversation.item.input_audio_transcription.completed"},
                  {"item_id", "in_1"},
                  {"transcript", "Do you have a court tomorrow?"}});
    ASSERT_TRUE(run_until([&] { return fx_.models.size() == 2 && model(1).connected; },
                          "a second model session"));
    run_ready();
    const auto update = model(1).sent("session.update").at(0)["session"];
    const auto instructions = update["instructions"].get<std::string>();
    EXPECT_NE(instructions.find("Caller: Do you have a court tomorrow?"), std::string::npos);
    EXPECT_NE(instructions.find("do not greet them again"), std::string::npos);
    model(1).emit(session_updated(media::kTwilioFormat));
    EXPECT_TRUE(model(0).closed);
    EXPECT_TRUE(model(1).sent("response.create").empty());  // no second greeting
    const std::vector<std::uint8_t> frame(160, 0x22);
    leg_->caller_audio(frame);
    EXPECT_EQ(model(1).audio, frame);
    EXPECT_EQ(session_->record().counters.model_sessions, 2U);
}

TEST_F(CallSessionTest, ACallerHangingUpEndsEverythingOnce) {
    start_call();
    go_live();
    leg_->hang_up_from_caller();
    EXPECT_TRUE(model().closed);
    EXPECT_TRUE(session_->has_ended());
    ASSERT_TRUE(fx_.recorder.ended.has_value());
    EXPECT_EQ(fx_.recorder.ended->end_reason, "caller_hung_up");
    session_->end(telephony::LegEnd::kShutdown, "again");  // a second end does nothing
    EXPECT_EQ(fx_.recorder.ended->end_reason, "caller_hung_up");
    const auto stats = fx_.stats.snapshot();
    EXPECT_EQ(stats.active_calls, 0U);
    EXPECT_EQ(stats.completed_calls, 1U);
}

TEST_F(CallSessionTest, AnUnknownFacilityGetsTheApologyAndAHangUp) {
    session_ = CallSession::start(leg_, *fx_.services);
    auto start = twilio_start("nowhere");
    start.called = "+10000000000";
    leg_->start_call(start);
    ASSERT_TRUE(run_until([&] { return !leg_->pending.empty(); }, "the apology's mark"));
    EXPECT_TRUE(fx_.models.empty());
    leg_->echo_marks();
    EXPECT_EQ(leg_->hang_ups, 1U);
}

}  // namespace
}  // namespace frontdesk::realtime::test
