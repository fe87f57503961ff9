#include "realtime/deadline_timer.hpp"

#include <exception>
#include <tuple>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace frontdesk::realtime {

namespace asio = boost::asio;

DeadlineTimer::DeadlineTimer(const asio::any_io_executor& executor)
    : timer_(executor, Clock::time_point::max()) {}

void DeadlineTimer::expires_at(Clock::time_point deadline) {
    deadline_ = deadline;
    // Later than the pending expiry: the waiter finds out when it wakes. Only an earlier deadline
    // costs a cancel and a resume.
    if (deadline < timer_.expiry()) timer_.expires_at(deadline);
}

asio::awaitable<bool> DeadlineTimer::wait() {
    for (;;) {
        if (cancelled_) co_return false;
        // No wait is pending here, so this re-arm cancels nothing.
        if (timer_.expiry() != deadline_) timer_.expires_at(deadline_);
        std::ignore = co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        if (cancelled_) co_return false;
        // Woken at an old expiry (the deadline moved later), or aborted by an earlier one: decide
        // from the deadline, not from the error.
        if (Clock::now() >= deadline_) {
            deadline_ = Clock::time_point::max();
            co_return true;
        }
    }
}

void DeadlineTimer::cancel() noexcept {
    cancelled_ = true;
    try {
        timer_.cancel();
    } catch (const std::exception&) {
        // cancel() reports only OS-level failures; the waiter sees cancelled_ when it wakes.
    }
}

}  // namespace frontdesk::realtime
