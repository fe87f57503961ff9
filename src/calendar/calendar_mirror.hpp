#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "booking/calendar_sync_store.hpp"
#include "booking/facility_directory.hpp"
#include "booking/store.hpp"
#include "calendar/calendar_client.hpp"
#include "core/clock.hpp"

namespace frontdesk::calendar {

struct MirrorSettings {
    int batch = 25;                       // rows claimed per drain
    std::chrono::seconds lease{120};      // a claimed row is retried after this if we crash
    BackoffSettings backoff{};            // per-row retry delays (Retry-After honoured)
    std::optional<std::string> default_calendar_id;  // GOOGLE_CALENDAR_ID
};

/// The outbox consumer: writes each queued booking change to Google Calendar. Upserts insert
/// the event under its deterministic id (409 duplicate: it is there, so patch it) or patch it;
/// deletes remove it (404/410: already gone). Retryable failures (rate limits, 429, 5xx, no
/// answer) back off with jitter and leave the rest of the batch for later; permanent ones
/// (400, 403 forbidden, no calendar configured) mark the booking's sync state failed.
///
/// Threads: drain_once on worker threads; concurrent calls are serialised. Borrows everything.
class CalendarMirror {
public:
    CalendarMirror(CalendarClient& client, booking::BookingStore& bookings,
                   booking::CalendarSyncStore& sync, const booking::FacilityDirectory& facilities,
                   const Clock& clock, MirrorSettings settings);

    struct DrainReport {
        int claimed = 0;
        int written = 0;    // events inserted, patched or deleted
        int retrying = 0;   // retryable failures (and rows deferred behind them)
        int failed = 0;     // permanent failures
    };
    /// Claims the rows due now and works through them. Blocks on the network.
    DrainReport drain_once();

private:
    enum class Step { kDone, kRetry, kFailed };
    Step process(const booking::OutboxItem& item, std::optional<Instant>& retry_at);
    /// Patches the event when we wrote it before (inserting it if it vanished), else inserts
    /// it, patching when its id already exists (an insert whose answer was lost).
    std::optional<CalendarError> upsert_event(const std::string& calendar_id,
                                              const nlohmann::json& event, bool written_before);
    Step finish(const booking::OutboxItem& item, const std::optional<CalendarError>& error,
                const booking::CalendarEventRecord& done, std::optional<Instant>& retry_at);

    CalendarClient& client_;                        // borrowed
    booking::BookingStore& bookings_;               // borrowed
    booking::CalendarSyncStore& sync_;              // borrowed
    const booking::FacilityDirectory& facilities_;  // borrowed
    const Clock& clock_;                            // borrowed
    const MirrorSettings settings_;
    std::mutex drain_mutex_;                        // one drain at a time
    std::mt19937_64 random_{std::random_device{}()};  // jitter; guarded by drain_mutex_
};

/// A booking's calendar sync state for the owner API: {"state": "pending"|"synced"|"deleted"|
/// "failed"|"not_synced", "calendar_id", "event_id", "attempts", "last_error",
/// "next_attempt_at", "needs_review", "review_note"}. Blocks on the store.
[[nodiscard]] nlohmann::json calendar_sync_json(booking::CalendarSyncStore& sync,
                                                std::string_view booking_id);

}  // namespace frontdesk::calendar
