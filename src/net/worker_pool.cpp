#include "net/worker_pool.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "core/logging.hpp"

namespace frontdesk::net {
namespace {

const auto& net_log() {
    static const auto log = logger("net");
    return log;
}

}  // namespace

WorkerPool::WorkerPool(std::size_t threads, std::size_t queue_limit)
    : capacity_(std::max<std::size_t>(threads, 1) + queue_limit) {
    const std::size_t count = std::max<std::size_t>(threads, 1);
    threads_.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        threads_.emplace_back([this] { run_worker(); });
    }
}

WorkerPool::~WorkerPool() { stop_and_join(); }

bool WorkerPool::try_post(std::function<void()> job) {
    {
        std::lock_guard lock{mutex_};
        if (stopping_ || outstanding_ >= capacity_) return false;
        ++outstanding_;
        queue_.push_back(std::move(job));
    }
    wakeup_.notify_one();
    return true;
}

void WorkerPool::stop_and_join() {
    {
        std::lock_guard lock{mutex_};
        stopping_ = true;
    }
    wakeup_.notify_all();
    for (auto& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
}

std::size_t WorkerPool::outstanding() const {
    std::lock_guard lock{mutex_};
    return outstanding_;
}

void WorkerPool::run_worker() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock{mutex_};
            wakeup_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            // Stopping still drains: every accepted job runs, so no caller waits forever.
            if (queue_.empty()) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        try {
            job();
        } catch (const std::exception& e) {
            net_log()->error("worker pool job threw: {}", e.what());
        } catch (...) {
            net_log()->error("worker pool job threw a non-standard exception");
        }
        job = nullptr;  // release captures before the slot is counted free
        std::lock_guard lock{mutex_};
        --outstanding_;
    }
}

}  // namespace frontdesk::net
