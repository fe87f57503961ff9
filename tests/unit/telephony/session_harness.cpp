#include "session_harness.hpp"

#include <gtest/gtest.h>

#include "net/websocket_upgrade.hpp"

namespace frontdesk::telephony::test {

SessionHarness::SessionHarness(TwilioStreamSettings twilio, ExotelStreamSettings exotel)
    : work_(ioc_.get_executor()), twilio_(std::move(twilio)), exotel_(std::move(exotel)) {
    net::HttpServerSettings settings;
    settings.host = "127.0.0.1";
    settings.port = 0;
    settings.linger_timeout = std::chrono::milliseconds{50};
    server_ = std::make_unique<net::HttpServer>(ioc_, router_, pool_, settings);
    server_->set_upgrade_handler("/voice/stream", [this](net::UpgradeContext&& context) {
        auto leg = accept_twilio_stream(std::move(context), twilio_);
        if (!leg) return;
        Call call{std::move(leg)};
        call.leg->start(*call.listener);
        calls_.push_back(std::move(call));
    });
    server_->set_upgrade_handler("/voice/exotel", [this](net::UpgradeContext&& context) {
        auto leg = accept_exotel_stream(std::move(context), exotel_);
        if (!leg) return;
        Call call{std::move(leg)};
        call.leg->start(*call.listener);
        calls_.push_back(std::move(call));
    });
    port_ = server_->start();
}

SessionHarness::~SessionHarness() {
    for (auto& call : calls_) call.leg->close(LegEnd::kShutdown);
    bool stopped = false;
    server_->stop([&stopped] { stopped = true; });
    run_until([&stopped] { return stopped; }, "server stop");
    work_.reset();
    ioc_.run_for(std::chrono::milliseconds{200});
    pool_.stop_and_join();
}

bool SessionHarness::run_until(const std::function<bool()>& done, const char* what,
                               std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= until) {
            ADD_FAILURE() << "deadline passed waiting for: " << what;
            return false;
        }
        ioc_.run_one_for(std::chrono::milliseconds{10});
    }
    return true;
}

}  // namespace frontdesk::telephony::test
