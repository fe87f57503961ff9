#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "booking/calendar_sync_store.hpp"
#include "booking/facility_directory.hpp"
#include "calendar/calendar_client.hpp"
#include "calendar/calendar_config.hpp"
#include "calendar/event_mapping.hpp"
#include "core/clock.hpp"

namespace frontdesk::calendar {

struct ImporterSettings {
    std::optional<std::string> default_calendar_id;  // GOOGLE_CALENDAR_ID
    UnmatchedEventPolicy unmatched = UnmatchedEventPolicy::kWholeFacility;
    std::chrono::hours lookback{24};  // a full sync lists events ending after now - lookback
    int max_pages = 100;              // per poll and calendar; the rest comes next poll
    BackoffSettings backoff{};        // per calendar after a retryable failure
};

/// Imports staff blocks: polls every configured calendar with its sync token (a full sync from
/// now - lookback the first time and after a 410), turns events we did not create into
/// ExternalBlocks (event_mapping.hpp: block_for) and removes the blocks of cancelled ones.
/// A calendar that fails retryably is skipped until its backoff expires.
///
/// Threads: poll_once on worker threads; concurrent calls are serialised. Borrows everything.
class BusyImporter {
public:
    BusyImporter(CalendarClient& client, booking::CalendarSyncStore& sync,
                 const booking::FacilityDirectory& facilities, const Clock& clock,
                 ImporterSettings settings);

    struct PollReport {
        int calendars = 0;  // polled this time
        int events = 0;     // events read
        int blocks = 0;     // blocks written
        int released = 0;   // blocks removed (cancelled, or no longer blocking)
        int errors = 0;
        int full_syncs = 0;
    };
    PollReport poll_once();

    /// The sources watched (calendar, facility, optional court).
    [[nodiscard]] const std::vector<CalendarSource>& sources() const noexcept { return sources_; }

    /// Applies one event to every source on its calendar (also used by the confirm check).
    /// Returns true when it blocks something now.
    bool apply(const std::string& calendar_id, const CalendarEvent& event, PollReport& report);

private:
    std::optional<CalendarError> poll_calendar(const std::string& calendar_id, PollReport& report);
    std::optional<CalendarError> read_pages(const std::string& calendar_id, ListQuery query,
                                            PollReport& report);

    CalendarClient& client_;                        // borrowed
    booking::CalendarSyncStore& sync_;              // borrowed
    const booking::FacilityDirectory& facilities_;  // borrowed
    const Clock& clock_;                            // borrowed
    const ImporterSettings settings_;
    const std::vector<CalendarSource> sources_;
    std::mutex poll_mutex_;                      // one poll at a time; guards the members below
    std::map<std::string, int> failures_;        // consecutive failures by calendar
    std::map<std::string, Instant> retry_at_;    // backoff by calendar
    std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace frontdesk::calendar
