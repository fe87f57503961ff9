#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/model.hpp"

namespace frontdesk::booking {

/// What the calendar mirror must do for a booking: write its event (insert or patch to the
/// booking's current state) or remove it.
enum class CalendarAction { kUpsert, kDelete };

/// One pending outbox row. `generation` grows with every enqueue for the booking, so completing
/// an older claim never drops a newer change (a reschedule made while the insert was in flight).
struct OutboxItem {
    std::string booking_id{};
    CalendarAction action = CalendarAction::kUpsert;
    std::int64_t generation = 0;
    int attempts = 0;  // failed attempts so far
    Instant next_attempt_at{};
    std::optional<std::string> last_error{};
    Instant created_at{};
};

/// Where a booking's event lives and how its last write went.
enum class CalendarSyncState { kPending, kSynced, kDeleted, kFailed };

struct CalendarEventRecord {
    std::string booking_id{};
    std::string calendar_id{};  // empty until first written
    std::string event_id{};
    CalendarSyncState state = CalendarSyncState::kPending;
    int attempts = 0;
    std::optional<std::string> last_error{};
    std::optional<Instant> next_attempt_at{};  // set while pending
    std::optional<std::string> review_note{};  // why the owner should look at it (or unset)
    Instant updated_at{};
};

/// A span taken by an event staff made in Google Calendar. Empty resource_id: the whole facility.
struct ExternalBlock {
    std::string facility_id{};
    std::string resource_id{};
    Instant start{};
    Instant end{};
    std::string calendar_id{};
    std::string event_id{};
    std::string title{};
    Instant updated_at{};
};

/// The store side of Google Calendar sync: the durable outbox the mirror drains, the state of
/// each booking's event, the busy blocks imported from calendars (they count as occupancy and
/// clash like bookings) and each calendar's sync token.
///
/// Outbox rows are written by the BookingStore in the same transaction as the booking change
/// (when the implementation has calendar sync enabled), so no confirmed change is ever missed.
///
/// Threads: any thread, internally synchronised. Blocks on disk: worker pool only.
class CalendarSyncStore {
public:
    virtual ~CalendarSyncStore() = default;

    /// Up to `limit` rows due at `now` (oldest first), leased until `now + lease`: another
    /// claim in that time skips them, and a crashed consumer's rows come back after it.
    [[nodiscard]] virtual std::vector<OutboxItem> claim_outbox(Instant now, int limit,
                                                               std::chrono::seconds lease) = 0;
    /// The event was written (or removed): drops the row unless a newer generation replaced it,
    /// and records `done` (state kSynced or kDeleted) for the booking.
    virtual void complete_outbox(const OutboxItem& item, const CalendarEventRecord& done,
                                 Instant now) = 0;
    /// A failed attempt: counts it, records `error`, and retries at `retry_at`; without one the
    /// failure is permanent: the row is dropped and the booking's state becomes kFailed.
    virtual void fail_outbox(const OutboxItem& item, const std::string& error,
                             std::optional<Instant> retry_at, Instant now) = 0;
    /// Puts a claimed row back, due at `at`, without counting an attempt (Google is down: the
    /// rest of a batch waits with the row that failed).
    virtual void defer_outbox(const OutboxItem& item, Instant at) = 0;
    [[nodiscard]] virtual std::size_t outbox_size() = 0;

    /// The booking's event state; a pending outbox row wins (state kPending, its attempts and
    /// last error). nullopt when the booking was never queued.
    [[nodiscard]] virtual std::optional<CalendarEventRecord> calendar_event(
        std::string_view booking_id) = 0;
    /// Flags a booking for the owner ("calendar check timed out at confirm").
    virtual void set_review_note(std::string_view booking_id, const std::string& note,
                                 Instant now) = 0;

    /// Inserts or replaces the block of (calendar_id, event_id, facility_id): a calendar shared
    /// by several facilities blocks each of them.
    virtual void upsert_block(const ExternalBlock& block) = 0;
    /// Removes the event's blocks in every facility.
    virtual void delete_block(std::string_view calendar_id, std::string_view event_id) = 0;
    /// Drops every block of a calendar (before a full resync).
    virtual void clear_blocks(std::string_view calendar_id) = 0;
    [[nodiscard]] virtual std::vector<ExternalBlock> blocks(std::string_view facility_id) = 0;

    [[nodiscard]] virtual std::optional<std::string> sync_token(std::string_view calendar_id) = 0;
    /// nullopt clears it (the next poll is a full sync).
    virtual void set_sync_token(std::string_view calendar_id,
                                const std::optional<std::string>& token, Instant now) = 0;
};

[[nodiscard]] inline std::string_view to_string(CalendarSyncState state) noexcept {
    switch (state) {
        case CalendarSyncState::kPending: return "pending";
        case CalendarSyncState::kSynced: return "synced";
        case CalendarSyncState::kDeleted: return "deleted";
        case CalendarSyncState::kFailed: return "failed";
    }
    return "pending";
}

[[nodiscard]] inline std::string_view to_string(CalendarAction action) noexcept {
    return action == CalendarAction::kDelete ? "delete" : "upsert";
}

}  // namespace frontdesk::booking
