#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace frontdesk::net {

/// A fixed set of threads running blocking work (SQLite, libcurl easy handles) off the event loop.
/// Bounded: at most `threads + queue_limit` jobs are accepted at once (running plus waiting), so
/// a flood of requests turns into fast "busy" answers instead of a growing queue.
/// Any thread, internally synchronised. Owns its threads; jobs own what they capture.
/// A job must not throw (one that does is logged and dropped) and must not call stop_and_join().
class WorkerPool {
public:
    /// Starts `threads` threads (at least one).
    WorkerPool(std::size_t threads, std::size_t queue_limit);
    ~WorkerPool();  // stop_and_join()

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    WorkerPool(WorkerPool&&) = delete;
    WorkerPool& operator=(WorkerPool&&) = delete;

    /// Queues `job`; false (and `job` is dropped) when saturated or stopping.
    [[nodiscard]] bool try_post(std::function<void()> job);

    /// Refuses new jobs, runs every job already accepted, then joins the threads. Idempotent.
    /// Never call it from a job: a thread cannot join itself.
    void stop_and_join();

    /// Jobs accepted and not yet finished (running plus waiting).
    [[nodiscard]] std::size_t outstanding() const;
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

private:
    void run_worker();

    const std::size_t capacity_;  // threads + queue_limit
    mutable std::mutex mutex_;
    std::condition_variable wakeup_;
    std::deque<std::function<void()>> queue_;  // guarded by mutex_
    std::size_t outstanding_ = 0;              // guarded by mutex_
    bool stopping_ = false;                    // guarded by mutex_
    std::vector<std::thread> threads_;
};

}  // namespace frontdesk::net
