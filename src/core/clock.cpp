#include "core/clock.hpp"

namespace frontdesk {

Instant SystemClock::now() const {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Instant ManualClock::now() const { return Instant{std::chrono::seconds{now_.load()}}; }

}  // namespace frontdesk
