#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace frontdesk::realtime {

/// A deadline that may move on every frame at no cost: one steady_timer plus the deadline it
/// stands for. Moving the deadline later only records it; the pending wait wakes at the old
/// expiry, sees the deadline moved and sleeps again until the new one. Moving it earlier re-arms
/// the timer at once. Disarmed means a deadline of time_point::max().
///
/// Strand: the owner's; every method, and the one waiter, run there. Owned by value by its user
/// (a session), which keeps it alive while a wait() is pending, as its coroutine holds the session.
class DeadlineTimer {
public:
    using Clock = std::chrono::steady_clock;

    explicit DeadlineTimer(const boost::asio::any_io_executor& executor);

    void expires_at(Clock::time_point deadline);
    void expires_after(Clock::duration after) { expires_at(Clock::now() + after); }
    void disarm() noexcept { deadline_ = Clock::time_point::max(); }
    [[nodiscard]] Clock::time_point deadline() const noexcept { return deadline_; }

    /// Waits until the deadline passes (true; the timer is then disarmed, so each deadline fires
    /// once) or cancel() is called (false). One waiter at a time.
    boost::asio::awaitable<bool> wait();

    /// Final: ends the pending wait, and every later wait() returns false at once.
    void cancel() noexcept;

private:
    boost::asio::steady_timer timer_;
    Clock::time_point deadline_ = Clock::time_point::max();
    bool cancelled_ = false;
};

}  // namespace frontdesk::realtime
