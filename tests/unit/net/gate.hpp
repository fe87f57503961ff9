#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace frontdesk::net::test {

/// Upper bound for anything a test waits for. Reaching it is a failure, never a way to pass.
inline constexpr auto kDeadline = std::chrono::seconds{10};

/// A one-way latch a test opens; waiters give up (returning false) after kDeadline.
class Gate {
public:
    void open() {
        {
            std::lock_guard lock{mutex_};
            open_ = true;
        }
        opened_.notify_all();
    }

    [[nodiscard]] bool wait() {
        std::unique_lock lock{mutex_};
        return opened_.wait_for(lock, kDeadline, [this] { return open_; });
    }

    [[nodiscard]] bool is_open() const {
        std::lock_guard lock{mutex_};
        return open_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
};

}  // namespace frontdesk::net::test
