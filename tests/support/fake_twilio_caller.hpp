#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "support/fake_caller_core.hpp"

namespace frontdesk::test {

struct FakeTwilioCall {
    std::string call_sid = "CA00000000000000000000000000000001";
    std::string stream_sid = "MZ00000000000000000000000000000001";
    std::string account_sid = "AC00000000000000000000000000000001";
    std::map<std::string, std::string> parameters;  // start.customParameters
    std::string signature;  // X-Twilio-Signature; empty: header not sent
    std::string path = "/voice/stream";
};

/// Twilio's side of a Media Streams websocket (PROTOCOLS §3): connected, start, then μ-law
/// media at real 20 ms pacing (or faster, per the script), mark echoes, dtmf and stop on demand.
/// Records what it hears. See FakeCallerCore for threads and lifetime.
class FakeTwilioCaller {
public:
    FakeTwilioCaller(boost::asio::any_io_executor executor, std::uint16_t port, FakeTwilioCall call,
                     CallerScript script);

    void start() { core_->start(); }
    void send_text(std::string text) { core_->send_text(std::move(text)); }
    void send_dtmf(char digit);
    void send_stop() { core_->send_stop(); }
    void send_audio(std::vector<std::uint8_t> audio) { core_->send_audio(std::move(audio)); }
    void stop_reading() { core_->stop_reading(); }
    void close() { core_->close(); }
    void set_receive_buffer(int bytes) { core_->set_receive_buffer(bytes); }
    [[nodiscard]] CallerObservations observations() const { return core_->observations(); }
    [[nodiscard]] bool wait_until(const std::function<bool(const CallerObservations&)>& done,
                                  std::chrono::milliseconds deadline) const {
        return core_->wait_until(done, deadline);
    }

private:
    FakeTwilioCall call_;
    std::shared_ptr<FakeCallerCore> core_;
};

}  // namespace frontdesk::test
