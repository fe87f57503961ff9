#pragma once

#include <atomic>
#include <chrono>
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "net/worker_pool.hpp"

namespace frontdesk::app {

/// Runs `job` on the worker pool every `interval` (housekeeping: expired quotes, idle chats,
/// the calendar outbox and import). Never two runs at once, so a slow job cannot pile work up
/// on the pool; a run the pool refuses is simply skipped. The timer lives on the io_context.
/// `job` must not throw. Borrows the io_context and the pool; drain the pool before destroying
/// this object.
class PeriodicJob {
public:
    PeriodicJob(boost::asio::io_context& ioc, net::WorkerPool& pool,
                std::chrono::milliseconds interval, std::function<void()> job)
        : timer_(ioc), pool_(pool), interval_(interval), job_(std::move(job)) {}

    void start(std::chrono::milliseconds first_delay) { arm(first_delay); }
    void start() { arm(interval_); }
    void stop() { timer_.cancel(); }

private:
    void arm(std::chrono::milliseconds delay) {
        timer_.expires_after(delay);
        timer_.async_wait([this](boost::system::error_code ec) {
            if (ec) return;  // cancelled: stopping
            if (!running_.exchange(true)) {
                const bool posted = pool_.try_post([this] {
                    job_();
                    running_ = false;
                });
                if (!posted) running_ = false;
            }
            arm(interval_);
        });
    }

    boost::asio::steady_timer timer_;
    net::WorkerPool& pool_;
    std::chrono::milliseconds interval_;
    std::function<void()> job_;
    std::atomic<bool> running_{false};
};

}  // namespace frontdesk::app
