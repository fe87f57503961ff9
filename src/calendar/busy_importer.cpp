#include "calendar/busy_importer.hpp"

#include <set>

#include "core/logging.hpp"

namespace frontdesk::calendar {
namespace {

spdlog::logger& importer_log() {
    static const auto logger = frontdesk::logger("calendar");
    return *logger;
}

std::vector<std::string> distinct_calendars(const std::vector<CalendarSource>& sources) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const auto& source : sources) {
        if (seen.insert(source.calendar_id).second) ids.push_back(source.calendar_id);
    }
    return ids;
}

}  // namespace

BusyImporter::BusyImporter(CalendarClient& client, booking::CalendarSyncStore& sync,
                           const booking::FacilityDirectory& facilities, const Clock& clock,
                           ImporterSettings settings)
    : client_(client),
      sync_(sync),
      facilities_(facilities),
      clock_(clock),
      settings_(std::move(settings)),
      sources_(calendar_sources(facilities, settings_.default_calendar_id)) {}

BusyImporter::PollReport BusyImporter::poll_once() {
    std::lock_guard lock{poll_mutex_};
    PollReport report;
    for (const auto& calendar_id : distinct_calendars(sources_)) {
        const Instant now = clock_.now();
        if (const auto it = retry_at_.find(calendar_id); it != retry_at_.end() && now < it->second) {
            continue;
        }
        ++report.calendars;
        const auto error = poll_calendar(calendar_id, report);
        if (!error) {
            failures_.erase(calendar_id);
            retry_at_.erase(calendar_id);
            continue;
        }
        ++report.errors;
        const int failures = failures_[calendar_id]++;
        if (error->retryable()) {
            retry_at_[calendar_id] =
                now + backoff_delay(failures, error->retry_after, settings_.backoff, random_());
        }
        importer_log().warn("calendar {} import failed: {}", calendar_id, error->describe());
    }
    return report;
}

std::optional<CalendarError> BusyImporter::poll_calendar(const std::string& calendar_id,
                                                         PollReport& report) {
    ListQuery query;
    query.sync_token = sync_.sync_token(calendar_id);
    if (!query.sync_token) {
        query.time_min = clock_.now() - settings_.lookback;
        sync_.clear_blocks(calendar_id);  // the full list is the whole truth
        ++report.full_syncs;
    }
    auto error = read_pages(calendar_id, query, report);
    if (error && error->kind == CalendarError::Kind::kSyncExpired) {
        importer_log().info("calendar {}: sync token expired, full resync", calendar_id);
        sync_.set_sync_token(calendar_id, std::nullopt, clock_.now());
        ListQuery full;
        full.time_min = clock_.now() - settings_.lookback;
        sync_.clear_blocks(calendar_id);
        ++report.full_syncs;
        error = read_pages(calendar_id, full, report);
    }
    return error;
}

std::optional<CalendarError> BusyImporter::read_pages(const std::string& calendar_id,
                                                      ListQuery query, PollReport& report) {
    for (int page_count = 0; page_count < settings_.max_pages; ++page_count) {
        auto page = client_.list_events(calendar_id, query);
        if (page.error) return page.error;
        for (const auto& event : page.items) {
            ++report.events;
            apply(calendar_id, event, report);
        }
        if (page.next_page_token) {
            query.page_token = page.next_page_token;
            continue;
        }
        if (page.next_sync_token) sync_.set_sync_token(calendar_id, page.next_sync_token, clock_.now());
        return std::nullopt;
    }
    return std::nullopt;  // more pages next poll, from the same token
}

bool BusyImporter::apply(const std::string& calendar_id, const CalendarEvent& event,
                         PollReport& report) {
    // Replace whatever the event blocked before: its court or times may have changed.
    sync_.delete_block(calendar_id, event.id);
    bool blocks = false;
    for (const auto& source : sources_) {
        if (source.calendar_id != calendar_id) continue;
        const auto* facility = facilities_.find(source.facility_id);
        if (facility == nullptr) continue;
        if (auto block = block_for(event, source, *facility, settings_.unmatched, clock_.now())) {
            sync_.upsert_block(*block);
            ++report.blocks;
            blocks = true;
        }
    }
    if (!blocks) ++report.released;
    return blocks;
}

}  // namespace frontdesk::calendar
