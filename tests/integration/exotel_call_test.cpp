// An Exotel Voicebot call end to end through the binary, at each sample rate Exotel offers
// (PROTOCOLS §6): the caller streams PCM16 LE, the model gets 24 kHz audio/pcm (resampled, or
// passed through at 24 kHz), the model's 24 kHz replies reach the caller at the caller's rate in
// Exotel-sized chunks, a booking made by voice carries the caller's number from the start event,
// and end_call closes the Exotel socket.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/fake_model_script.hpp"
#include "integration/integration_fixture.hpp"
#include "support/fake_exotel_caller.hpp"
#include "support/fake_wss_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::test {
namespace {

using nlohmann::json;
constexpr auto kDeadline = kModelDeadline;
constexpr int kNormalClose = 1000;
constexpr int kModelRateHz = 24000;
constexpr std::size_t kPcm16Bytes = 2;
// 200 ms of caller audio in 20 ms frames, sent at once: within the 300 ms the server queues for
// the model before it drops the oldest.
constexpr std::size_t kCallerFrames = 10;
constexpr std::size_t kFramesPerSecond = 50;
constexpr std::size_t kReplyDeltas = 3;
constexpr std::size_t kDeltaSamples = kModelRateHz / 5;  // 200 ms at 24 kHz
constexpr std::int16_t kLevel = 4000;  // a DC level: survives resampling, easy to count
constexpr std::int16_t kLoud = kLevel / 2;
constexpr const char* kFrom = "+919811112222";

std::size_t loud_samples(const std::vector<std::int16_t>& samples) {
    return static_cast<std::size_t>(std::count_if(
        samples.begin(), samples.end(), [](std::int16_t s) { return std::abs(s) > kLoud; }));
}

/// What the fake model saw, for the test thread once `signals` has "model done".
struct ExotelModelLog {
    json session_update;
    std::size_t appended_bytes = 0;
    std::vector<std::int16_t> last_append;  // the samples of the last append read
    json booking;
};

/// Caller audio reaches the model: reads appends until `expected_bytes` arrived (less a little
/// slack), returning how many bytes did.
std::size_t read_caller_audio(FakeWsConnection& connection, std::size_t expected_bytes,
                              ExotelModelLog& log) {
    std::size_t total = 0;
    const std::size_t enough = expected_bytes - expected_bytes / 100;
    while (total < enough) {
        const auto append = read_until(connection, "input_audio_buffer.append");
        if (!append) break;
        const auto audio = decoded_audio(*append);
        total += audio.size();
        log.last_append = pcm16_samples(audio);
    }
    return total;
}

void exotel_call_script(FakeWsConnection& connection, ScriptSignals& signals, ExotelModelLog& log,
                        std::size_t caller_bytes, int caller_rate_hz, const std::string& date) {
    auto update = accept_session_update(connection);
    if (!update || !read_until(connection, "response.create")) return;
    log.session_update = std::move(*update);
    signals.raise("live");
    const auto expected = caller_bytes * static_cast<std::size_t>(kModelRateHz) /
                          static_cast<std::size_t>(caller_rate_hz);
    log.appended_bytes = read_caller_audio(connection, expected, log);

    start_response(connection, "resp_reply");
    for (std::size_t i = 0; i < kReplyDeltas; ++i) {
        send_audio_delta(connection, "resp_reply", "item_reply",
                         pcm16_constant(kDeltaSamples, kLevel));
    }
    end_response(connection, "resp_reply");

    auto booking = book_court(connection, date, "Ravi");
    if (!booking || !end_call(connection)) return;
    // A silent goodbye, so the loud samples the caller hears are the reply's alone.
    start_response(connection, "resp_bye");
    send_audio_delta(connection, "resp_bye", "item_bye", pcm16_constant(kDeltaSamples, 0));
    end_response(connection, "resp_bye");
    log.booking = std::move(*booking);
    read_until_closed(connection);
    signals.raise("model done");
}

/// Exotel's outbound chunk rules (PROTOCOLS §6.4): whole 20 ms granules (320 bytes at 8 kHz,
/// so every size is also a multiple of 320), at least 100 ms each.
void expect_exotel_chunks(const std::vector<std::size_t>& sizes, std::size_t granule_bytes) {
    constexpr std::size_t kGranulesPerMinChunk = 5;  // 100 ms
    ASSERT_FALSE(sizes.empty());
    for (const auto size : sizes) {
        EXPECT_EQ(size % granule_bytes, 0U) << size;
        EXPECT_EQ(size % 320, 0U) << size;
        EXPECT_GE(size, kGranulesPerMinChunk * granule_bytes) << size;
    }
}

/// Caller audio reached the model resampled to 24 kHz: model-rate / caller-rate times the bytes
/// (the resampler keeps the stream's length; its filter delay is a few samples at most), and
/// still the PCM16 LE level it was sent as.
void expect_resampled(const ExotelModelLog& model, std::size_t caller_bytes, std::size_t rate_hz) {
    const auto expected = caller_bytes * static_cast<std::size_t>(kModelRateHz) / rate_hz;
    EXPECT_GE(model.appended_bytes, expected - expected / 100) << "caller bytes " << caller_bytes;
    EXPECT_LE(model.appended_bytes, expected + 4 * kPcm16Bytes) << "caller bytes " << caller_bytes;
    ASSERT_FALSE(model.last_append.empty());
    EXPECT_TRUE(std::all_of(model.last_append.begin(), model.last_append.end(), [](std::int16_t s) {
        return std::abs(s - kLevel) < kLevel / 20;
    })) << "caller audio is not the level it was sent at";
}

class ExotelTest : public ModelServerTest {
protected:
    /// The booking the model made is stored as a voice booking for `phone`.
    void expect_voice_booking(const json& made, const std::string& phone) {
        ASSERT_TRUE(made.value("ok", false)) << made;
        auto http = client();
        const auto stored =
            http.get("/owner/bookings/" + made["booking_id"].get<std::string>(), owner_auth());
        ASSERT_EQ(stored.status, 200) << stored.body;
        const auto booking = stored.json();
        EXPECT_EQ(booking["status"], "confirmed");
        EXPECT_EQ(booking["source"], "voice");
        EXPECT_EQ(booking["customer"]["phone"], phone);
    }
};

class ExotelCallTest : public ExotelTest, public ::testing::WithParamInterface<int> {};

TEST_P(ExotelCallTest, ACallerBooksByVoiceAndHearsTheModelAtItsOwnRate) {
    const int rate = GetParam();
    const auto rate_hz = static_cast<std::size_t>(rate);
    const std::size_t frame_bytes = rate_hz / kFramesPerSecond * kPcm16Bytes;  // 20 ms
    const std::size_t caller_bytes = kCallerFrames * frame_bytes;
    const auto date = local_date_in("Asia/Kolkata", 2);
    ScriptSignals signals;
    ExotelModelLog model;
    FakeWssServer openai([&](FakeWsConnection& connection) {
        exotel_call_script(connection, signals, model, caller_bytes, rate, date);
    });
    start_server_with_model(openai.port());

    FakeCallerThread loop;
    FakeExotelCall call;
    call.from = kFrom;
    call.to = "+919876543210";  // pickle_x_mysore, found by the number dialled
    call.sample_rate_hz = rate;
    FakeExotelCaller caller{loop.executor(), server_->port(), call,
                            CallerScript{.frame_bytes = frame_bytes, .media_frames = 0}};
    caller.start();

    // Caller audio sent once the bridge is live (earlier audio is not forwarded).
    ASSERT_TRUE(signals.wait("live")) << server_->log();
    for (std::size_t i = 0; i < kCallerFrames; ++i) {
        caller.send_audio(pcm16_constant(frame_bytes / kPcm16Bytes, kLevel));
    }
    ASSERT_TRUE(signals.wait("model done")) << server_->log();
    ASSERT_TRUE(
        caller.wait_until([](const CallerObservations& seen) { return seen.closed; }, kDeadline))
        << server_->log();

    // The model was asked for 24 kHz PCM16 both ways (the only rate audio/pcm has).
    const json pcm24{{"type", "audio/pcm"}, {"rate", kModelRateHz}};
    const auto& audio = model.session_update["session"]["audio"];
    EXPECT_EQ(audio["input"]["format"], pcm24) << model.session_update.dump();
    EXPECT_EQ(audio["output"]["format"], pcm24) << model.session_update.dump();
    expect_resampled(model, caller_bytes, rate_hz);

    // The caller hears the reply as PCM16 at its own rate, in Exotel's chunks: the reply's
    // 600 ms at 24 kHz are 600 ms of loud samples at the caller's rate (the rest is chunk
    // padding, the goodbye's silence and the resampler's start-up delay).
    const auto heard = caller.observations();
    expect_exotel_chunks(heard.heard_sizes, frame_bytes);
    const auto reply_samples = kReplyDeltas * kDeltaSamples * rate_hz / kModelRateHz;
    const auto loud = loud_samples(pcm16_samples(heard.heard));
    EXPECT_GE(loud, reply_samples - reply_samples / 50) << "at " << rate << " Hz";
    EXPECT_LE(loud, reply_samples + reply_samples / 50) << "at " << rate << " Hz";

    // end_call closed the Exotel socket normally, and the booking has the number from start.
    EXPECT_EQ(heard.close_code, kNormalClose) << heard.close_reason;
    expect_voice_booking(model.booking, kFrom);
}

INSTANTIATE_TEST_SUITE_P(Exotel, ExotelCallTest, ::testing::Values(8000, 16000, 24000),
                         [](const ::testing::TestParamInfo<int>& rate) {
                             return std::to_string(rate.param) + "Hz";
                         });

// --- Playback continuity ---------------------------------------------------------------------

constexpr std::size_t kShortDeltas = 5;
constexpr std::size_t kShortDeltaSamples = kModelRateHz / 25;  // 40 ms at 24 kHz
// The bridge marks every 100 ms of agent audio and the tail when the reply ends: 200 ms of reply
// get one mark after the third delta and one after the fifth.
constexpr std::size_t kReplyMarks = 2;
// Longest quiet stretch tolerated inside one continuous reply: a couple of resampler delays.
constexpr std::size_t kMaxQuietRun = 40;

void short_deltas_script(FakeWsConnection& connection, ScriptSignals& signals) {
    if (!accept_session(connection) || !read_until(connection, "response.create")) return;
    start_response(connection, "resp_reply");
    for (std::size_t i = 0; i < kShortDeltas; ++i) {
        send_audio_delta(connection, "resp_reply", "item_reply",
                         pcm16_constant(kShortDeltaSamples, kLevel));
    }
    end_response(connection, "resp_reply");
    signals.raise("model spoke");
    read_until_closed(connection);
}

/// The longest run of quiet samples between the first and the last loud one.
std::size_t longest_quiet_run(const std::vector<std::int16_t>& samples) {
    const auto loud = [](std::int16_t s) { return std::abs(s) > kLoud; };
    const auto first = std::find_if(samples.begin(), samples.end(), loud);
    const auto last = std::find_if(samples.rbegin(), samples.rend(), loud).base();
    std::size_t longest = 0;
    std::size_t run = 0;
    for (auto it = first; it < last; ++it) {
        run = loud(*it) ? 0 : run + 1;
        longest = std::max(longest, run);
    }
    return longest;
}

class ExotelPlaybackTest : public ExotelTest {};

// A reply streamed in short deltas (OpenAI does not promise any delta length) must reach an
// Exotel caller as one continuous stretch of audio: Exotel's chunking may delay audio, but
// silence inserted between two deltas is heard as a stutter in the middle of a sentence.
TEST_F(ExotelPlaybackTest, AReplyInShortDeltasPlaysWithoutSilenceBetweenThem) {
    ScriptSignals signals;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { short_deltas_script(connection, signals); });
    start_server_with_model(openai.port());

    FakeCallerThread loop;
    FakeExotelCall call;
    call.to = "+919876543210";  // pickle_x_mysore
    FakeExotelCaller caller{loop.executor(), server_->port(), call,
                            CallerScript{.frame_bytes = 320, .media_frames = 0}};
    caller.start();
    ASSERT_TRUE(signals.wait("model spoke")) << server_->log();
    // The last mark follows the reply's last audio: when it arrives, all the audio was sent.
    ASSERT_TRUE(caller.wait_until(
        [](const CallerObservations& seen) { return seen.marks.size() >= kReplyMarks; },
        kDeadline))
        << server_->log();
    const auto heard = caller.observations();
    caller.send_stop();

    const auto samples = pcm16_samples(heard.heard);
    const auto reply_samples = kShortDeltas * kShortDeltaSamples / 3;  // at 8 kHz
    EXPECT_GE(loud_samples(samples), reply_samples - reply_samples / 50);
    for (const auto size : heard.heard_sizes) EXPECT_EQ(size % 320, 0U) << size;
    EXPECT_LE(longest_quiet_run(samples), kMaxQuietRun)
        << "silence inserted inside the reply; chunk sizes heard: "
        << ::testing::PrintToString(heard.heard_sizes);
}

}  // namespace
}  // namespace frontdesk::test
