// Barge-in end to end through the binary (Twilio): the model speaks a greeting and then a reply
// in three 100 ms deltas; the fake caller echoes only the marks it "played" and holds the rest;
// then the model's VAD reports the caller speaking. The caller gets a clear, the model a
// conversation.item.truncate of the reply cut where the caller's echoes say it stopped hearing,
// and what is left of that reply never reaches the caller while the next reply does.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/fake_model_script.hpp"
#include "integration/integration_fixture.hpp"
#include "support/fake_twilio_caller.hpp"
#include "support/fake_wss_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::test {
namespace {

using nlohmann::json;
constexpr auto kDeadline = kModelDeadline;
constexpr const char* kCaller = "+919800000003";

constexpr std::size_t kChunkBytes = 800;  // one delta: 100 ms of μ-law at 8 kHz
constexpr std::size_t kUlawBytesPerMs = 8;
constexpr int kReplyChunks = 3;
// Marks the caller echoes on arrival: the greeting's one and the first two of the reply.
constexpr std::size_t kMarksPlayed = 3;
constexpr std::size_t kMarksSent = 1 + kReplyChunks;
constexpr std::size_t kSyncFrameBytes = 160;

// Each stretch of audio is one μ-law byte value, so the caller can tell who said what.
constexpr std::uint8_t kGreetingByte = 0x66;
constexpr std::uint8_t kReplyByte = 0x55;
constexpr std::uint8_t kLateByte = 0x33;  // the interrupted reply, after the truncate
constexpr std::uint8_t kNextByte = 0x44;  // the model's next reply
constexpr std::uint8_t kSyncByte = 0x11;  // caller audio sent after its echoes

std::vector<std::uint8_t> filled(std::size_t bytes, std::uint8_t value) {
    return std::vector<std::uint8_t>(bytes, value);
}

/// What the fake model saw, for the test thread once `signals` has "model done".
struct BargeInLog {
    std::optional<json> truncate;
    std::vector<json> events_after_speech;  // everything the server sent after speech_started
};

void barge_in_script(FakeWsConnection& connection, ScriptSignals& signals, BargeInLog& log) {
    if (!accept_session(connection) || !read_until(connection, "response.create")) return;
    start_response(connection, "resp_greet");
    send_audio_delta(connection, "resp_greet", "item_greet", filled(kChunkBytes, kGreetingByte));
    end_response(connection, "resp_greet");
    start_response(connection, "resp_reply");
    for (int i = 0; i < kReplyChunks; ++i) {
        send_audio_delta(connection, "resp_reply", "item_reply", filled(kChunkBytes, kReplyByte));
    }
    // The test sends one frame of kSyncByte after the caller's echoes; the telephony socket is
    // ordered, so its append proves the server has taken in those echoes.
    const auto sync = read_until(connection, "input_audio_buffer.append", [](const json& event) {
        const auto audio = decoded_audio(event);
        return !audio.empty() && audio.front() == kSyncByte;
    });
    if (!sync) return;
    speech_started(connection, "item_caller");
    std::vector<json> passed;
    auto truncate = read_until(connection, "conversation.item.truncate", {}, &passed);
    // The interrupted reply's tail still arrives (the server cancels it), then the next reply.
    send_audio_delta(connection, "resp_reply", "item_reply", filled(kChunkBytes, kLateByte));
    end_response(connection, "resp_reply", "cancelled");
    start_response(connection, "resp_next");
    send_audio_delta(connection, "resp_next", "item_next", filled(kChunkBytes, kNextByte));
    end_response(connection, "resp_next");
    signals.raise("model spoke");
    // Until the caller hangs up and the server closes this session.
    auto rest = read_until_closed(connection);
    log.truncate = std::move(truncate);
    log.events_after_speech = std::move(passed);
    if (log.truncate) log.events_after_speech.push_back(*log.truncate);
    for (auto& event : rest) log.events_after_speech.push_back(std::move(event));
    signals.raise("model done");
}

std::size_t count_type(const std::vector<json>& events, std::string_view type) {
    return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const json& e) {
        return e.is_object() && e.value("type", "") == type;
    }));
}

class VoiceBargeInTest : public ModelServerTest {};

TEST_F(VoiceBargeInTest, SpeechStartedClearsTheCallerAndTruncatesWhereTheEchoedMarksEnd) {
    ScriptSignals signals;
    BargeInLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { barge_in_script(connection, signals, model); });
    start_server_with_model(openai.port());

    FakeCallerThread loop;
    FakeTwilioCall call;
    call.parameters = {{"facility_id", "pickle_x_mysore"}, {"caller", kCaller}};
    FakeTwilioCaller caller{loop.executor(), server_->port(), call,
                            CallerScript{.media_frames = 0, .max_mark_echoes = kMarksPlayed}};
    caller.start();

    // Every mark has arrived (and the first kMarksPlayed were echoed on arrival).
    ASSERT_TRUE(caller.wait_until(
        [](const CallerObservations& seen) { return seen.marks.size() >= kMarksSent; }, kDeadline))
        << server_->log();
    const auto before = caller.observations();
    caller.send_audio(filled(kSyncFrameBytes, kSyncByte));

    // What the caller heard of the reply, by its own account: the audio before the last mark
    // it echoed, counted from the reply's first byte.
    ASSERT_FALSE(before.marks_echoed.empty());
    const auto last_echoed =
        std::find(before.marks.begin(), before.marks.end(), before.marks_echoed.back());
    ASSERT_NE(last_echoed, before.marks.end());
    const auto heard_until = before.mark_offsets[static_cast<std::size_t>(
        std::distance(before.marks.begin(), last_echoed))];
    const auto reply_start = static_cast<std::size_t>(
        std::find(before.heard.begin(), before.heard.end(), kReplyByte) - before.heard.begin());
    ASSERT_LT(reply_start, heard_until) << "the caller echoed no mark of the reply";
    const auto expected_end_ms =
        static_cast<std::int64_t>((heard_until - reply_start) / kUlawBytesPerMs);

    ASSERT_TRUE(signals.wait("model spoke")) << server_->log();
    ASSERT_TRUE(caller.wait_until(
        [](const CallerObservations& seen) {
            return std::find(seen.heard.begin(), seen.heard.end(), kNextByte) != seen.heard.end();
        },
        kDeadline))
        << "the next reply did not reach the caller; server log:\n"
        << server_->log();
    const auto heard = caller.observations();
    EXPECT_EQ(heard.clears, 1U);
    EXPECT_EQ(std::find(heard.heard.begin(), heard.heard.end(), kLateByte), heard.heard.end())
        << "audio of the truncated reply reached the caller";

    caller.send_stop();
    ASSERT_TRUE(signals.wait("model done")) << server_->log();
    ASSERT_TRUE(model.truncate.has_value()) << server_->log();
    EXPECT_EQ(model.truncate->value("item_id", ""), "item_reply");
    EXPECT_EQ(model.truncate->value("content_index", -1), 0);
    EXPECT_EQ(model.truncate->value("audio_end_ms", std::int64_t{-1}), expected_end_ms)
        << "the caller heard " << (heard_until - reply_start) << " bytes of the reply";
    EXPECT_EQ(count_type(model.events_after_speech, "conversation.item.truncate"), 1U)
        << "only the reply still playing is truncated, not the greeting";

    auto http = client();
    nlohmann::json status;
    EXPECT_TRUE(poll_until([&] {
        status = http.get("/voice/status").json();
        return status.value("active_calls", -1) == 0;
    })) << status;
    EXPECT_EQ(status.value("barge_ins", -1), 1) << status;
    EXPECT_EQ(status.value("completed_calls", -1), 1) << status;
    EXPECT_EQ(status.value("failed_calls", -1), 0) << status;
}

}  // namespace
}  // namespace frontdesk::test
