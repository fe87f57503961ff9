#pragma once

#include <atomic>
#include <chrono>

namespace frontdesk {

/// A point on the UTC time line, second resolution. Every stored instant is one of these.
using Instant = std::chrono::sys_seconds;

/// Source of "now". Injected everywhere time matters so tests can pin it.
/// Any thread; implementations are internally synchronised.
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual Instant now() const = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
public:
    [[nodiscard]] Instant now() const override;
};

/// A clock tests move by hand. Any thread.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
    [[nodiscard]] Instant now() const override;
    void set(Instant t) { now_.store(t.time_since_epoch().count()); }
    void advance(std::chrono::seconds by) { now_.fetch_add(by.count()); }

private:
    std::atomic<std::int64_t> now_;
};

}  // namespace frontdesk
