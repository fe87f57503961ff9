#pragma once
// Loopback harness for the media-stream session tests: a real net::HttpServer on 127.0.0.1:0
// whose /voice/stream and /voice/exotel upgrades become telephony legs, driven by fake callers
// on the same io_context. The test thread runs the io_context (run_until), so listeners,
// legs and fakes are all touched from one thread and no test sleeps.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "net/http_server.hpp"
#include "net/router.hpp"
#include "net/worker_pool.hpp"
#include "telephony/call_leg.hpp"
#include "telephony/exotel_stream.hpp"
#include "telephony/twilio_stream.hpp"

namespace frontdesk::telephony::test {

inline constexpr auto kTestDeadline = std::chrono::seconds{10};

/// Records everything a leg reports. Optionally answers each caller frame with audio.
class RecordingListener : public CallLegListener {
public:
    void on_call_started(const CallStart& start) override { started = start; }
    void on_caller_audio(std::span<const std::uint8_t> audio,
                         std::chrono::milliseconds media_timestamp) override {
        audio_bytes += audio.size();
        timestamps.push_back(media_timestamp);
        if (on_audio) on_audio(audio);
    }
    void on_mark(std::string_view name) override { marks.emplace_back(name); }
    void on_dtmf(char digit) override { digits += digit; }
    void on_leg_ended(LegEnd reason, std::string_view detail) override {
        ended = reason;
        end_detail = detail;
        ++end_calls;
    }
    void on_transfer_failed(std::string_view detail) override { transfer_failure = detail; }

    std::optional<CallStart> started;
    std::size_t audio_bytes = 0;
    std::vector<std::chrono::milliseconds> timestamps;
    std::vector<std::string> marks;
    std::string digits;
    std::optional<LegEnd> ended;
    std::string end_detail;
    int end_calls = 0;
    std::optional<std::string> transfer_failure;
    std::function<void(std::span<const std::uint8_t>)> on_audio;
};

/// One accepted leg with its listener.
struct Call {
    std::shared_ptr<MediaStreamSession> leg;
    std::unique_ptr<RecordingListener> listener = std::make_unique<RecordingListener>();
};

class SessionHarness {
public:
    SessionHarness(TwilioStreamSettings twilio, ExotelStreamSettings exotel);
    ~SessionHarness();
    SessionHarness(const SessionHarness&) = delete;
    SessionHarness& operator=(const SessionHarness&) = delete;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] boost::asio::any_io_executor executor() { return ioc_.get_executor(); }
    /// Legs in the order their upgrades arrived.
    [[nodiscard]] std::vector<Call>& calls() { return calls_; }
    [[nodiscard]] TwilioStreamSettings& twilio() { return twilio_; }

    /// Runs the io_context until `done()` holds; false (and a test failure naming `what`) when
    /// the deadline passes first.
    bool run_until(const std::function<bool()>& done, const char* what,
                   std::chrono::milliseconds deadline = kTestDeadline);

private:
    boost::asio::io_context ioc_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    net::Router router_;
    net::WorkerPool pool_{1, 4};
    std::unique_ptr<net::HttpServer> server_;
    TwilioStreamSettings twilio_;
    ExotelStreamSettings exotel_;
    std::vector<Call> calls_;
    std::uint16_t port_ = 0;
};

}  // namespace frontdesk::telephony::test
