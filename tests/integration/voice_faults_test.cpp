// Faults end to end through the binary. When OpenAI drops mid-call or cannot be reached, the
// caller hears the pre-rendered apology (assets/audio) and the call ends cleanly, with nothing
// half-booked. A malformed frame from the carrier, or a run of malformed events from the model,
// ends that one call while a second call on the same server carries on to its own end.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gtest/gtest.h>

#include "integration/fake_model_script.hpp"
#include "integration/integration_fixture.hpp"
#include "media/g711.hpp"
#include "support/fake_exotel_caller.hpp"
#include "support/fake_twilio_caller.hpp"
#include "support/fake_wss_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::test {
namespace {

using nlohmann::json;
constexpr auto kDeadline = kModelDeadline;
constexpr int kNormalClose = 1000;
constexpr int kPolicyErrorClose = 1008;
constexpr std::size_t kChunkBytes = 800;    // 100 ms of μ-law
constexpr std::uint8_t kBeforeByte = 0x66;  // a call's audio before the other call failed
constexpr std::uint8_t kAfterByte = 0x44;   // …and after it
constexpr std::uint8_t kByeByte = 0x22;
constexpr const char* kGoodbyeMark = "rt-goodbye";  // the server's own mark after its last words
// Well beyond the run of unparseable events the Realtime client tolerates.
constexpr int kBadEventRun = 100;

std::vector<std::uint8_t> filled(std::size_t bytes, std::uint8_t value) {
    return std::vector<std::uint8_t>(bytes, value);
}

std::vector<std::uint8_t> apology_ulaw() {
    std::ifstream in{FRONTDESK_SOURCE_DIR "/assets/audio/apology_8k.ulaw", std::ios::binary};
    return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

bool heard_byte(const CallerObservations& seen, std::uint8_t value) {
    return std::find(seen.heard.begin(), seen.heard.end(), value) != seen.heard.end();
}

/// The apology, as the last audio a Twilio caller heard: one μ-law frame, byte for byte, then
/// the server's goodbye mark.
::testing::AssertionResult ended_with_apology(const CallerObservations& seen) {
    const auto apology = apology_ulaw();
    if (apology.empty()) return ::testing::AssertionFailure() << "no apology asset";
    if (seen.heard_sizes.empty() || seen.heard_sizes.back() != apology.size()) {
        return ::testing::AssertionFailure()
               << "the last audio frame is not the apology (" << apology.size() << " bytes); "
               << seen.heard_sizes.size() << " frames heard";
    }
    if (!std::equal(apology.rbegin(), apology.rend(), seen.heard.rbegin())) {
        return ::testing::AssertionFailure() << "the last audio frame differs from the apology";
    }
    if (seen.marks.empty() || seen.marks.back() != kGoodbyeMark) {
        return ::testing::AssertionFailure() << "no goodbye mark after the apology";
    }
    return ::testing::AssertionSuccess();
}

class VoiceFaultsTest : public ModelServerTest {
protected:
    /// Waits until the caller's socket is closed; the failure message has the server log.
    template <class Caller>
    ::testing::AssertionResult wait_closed(const Caller& caller) {
        if (caller.wait_until([](const CallerObservations& seen) { return seen.closed; },
                              kDeadline)) {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure() << "the call was not closed; server log:\n"
                                             << server_->log();
    }

    ::testing::AssertionResult log_shows(const std::string& text) {
        if (poll_until([&] { return server_->log().find(text) != std::string::npos; })) {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure() << "'" << text << "' not in the server log:\n"
                                             << server_->log();
    }

    /// /voice/status once no call is active any more.
    json settled_status() {
        auto http = client();
        json status;
        const bool settled = poll_until([&] {
            status = http.get("/voice/status").json();
            return status.value("active_calls", -1) == 0;
        });
        EXPECT_TRUE(settled) << status;
        return status;
    }
};

// --- OpenAI drops mid-call ---------------------------------------------------------------

struct QuoteLog {
    json quote;
};

void quote_then_drop(FakeWsConnection& connection, ScriptSignals& signals, QuoteLog& log,
                     const std::string& date) {
    if (!accept_session(connection) || !read_until(connection, "response.create")) return;
    say(connection, "greeting");
    call_tool(connection, "create_quote",
              {{"date", date}, {"start_time", "18:00"}, {"customer_name", "Asha"}}, "q1");
    auto quote = tool_output(connection, "q1");
    if (!quote) return;
    log.quote = std::move(*quote);
    // A quote, no confirm_booking: then the TCP connection goes, without a close frame.
    connection.drop();
    signals.raise("dropped");
}

TEST_F(VoiceFaultsTest, TheModelDroppingMidCallPlaysTheApologyAndBooksNothing) {
    const std::string caller_number = "+919800000004";
    const auto date = local_date_in("Asia/Kolkata", 2);
    ScriptSignals signals;
    QuoteLog model;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { quote_then_drop(connection, signals, model, date); });
    start_server_with_model(openai.port());

    FakeCallerThread loop;
    FakeTwilioCall call;
    call.parameters = {{"facility_id", "pickle_x_mysore"}, {"caller", caller_number}};
    FakeTwilioCaller caller{loop.executor(), server_->port(), call, CallerScript{}};
    caller.start();

    ASSERT_TRUE(signals.wait("dropped")) << server_->log();
    ASSERT_TRUE(model.quote.value("ok", false)) << model.quote;
    ASSERT_TRUE(wait_closed(caller));
    const auto heard = caller.observations();
    EXPECT_TRUE(ended_with_apology(heard));
    // pickle_x_mysore has no transfer number: after the apology the call is hung up cleanly.
    EXPECT_EQ(heard.close_code, kNormalClose) << heard.close_reason;
    EXPECT_TRUE(log_shows("model connection lost"));

    // Nothing half-booked: the quote was never confirmed, so no booking exists at all.
    auto http = client();
    const auto bookings = http.get("/owner/bookings", owner_auth());
    ASSERT_EQ(bookings.status, 200) << bookings.body;
    EXPECT_EQ(bookings.json().value("count", -1), 0) << bookings.body;

    const auto status = settled_status();
    EXPECT_EQ(status.value("failed_calls", -1), 1) << status;
    EXPECT_EQ(status.value("completed_calls", -1), 0) << status;
    EXPECT_GE(status.value("model_errors", -1), 1) << status;
}

// --- OpenAI unreachable at call start ------------------------------------------------------

TEST_F(VoiceFaultsTest, AModelRefusingTheUpgradeGetsTheApologyThenATransferAttempt) {
    FakeWssServer openai([](FakeWsConnection&) {});
    openai.refuse_upgrades_with(503);
    start_server_with_model(openai.port());

    FakeCallerThread loop;
    FakeTwilioCall call;
    // lakeside_club has a transfer number; with no Twilio REST configured the transfer fails,
    // so the call is hung up after the apology.
    call.parameters = {{"facility_id", "lakeside_club"}, {"caller", "+13125550123"}};
    FakeTwilioCaller caller{loop.executor(), server_->port(), call, CallerScript{}};
    caller.start();

    ASSERT_TRUE(wait_closed(caller));
    EXPECT_TRUE(openai.wait_for_upgrades(1, kDeadline));
    const auto heard = caller.observations();
    EXPECT_TRUE(ended_with_apology(heard));
    EXPECT_EQ(heard.close_code, kNormalClose) << heard.close_reason;
    EXPECT_TRUE(log_shows("transfer failed"));
    const auto status = settled_status();
    EXPECT_EQ(status.value("failed_calls", -1), 1) << status;
}

TEST_F(VoiceFaultsTest, AnExotelCallerHearsTheApologyAsPcm16WhenTheModelPortIsClosed) {
    // Bound but not listening: connections are refused, and no one else can take the port.
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor closed{ioc};
    closed.open(boost::asio::ip::tcp::v4());
    closed.bind({boost::asio::ip::make_address_v4("127.0.0.1"), 0});
    start_server_with_model(closed.local_endpoint().port());

    FakeCallerThread loop;
    FakeExotelCall call;
    call.to = "+919876543210";  // pickle_x_mysore, found by the number dialled
    FakeExotelCaller caller{loop.executor(), server_->port(), call,
                            CallerScript{.frame_bytes = 320}};
    caller.start();

    ASSERT_TRUE(wait_closed(caller));
    const auto heard = caller.observations();
    EXPECT_EQ(heard.close_code, kNormalClose) << heard.close_reason;
    // The μ-law apology decoded to PCM16 LE at 8 kHz, sample for sample, then silence padding
    // to a whole chunk.
    const auto samples = media::decode_ulaw(apology_ulaw());
    const auto played = pcm16_samples(heard.heard);
    ASSERT_GE(played.size(), samples.size()) << server_->log();
    EXPECT_TRUE(std::equal(samples.begin(), samples.end(), played.begin()));
    EXPECT_TRUE(std::all_of(played.begin() + static_cast<std::ptrdiff_t>(samples.size()),
                            played.end(), [](std::int16_t sample) { return sample == 0; }));
    // Exotel's chunk rules (PROTOCOLS §6.4): whole 20 ms granules, at least 100 ms each.
    constexpr std::size_t kGranuleBytes = 320;
    constexpr std::size_t kMinChunkBytes = 1600;
    for (const auto size : heard.heard_sizes) {
        EXPECT_EQ(size % kGranuleBytes, 0U) << size;
        EXPECT_GE(size, kMinChunkBytes);
    }
    EXPECT_TRUE(log_shows("playing the apology"));
}

// --- A malformed frame on either socket ends only that call ---------------------------------

constexpr const char* kCallerA = "+919800001111";
constexpr const char* kCallerB = "+919800002222";

/// Call B's model: speaks, waits for call A to be over, speaks again, then ends the call.
void call_b_script(FakeWsConnection& connection, ScriptSignals& signals) {
    if (!read_until(connection, "response.create")) return;
    start_response(connection, "resp_b1");
    send_audio_delta(connection, "resp_b1", "item_b1", filled(kChunkBytes, kBeforeByte));
    end_response(connection, "resp_b1");
    signals.raise("B live");
    if (!signals.wait("A ended")) return;
    start_response(connection, "resp_b2");
    send_audio_delta(connection, "resp_b2", "item_b2", filled(kChunkBytes, kAfterByte));
    end_response(connection, "resp_b2");
    call_tool(connection, "end_call", {{"reason", "done"}}, "e1");
    if (!tool_output(connection, "e1") || !read_until(connection, "response.create")) return;
    start_response(connection, "resp_bye");
    send_audio_delta(connection, "resp_bye", "item_bye", filled(kChunkBytes, kByeByte));
    end_response(connection, "resp_bye");
    read_until_closed(connection);
    signals.raise("B done");
}

/// Routes each model connection to call A's or B's script by the caller number's last four
/// digits, which the session instructions carry.
template <class ScriptA>
void two_calls(FakeWsConnection& connection, ScriptSignals& signals, ScriptA script_a) {
    const auto update = accept_session_update(connection);
    if (!update) return;
    const auto instructions = (*update)["session"].value("instructions", "");
    if (instructions.find("ends in 1111") != std::string::npos) {
        script_a(connection);
    } else {
        call_b_script(connection, signals);
    }
}

FakeTwilioCall call_of(const std::string& caller, const std::string& suffix) {
    FakeTwilioCall call;
    call.call_sid = "CA000000000000000000000000000000" + suffix;
    call.stream_sid = "MZ000000000000000000000000000000" + suffix;
    call.parameters = {{"facility_id", "pickle_x_mysore"}, {"caller", caller}};
    return call;
}

/// Callers A and B on one caller thread, both ringing at once.
struct TwoCallers {
    explicit TwoCallers(std::uint16_t port)
        : a{loop.executor(), port, call_of(kCallerA, "0A"), CallerScript{}},
          b{loop.executor(), port, call_of(kCallerB, "0B"), CallerScript{}} {
        a.start();
        b.start();
    }

    FakeCallerThread loop;  // declared first: the callers run on it
    FakeTwilioCaller a;
    FakeTwilioCaller b;
};

TEST_F(VoiceFaultsTest, AMalformedCarrierFrameEndsOnlyThatCall) {
    ScriptSignals signals;
    FakeWssServer openai([&](FakeWsConnection& connection) {
        two_calls(connection, signals, [&](FakeWsConnection& a) {
            if (!read_until(a, "response.create")) return;
            start_response(a, "resp_a1");
            send_audio_delta(a, "resp_a1", "item_a1", filled(kChunkBytes, kBeforeByte));
            end_response(a, "resp_a1");
            signals.raise("A live");
            read_until_closed(a);  // the server ends this session with call A
            if (a.closed()) signals.raise("A model closed");
        });
    });
    start_server_with_model(openai.port());

    TwoCallers callers{server_->port()};
    auto& caller_a = callers.a;
    auto& caller_b = callers.b;
    ASSERT_TRUE(signals.wait("A live")) << server_->log();
    ASSERT_TRUE(signals.wait("B live")) << server_->log();

    caller_a.send_text("this is not json");
    ASSERT_TRUE(wait_closed(caller_a));
    const auto a = caller_a.observations();
    EXPECT_EQ(a.close_code, kPolicyErrorClose);
    EXPECT_NE(a.close_reason.find("malformed frame"), std::string::npos) << a.close_reason;
    EXPECT_NE(a.close_reason.find("JSON"), std::string::npos) << a.close_reason;
    EXPECT_TRUE(signals.wait("A model closed")) << "call A's model session was left open";
    signals.raise("A ended");

    ASSERT_TRUE(signals.wait("B done")) << server_->log();
    ASSERT_TRUE(wait_closed(caller_b));
    const auto b = caller_b.observations();
    EXPECT_TRUE(heard_byte(b, kAfterByte)) << "call B heard nothing after call A failed";
    EXPECT_EQ(b.close_code, kNormalClose) << b.close_reason;
    EXPECT_FALSE(heard_byte(a, kAfterByte));

    const auto status = settled_status();
    EXPECT_EQ(status.value("total_calls", -1), 2) << status;
    EXPECT_EQ(status.value("failed_calls", -1), 1) << status;
    EXPECT_EQ(status.value("completed_calls", -1), 1) << status;
}

TEST_F(VoiceFaultsTest, ARunOfMalformedModelEventsEndsOnlyThatCall) {
    ScriptSignals signals;
    bool a_closed_by_server = false;  // written by A's script before it raises "A model done"
    FakeWssServer openai([&](FakeWsConnection& connection) {
        two_calls(connection, signals, [&](FakeWsConnection& a) {
            if (!read_until(a, "response.create")) return;
            // One unparseable event is dropped and the call goes on…
            a.send_text("{not json");
            start_response(a, "resp_a1");
            send_audio_delta(a, "resp_a1", "item_a1", filled(kChunkBytes, kBeforeByte));
            end_response(a, "resp_a1");
            if (!signals.wait("A heard")) return;
            // …a sustained run of them ends the model session.
            for (int i = 0; i < kBadEventRun; ++i) {
                if (!a.send_text("{not json")) break;
            }
            read_until_closed(a);
            a_closed_by_server = a.closed();
            signals.raise("A model done");
        });
    });
    start_server_with_model(openai.port());

    TwoCallers callers{server_->port()};
    auto& caller_a = callers.a;
    auto& caller_b = callers.b;
    ASSERT_TRUE(signals.wait("B live")) << server_->log();
    ASSERT_TRUE(caller_a.wait_until(
        [](const CallerObservations& seen) { return heard_byte(seen, kBeforeByte); }, kDeadline))
        << "one malformed model event ended call A; server log:\n"
        << server_->log();
    signals.raise("A heard");

    ASSERT_TRUE(wait_closed(caller_a));
    const auto a = caller_a.observations();
    EXPECT_TRUE(ended_with_apology(a));
    EXPECT_EQ(a.close_code, kNormalClose) << a.close_reason;
    ASSERT_TRUE(signals.wait("A model done"));
    EXPECT_TRUE(a_closed_by_server) << "the server kept reading the malformed run";
    EXPECT_TRUE(log_shows("too many unparseable events"));
    signals.raise("A ended");

    ASSERT_TRUE(signals.wait("B done")) << server_->log();
    ASSERT_TRUE(wait_closed(caller_b));
    const auto b = caller_b.observations();
    EXPECT_TRUE(heard_byte(b, kAfterByte)) << "call B heard nothing after call A failed";
    EXPECT_EQ(b.close_code, kNormalClose) << b.close_reason;
    EXPECT_EQ(b.clears, 0U);

    const auto status = settled_status();
    EXPECT_EQ(status.value("total_calls", -1), 2) << status;
    EXPECT_EQ(status.value("failed_calls", -1), 1) << status;
    EXPECT_EQ(status.value("completed_calls", -1), 1) << status;
    EXPECT_GE(status.value("model_errors", -1), 1) << status;
}

}  // namespace
}  // namespace frontdesk::test
