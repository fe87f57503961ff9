#include "calendar/calendar_mirror.hpp"

#include <nlohmann/json.hpp>

#include "calendar/event_mapping.hpp"
#include "core/logging.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::calendar {
namespace {

using booking::CalendarAction;
using booking::CalendarEventRecord;
using booking::CalendarSyncState;
using booking::OutboxItem;

spdlog::logger& mirror_log() {
    static const auto logger = frontdesk::logger("calendar");
    return *logger;
}

// The patch that brings an existing event to the booking's state (everything but the id).
nlohmann::json patch_of(nlohmann::json event) {
    event.erase("id");
    return event;
}

}  // namespace

CalendarMirror::CalendarMirror(CalendarClient& client, booking::BookingStore& bookings,
                               booking::CalendarSyncStore& sync,
                               const booking::FacilityDirectory& facilities, const Clock& clock,
                               MirrorSettings settings)
    : client_(client),
      bookings_(bookings),
      sync_(sync),
      facilities_(facilities),
      clock_(clock),
      settings_(std::move(settings)) {}

CalendarMirror::DrainReport CalendarMirror::drain_once() {
    std::lock_guard lock{drain_mutex_};
    const auto items = sync_.claim_outbox(clock_.now(), settings_.batch, settings_.lease);
    DrainReport report;
    report.claimed = static_cast<int>(items.size());
    std::optional<Instant> retry_at;
    for (const auto& item : items) {
        if (retry_at) {  // Google is struggling: the rest waits with the row that failed
            sync_.defer_outbox(item, *retry_at);
            ++report.retrying;
            continue;
        }
        switch (process(item, retry_at)) {
            case Step::kDone: ++report.written; break;
            case Step::kRetry: ++report.retrying; break;
            case Step::kFailed: ++report.failed; break;
        }
    }
    return report;
}

CalendarMirror::Step CalendarMirror::process(const OutboxItem& item,
                                             std::optional<Instant>& retry_at) {
    const auto booking = bookings_.find_booking(item.booking_id);
    const auto* facility = booking ? facilities_.find(booking->facility_id) : nullptr;
    const auto calendar =
        facility ? calendar_for(*booking, *facility, settings_.default_calendar_id) : std::nullopt;
    if (!booking || facility == nullptr || !calendar) {
        const std::string why = !booking    ? "booking not found"
                                : !facility ? "facility not configured"
                                            : "no calendar configured for this facility";
        sync_.fail_outbox(item, why, std::nullopt, clock_.now());
        mirror_log().warn("calendar write for booking {} failed: {}", item.booking_id, why);
        return Step::kFailed;
    }
    const auto previous = sync_.calendar_event(item.booking_id);
    const std::string event_id = event_id_for(booking->id);
    const bool remove = item.action == CalendarAction::kDelete ||
                        booking->status == booking::BookingStatus::kCancelled;
    if (remove) {
        const std::string on = previous && !previous->calendar_id.empty() ? previous->calendar_id
                                                                          : *calendar;
        return finish(item, client_.delete_event(on, event_id),
                      {.booking_id = booking->id, .calendar_id = on, .event_id = event_id,
                       .state = CalendarSyncState::kDeleted},
                      retry_at);
    }
    if (previous && !previous->calendar_id.empty() && previous->calendar_id != *calendar) {
        // Moved to a court with its own calendar: take the old event down first.
        const auto error = client_.delete_event(previous->calendar_id, event_id);
        if (error) return finish(item, error, {}, retry_at);
    }
    const bool written_before = previous && !previous->event_id.empty() &&
                                previous->calendar_id == *calendar;
    return finish(item, upsert_event(*calendar, booking_event(*booking, *facility), written_before),
                  {.booking_id = booking->id, .calendar_id = *calendar, .event_id = event_id,
                   .state = CalendarSyncState::kSynced},
                  retry_at);
}

std::optional<CalendarError> CalendarMirror::upsert_event(const std::string& calendar_id,
                                                          const nlohmann::json& event,
                                                          bool written_before) {
    const auto event_id = event["id"].get<std::string>();
    if (written_before) {
        auto error = client_.patch_event(calendar_id, event_id, patch_of(event));
        if (!error || error->kind != CalendarError::Kind::kNotFound) return error;
    }
    auto error = client_.insert_event(calendar_id, event);
    if (error && error->kind == CalendarError::Kind::kDuplicate) {
        error = client_.patch_event(calendar_id, event_id, patch_of(event));
    }
    return error;
}

CalendarMirror::Step CalendarMirror::finish(const OutboxItem& item,
                                            const std::optional<CalendarError>& error,
                                            const CalendarEventRecord& done,
                                            std::optional<Instant>& retry_at) {
    const Instant now = clock_.now();
    if (!error) {
        sync_.complete_outbox(item, done, now);
        return Step::kDone;
    }
    if (error->retryable()) {
        const auto delay =
            backoff_delay(item.attempts, error->retry_after, settings_.backoff, random_());
        retry_at = now + delay;
        sync_.fail_outbox(item, error->describe(), retry_at, now);
        mirror_log().warn("calendar write for booking {} failed ({}), retry in {} s",
                          item.booking_id, error->describe(), delay.count());
        return Step::kRetry;
    }
    sync_.fail_outbox(item, error->describe(), std::nullopt, now);
    mirror_log().error("calendar write for booking {} failed for good: {}", item.booking_id,
                       error->describe());
    return Step::kFailed;
}

nlohmann::json calendar_sync_json(booking::CalendarSyncStore& sync, std::string_view booking_id) {
    const auto record = sync.calendar_event(booking_id);
    if (!record) return {{"state", "not_synced"}, {"needs_review", false}};
    nlohmann::json out = {{"state", to_string(record->state)},
                          {"calendar_id", record->calendar_id},
                          {"event_id", record->event_id},
                          {"attempts", record->attempts},
                          {"last_error", nullptr},
                          {"next_attempt_at", nullptr},
                          {"needs_review", record->review_note.has_value()},
                          {"review_note", nullptr},
                          {"updated_at", format_rfc3339_utc(record->updated_at)}};
    if (record->last_error) out["last_error"] = *record->last_error;
    if (record->next_attempt_at) out["next_attempt_at"] = format_rfc3339_utc(*record->next_attempt_at);
    if (record->review_note) out["review_note"] = *record->review_note;
    return out;
}

}  // namespace frontdesk::calendar
