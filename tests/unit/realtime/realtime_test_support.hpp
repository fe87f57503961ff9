#pragma once
// Harness for the realtime tests: an io_context run by the test thread with run_until(predicate,
// deadline), a fake CallLeg, a fake in-process model connection, and the services a CallSession
// needs (real booking engine on SQLite :memory:, the sample facilities, a worker pool); for the
// tests against the fake OpenAI server, a gate, an inbox and a recording listener.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "booking/booking_service.hpp"
#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "net/worker_pool.hpp"
#include "realtime/call_recorder.hpp"
#include "realtime/call_session.hpp"
#include "realtime/realtime_stats.hpp"
#include "support/fake_wss_server.hpp"
#include "telephony/call_leg.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::realtime::test {

namespace asio = boost::asio;
using nlohmann::json;

constexpr auto kTestDeadline = std::chrono::seconds{10};
/// The longest a fake server's script or a blocked worker job waits for the test.
constexpr auto kScriptDeadline = std::chrono::milliseconds{5000};

/// Owns an io_context that only the test thread runs.
class AsyncTest : public ::testing::Test {
protected:
    /// Runs handlers until `done()` holds; fails the test (naming `what`) at the deadline.
    bool run_until(const std::function<bool()>& done, std::string_view what,
                   std::chrono::milliseconds deadline = kTestDeadline);
    /// Runs whatever is ready now (handlers posted so far), without waiting.
    void run_ready();

    asio::io_context ioc_;
    asio::executor_work_guard<asio::io_context::executor_type> work_{ioc_.get_executor()};
    asio::strand<asio::io_context::executor_type> strand_{asio::make_strand(ioc_)};
};

/// A CallLeg that records what the bridge sends and lets the test play the carrier.
class FakeLeg final : public telephony::CallLeg {
public:
    explicit FakeLeg(asio::any_io_executor strand) : strand_(std::move(strand)) {}

    [[nodiscard]] asio::any_io_executor executor() const override { return strand_; }
    void start(telephony::CallLegListener& listener) override { listener_ = &listener; }
    void send_audio(std::span<const std::uint8_t> audio) override;
    void send_mark(std::string name) override;
    void flush_audio() override { flushes.push_back(marks.size()); }
    void clear() override;
    /// Like the real legs: closes at once, no on_leg_ended.
    void hang_up() override;
    /// Asynchronous like the real legs: on_leg_ended(kTransferred), or on_transfer_failed
    /// when `fail_transfers`.
    void transfer(const std::string& phone_number) override;
    void close(telephony::LegEnd reason) noexcept override;

    // The carrier's side.
    void start_call(telephony::CallStart start);
    void caller_audio(std::span<const std::uint8_t> audio);
    /// Echoes the oldest `count` marks not yet echoed (all when count is 0).
    void echo_marks(std::size_t count = 0);
    void dtmf(char digit);
    void hang_up_from_caller();

    std::vector<std::uint8_t> audio;   // everything the agent sent, concatenated
    std::vector<std::string> marks;    // every mark, in order
    std::vector<std::string> pending;  // marks not echoed yet
    std::vector<std::size_t> flushes;  // marks.size() at each flush_audio()
    std::size_t clears = 0;
    std::size_t hang_ups = 0;
    std::optional<std::string> transferred_to;  // the last transfer asked for
    bool fail_transfers = false;
    std::optional<telephony::LegEnd> closed;

private:
    asio::any_io_executor strand_;
    telephony::CallLegListener* listener_ = nullptr;
    std::chrono::milliseconds media_clock_{0};
};

/// The model side without a network: records client events, injects server events.
class FakeModel final : public RealtimeConnection {
public:
    explicit FakeModel(asio::any_io_executor strand) : strand_(std::move(strand)) {}

    void start(RealtimeListener& listener) override;
    void send_audio(std::span<const std::uint8_t> bytes) override;
    void send_event(std::string event) override;
    [[nodiscard]] std::uint64_t dropped_audio() const noexcept override { return 0; }
    void close() noexcept override;

    /// Delivers a server event (JSON text) to the bridge, as the client would.
    void emit(const json& event);
    /// The socket dropped.
    void drop();
    /// Client events of `type` sent so far.
    [[nodiscard]] std::vector<json> sent(std::string_view type) const;

    std::vector<json> events;  // every client event, parsed
    std::vector<std::uint8_t> audio;
    bool connected = false;
    bool closed = false;

private:
    asio::any_io_executor strand_;
    RealtimeListener* listener_ = nullptr;
};

/// Keeps every record it is given.
class MemoryRecorder final : public CallRecorder {
public:
    void on_call_started(const CallRecord&) noexcept override { ++started; }
    void on_transcript(const CallRecord&, const TranscriptLine& line) noexcept override {
        lines.push_back(line);
    }
    void on_tool_call(const CallRecord&, const ToolCallRecord& tool) noexcept override {
        tools.push_back(tool);
    }
    void on_call_ended(const CallRecord& call) noexcept override { ended = call; }

    int started = 0;
    std::vector<TranscriptLine> lines;
    std::vector<ToolCallRecord> tools;
    std::optional<CallRecord> ended;
};

/// Everything a CallSession borrows, with small timer values. "Now" is Saturday 2026-11-21,
/// 10:00 in Mysore.
struct ServicesFixture {
    ServicesFixture();

    booking::FacilityDirectory facilities;
    booking::SqliteStore store{":memory:"};
    ManualClock clock;
    booking::BookingService bookings;
    tools::ToolRegistry tools{bookings};
    net::WorkerPool workers{1, 4};
    MemoryRecorder recorder;
    RealtimeStats stats{true};
    std::vector<std::uint8_t> apology = std::vector<std::uint8_t>(800, 0xFF);  // 100 ms
    std::vector<std::shared_ptr<FakeModel>> models;  // every connection opened, in order
    std::unique_ptr<CallSessionServices> services;
};

/// A latch the test thread opens for another thread (a fake server's script, a worker job);
/// waits are bounded so a failing test cannot hang. Any thread.
class Gate {
public:
    void open();
    /// False when `deadline` passed first.
    bool wait(std::chrono::milliseconds deadline = kScriptDeadline);
    [[nodiscard]] bool is_open() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
};

/// Occupies every thread of a worker pool with a job that waits for release() (or the
/// destructor): tool calls queued behind it stand for a hung SQLite or calendar call.
class WorkerBlocker {
public:
    explicit WorkerBlocker(net::WorkerPool& workers, std::size_t threads = 1);
    ~WorkerBlocker() { release(); }
    WorkerBlocker(const WorkerBlocker&) = delete;
    WorkerBlocker& operator=(const WorkerBlocker&) = delete;
    void release() { gate_->open(); }

private:
    std::shared_ptr<Gate> gate_ = std::make_shared<Gate>();
};

/// What a fake server's script saw, readable from the test thread. Any thread.
class Inbox {
public:
    void add(std::string text);
    [[nodiscard]] std::vector<json> of_type(std::string_view type) const;

private:
    mutable std::mutex mutex_;
    std::vector<json> texts_;
};

/// Reads until an event of `type` arrives (recording everything); false on deadline or close.
bool read_until(frontdesk::test::FakeWsConnection& connection, Inbox& inbox, std::string_view type);

/// A RealtimeListener that keeps what it is told.
class RecordingListener final : public RealtimeListener {
public:
    void on_model_connected() override { connected = true; }
    void on_model_event(ServerEvent&& event) override { events.push_back(std::move(event)); }
    void on_model_closed(ModelEnd why, std::string_view detail) override {
        ended = why;
        end_detail = detail;
    }

    bool connected = false;
    std::vector<ServerEvent> events;
    std::optional<ModelEnd> ended;
    std::string end_detail;
};

/// Twilio-like start: μ-law 8 kHz, Pickle X Mysore, a known caller.
[[nodiscard]] telephony::CallStart twilio_start(std::string facility_id = "pickle_x_mysore");

/// session.updated echoing `format` in both directions.
[[nodiscard]] json session_updated(media::AudioFormat format);
[[nodiscard]] json audio_delta(std::string_view item_id, std::span<const std::uint8_t> audio,
                               std::string_view response_id = "resp_1");

}  // namespace frontdesk::realtime::test
