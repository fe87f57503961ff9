#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "booking/calendar_sync_store.hpp"
#include "booking/confirm_guard.hpp"
#include "calendar/busy_importer.hpp"
#include "calendar/calendar_client.hpp"
#include "calendar/calendar_config.hpp"
#include "core/clock.hpp"

namespace frontdesk::calendar {

/// The live check at confirm time: freeBusy for the slot on the calendars that can block the
/// booked courts; when something is busy there, the events in the slot are read and classified
/// like imported ones (our own events never block), and any block found is written to the store
/// at once so availability stops offering it. Bounded by `timeout` per request; when Google
/// does not answer in time the policy decides: kConfirm books and flags the booking for the
/// owner, kReject refuses the booking.
///
/// Threads: any worker thread. Borrows everything.
class FreeBusyGuard final : public booking::ConfirmGuard {
public:
    FreeBusyGuard(CalendarClient& client, BusyImporter& importer,
                  booking::CalendarSyncStore& sync, const Clock& clock,
                  std::chrono::milliseconds timeout, FreeBusyPolicy policy);

    [[nodiscard]] booking::GuardVerdict check(const booking::Facility& facility,
                                              const std::vector<std::string>& resource_ids,
                                              Instant start, Instant end) override;
    void flag(const std::string& booking_id, const std::string& note) override;

private:
    booking::GuardVerdict cannot_check(const std::string& why) const;
    booking::GuardVerdict classify(const booking::Facility& facility,
                                   const std::vector<std::string>& resource_ids,
                                   const std::vector<std::string>& busy_calendars, Instant start,
                                   Instant end);

    CalendarClient& client_;            // borrowed
    BusyImporter& importer_;            // borrowed: its sources and event classification
    booking::CalendarSyncStore& sync_;  // borrowed
    const Clock& clock_;                // borrowed
    const std::chrono::milliseconds timeout_;
    const FreeBusyPolicy policy_;
};

}  // namespace frontdesk::calendar
