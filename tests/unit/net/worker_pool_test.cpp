#include "net/worker_pool.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "gate.hpp"

namespace frontdesk::net {
namespace {

using test::Gate;

TEST(WorkerPool, RunsJobsOffTheCallingThread) {
    WorkerPool pool{2, 8};
    std::mutex mutex;
    std::set<std::thread::id> ran_on;
    Gate all_ran;
    std::atomic<int> remaining{4};
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(pool.try_post([&] {
            {
                std::lock_guard lock{mutex};
                ran_on.insert(std::this_thread::get_id());
            }
            if (--remaining == 0) all_ran.open();
        }));
    }
    ASSERT_TRUE(all_ran.wait()) << "jobs did not run";
    pool.stop_and_join();
    EXPECT_EQ(ran_on.count(std::this_thread::get_id()), 0U);
    EXPECT_GE(ran_on.size(), 1U);
    EXPECT_LE(ran_on.size(), 2U);
}

TEST(WorkerPool, RefusesWorkBeyondThreadsPlusQueue) {
    WorkerPool pool{1, 1};
    EXPECT_EQ(pool.capacity(), 2U);
    Gate entered;
    Gate release;
    std::atomic<int> ran{0};
    ASSERT_TRUE(pool.try_post([&] {
        entered.open();
        (void)release.wait();
        ++ran;
    }));
    ASSERT_TRUE(entered.wait());
    EXPECT_TRUE(pool.try_post([&] { ++ran; }));   // waits in the queue
    EXPECT_FALSE(pool.try_post([&] { ++ran; }));  // saturated: refused, never run
    EXPECT_EQ(pool.outstanding(), 2U);

    release.open();
    pool.stop_and_join();
    EXPECT_EQ(ran.load(), 2);
    EXPECT_EQ(pool.outstanding(), 0U);
}

TEST(WorkerPool, StopDrainsAcceptedJobsThenRefusesNewOnes) {
    WorkerPool pool{1, 16};
    Gate release;
    std::atomic<int> ran{0};
    ASSERT_TRUE(pool.try_post([&] { (void)release.wait(); }));
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(pool.try_post([&] { ++ran; }));

    std::thread stopper{[&] { pool.stop_and_join(); }};
    release.open();
    stopper.join();
    EXPECT_EQ(ran.load(), 10);
    EXPECT_FALSE(pool.try_post([&] { ++ran; }));
    pool.stop_and_join();  // idempotent
}

TEST(WorkerPool, ThrowingJobDoesNotKillItsWorker) {
    Gate after;  // outlives the pool, whose worker may still be inside after.open()
    WorkerPool pool{1, 4};
    ASSERT_TRUE(pool.try_post([] { throw std::runtime_error("job failed"); }));
    ASSERT_TRUE(pool.try_post([&] { after.open(); }));
    EXPECT_TRUE(after.wait()) << "the worker died with the throwing job";
}

}  // namespace
}  // namespace frontdesk::net
