#pragma once

#include <string>
#include <vector>

#include "booking/facility.hpp"
#include "booking/model.hpp"

namespace frontdesk::booking {

/// A last look outside the store just before a booking is written: the calendar module asks
/// Google whether the exact slot became busy since the last import (a block made a minute ago).
struct GuardVerdict {
    enum class Kind {
        kClear,       // nothing outside the store takes the slot
        kBusy,        // an outside event takes `busy_resource_ids` (empty: the whole facility)
        kUnverified,  // the check could not be done in time; confirm and flag for the owner
    };
    Kind kind = Kind::kClear;
    std::vector<std::string> busy_resource_ids;
    std::string note;  // for kUnverified: what the owner is told ("calendar check timed out")
};

/// Implemented by calendar (freeBusy with a bounded timeout); borrowed by BookingService.
/// Threads: any worker thread; blocks for at most its configured timeout. Never throws:
/// failures answer kUnverified or, by policy, kBusy.
class ConfirmGuard {
public:
    virtual ~ConfirmGuard() = default;
    [[nodiscard]] virtual GuardVerdict check(const Facility& facility,
                                             const std::vector<std::string>& resource_ids,
                                             Instant start, Instant end) = 0;
    /// The booking was written after a kUnverified verdict: remember the note for the owner.
    virtual void flag(const std::string& booking_id, const std::string& note) = 0;
};

}  // namespace frontdesk::booking
