// DeadlineTimer alone, on a real io_context with short real deadlines: moving the deadline later
// does not fire at the old one, moving it earlier fires at once, disarm and cancel, and one fire
// per deadline. "Not fired by then" is checked against a probe timer, never a sleep.
#include "realtime/deadline_timer.hpp"

#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <gtest/gtest.h>

#include "realtime_test_support.hpp"

namespace frontdesk::realtime::test {
namespace {

using Clock = DeadlineTimer::Clock;
using std::chrono::milliseconds;

constexpr milliseconds kSoon{30};
constexpr milliseconds kLater{300};
constexpr milliseconds kFarAway{60000};  // a deadline that must not be the one to fire

class DeadlineTimerTest : public AsyncTest {
protected:
    /// The one waiter: records each fire until cancel() ends it.
    static asio::awaitable<void> waiter(DeadlineTimerTest* test) {
        for (;;) {
            const bool fired = co_await test->timer_.wait();
            if (!fired) break;
            test->fires_.push_back(Clock::now());
        }
        test->waiter_done_ = true;
    }

    void start_waiter() { asio::co_spawn(strand_, waiter(this), asio::detached); }

    /// Runs the loop until `after` has passed, by a probe timer rather than a sleep.
    void run_for(milliseconds after) {
        bool probed = false;
        asio::steady_timer probe{strand_, after};
        probe.async_wait([&probed](boost::system::error_code) { probed = true; });
        ASSERT_TRUE(run_until([&] { return probed; }, "the probe timer"));
    }

    /// On the strand, as the timer's owner would call it.
    template <typename Fn>
    void on_strand(Fn fn) {
        asio::post(strand_, fn);
        run_ready();
    }

    void TearDown() override {
        on_strand([this] { timer_.cancel(); });
        EXPECT_TRUE(run_until([this] { return waiter_done_; }, "the waiter to end"));
    }

    DeadlineTimer timer_{strand_};
    std::vector<Clock::time_point> fires_;
    bool waiter_done_ = false;
};

TEST_F(DeadlineTimerTest, MovingTheDeadlineLaterDoesNotFireAtTheOldOne) {
    start_waiter();
    Clock::time_point moved_to{};
    on_strand([&] {
        timer_.expires_after(kSoon);
        moved_to = Clock::now() + kLater;
        timer_.expires_at(moved_to);
    });
    run_for(kSoon * 3);
    EXPECT_TRUE(fires_.empty());
    ASSERT_TRUE(run_until([&] { return !fires_.empty(); }, "the moved deadline"));
    EXPECT_GE(fires_.front(), moved_to);
}

TEST_F(DeadlineTimerTest, MovingTheDeadlineEarlierFiresEarly) {
    start_waiter();
    on_strand([&] { timer_.expires_after(kFarAway); });
    run_ready();
    const auto moved_at = Clock::now();
    on_strand([&] { timer_.expires_after(kSoon); });
    ASSERT_TRUE(run_until([&] { return !fires_.empty(); }, "the earlier deadline"));
    EXPECT_GE(fires_.front(), moved_at + kSoon);
    EXPECT_LT(fires_.front(), moved_at + kFarAway);
}

TEST_F(DeadlineTimerTest, ADisarmedTimerDoesNotFire) {
    start_waiter();
    on_strand([&] {
        timer_.expires_after(kSoon);
        timer_.disarm();
    });
    EXPECT_EQ(timer_.deadline(), Clock::time_point::max());
    run_for(kSoon * 3);
    EXPECT_TRUE(fires_.empty());
}

TEST_F(DeadlineTimerTest, CancelEndsTheWaiterAndLaterWaits) {
    start_waiter();
    on_strand([&] { timer_.expires_after(kFarAway); });
    on_strand([&] { timer_.cancel(); });
    ASSERT_TRUE(run_until([&] { return waiter_done_; }, "the cancelled waiter to end"));
    EXPECT_TRUE(fires_.empty());

    // A wait after cancel() ends at once, even with a deadline due.
    waiter_done_ = false;
    on_strand([&] { timer_.expires_after(milliseconds{0}); });
    start_waiter();
    ASSERT_TRUE(run_until([&] { return waiter_done_; }, "the late waiter to end"));
    EXPECT_TRUE(fires_.empty());
}

TEST_F(DeadlineTimerTest, EachDeadlineFiresExactlyOnce) {
    start_waiter();
    on_strand([&] { timer_.expires_after(kSoon); });
    ASSERT_TRUE(run_until([&] { return fires_.size() == 1; }, "the first deadline"));
    EXPECT_EQ(timer_.deadline(), Clock::time_point::max());
    run_for(kSoon * 3);
    EXPECT_EQ(fires_.size(), 1U);

    // Re-armed after firing: fires again, once.
    on_strand([&] { timer_.expires_after(kSoon); });
    ASSERT_TRUE(run_until([&] { return fires_.size() == 2; }, "the second deadline"));
    run_for(kSoon * 3);
    EXPECT_EQ(fires_.size(), 2U);
}

TEST_F(DeadlineTimerTest, ManyMovesLaterFireOnceAtTheLastDeadline) {
    start_waiter();
    Clock::time_point last{};
    on_strand([&] {
        for (int i = 1; i <= 50; ++i) {
            last = Clock::now() + kSoon * i / 10;
            timer_.expires_at(last);
        }
    });
    ASSERT_TRUE(run_until([&] { return !fires_.empty(); }, "the last deadline"));
    EXPECT_GE(fires_.front(), last);
    run_for(kSoon * 3);
    EXPECT_EQ(fires_.size(), 1U);
}

}  // namespace
}  // namespace frontdesk::realtime::test
