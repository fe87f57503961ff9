#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "support/fake_caller_core.hpp"

namespace frontdesk::test {

struct FakeExotelCall {
    std::string call_sid = "CA0000000000000000000000EX";
    std::string stream_sid = "MZ0000000000000000000000EX";
    std::string from = "+915550100123";
    std::string to = "+915550100999";
    int sample_rate_hz = 8000;  // asked for with ?sample-rate= and reported in start
    std::map<std::string, std::string> parameters;
    std::string authorization;  // Authorization header value; empty: not sent
    bool camel_case = false;    // the casing variants of PROTOCOLS §6.6
};

/// Exotel's side of a Voicebot websocket (PROTOCOLS §6): PCM16 LE media, snake_case (or
/// camelCase) frames, mark echoes. See FakeCallerCore for threads and lifetime. Set the
/// script's frame_bytes for the rate (320 bytes = 20 ms at 8 kHz).
class FakeExotelCaller {
public:
    FakeExotelCaller(boost::asio::any_io_executor executor, std::uint16_t port, FakeExotelCall call,
                     CallerScript script);

    void start() { core_->start(); }
    void send_text(std::string text) { core_->send_text(std::move(text)); }
    void send_stop() { core_->send_stop(); }
    void send_audio(std::vector<std::uint8_t> audio) { core_->send_audio(std::move(audio)); }
    void stop_reading() { core_->stop_reading(); }
    void close() { core_->close(); }
    [[nodiscard]] CallerObservations observations() const { return core_->observations(); }
    [[nodiscard]] bool wait_until(const std::function<bool(const CallerObservations&)>& done,
                                  std::chrono::milliseconds deadline) const {
        return core_->wait_until(done, deadline);
    }

private:
    std::shared_ptr<FakeCallerCore> core_;
};

}  // namespace frontdesk::test
