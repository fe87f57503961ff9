#include "calendar/freebusy_guard.hpp"

#include <algorithm>
#include <set>

#include "core/logging.hpp"

namespace frontdesk::calendar {
namespace {

using booking::GuardVerdict;

spdlog::logger& guard_log() {
    static const auto logger = frontdesk::logger("calendar");
    return *logger;
}

bool relevant(const CalendarSource& source, const booking::Facility& facility,
              const std::vector<std::string>& resource_ids) {
    if (source.facility_id != facility.id) return false;
    return !source.resource_id || std::find(resource_ids.begin(), resource_ids.end(),
                                            *source.resource_id) != resource_ids.end();
}

}  // namespace

FreeBusyGuard::FreeBusyGuard(CalendarClient& client, BusyImporter& importer,
                             booking::CalendarSyncStore& sync, const Clock& clock,
                             std::chrono::milliseconds timeout, FreeBusyPolicy policy)
    : client_(client),
      importer_(importer),
      sync_(sync),
      clock_(clock),
      timeout_(timeout),
      policy_(policy) {}

GuardVerdict FreeBusyGuard::check(const booking::Facility& facility,
                                  const std::vector<std::string>& resource_ids, Instant start,
                                  Instant end) {
    std::set<std::string> calendars;
    for (const auto& source : importer_.sources()) {
        if (relevant(source, facility, resource_ids)) calendars.insert(source.calendar_id);
    }
    if (calendars.empty()) return {};
    const std::vector<std::string> ids(calendars.begin(), calendars.end());
    const auto answer = client_.free_busy(ids, start, end, timeout_);
    if (answer.error) return cannot_check(answer.error->describe());
    std::vector<std::string> busy_calendars;
    for (const auto& id : ids) {
        if (answer.failures.contains(id)) return cannot_check("calendar " + id + " unreadable");
        const auto it = answer.busy.find(id);
        if (it == answer.busy.end()) continue;
        const bool overlaps = std::any_of(it->second.begin(), it->second.end(),
                                          [&](const BusyPeriod& p) { return p.start < end && start < p.end; });
        if (overlaps) busy_calendars.push_back(id);
    }
    if (busy_calendars.empty()) return {};
    return classify(facility, resource_ids, busy_calendars, start, end);
}

// Busy could be our own events or another court's block: read the events and decide per court.
GuardVerdict FreeBusyGuard::classify(const booking::Facility& facility,
                                     const std::vector<std::string>& resource_ids,
                                     const std::vector<std::string>& busy_calendars, Instant start,
                                     Instant end) {
    GuardVerdict verdict;
    BusyImporter::PollReport report;
    for (const auto& calendar_id : busy_calendars) {
        ListQuery query;
        query.time_min = start;
        query.time_max = end;
        query.timeout = timeout_;
        const auto page = client_.list_events(calendar_id, query);
        if (page.error) return cannot_check(page.error->describe());
        for (const auto& event : page.items) {
            if (!importer_.apply(calendar_id, event, report)) continue;
            for (const auto& block : sync_.blocks(facility.id)) {
                if (block.calendar_id != calendar_id || block.event_id != event.id) continue;
                if (!(block.start < end && start < block.end)) continue;
                if (block.resource_id.empty()) return {GuardVerdict::Kind::kBusy, {}, {}};
                if (std::find(resource_ids.begin(), resource_ids.end(), block.resource_id) !=
                    resource_ids.end()) {
                    verdict.kind = GuardVerdict::Kind::kBusy;
                    verdict.busy_resource_ids.push_back(block.resource_id);
                }
            }
        }
    }
    return verdict;
}

GuardVerdict FreeBusyGuard::cannot_check(const std::string& why) const {
    guard_log().warn("calendar check at confirm could not be done: {}", why);
    if (policy_ == FreeBusyPolicy::kReject) return {GuardVerdict::Kind::kBusy, {}, {}};
    return {GuardVerdict::Kind::kUnverified, {},
            "Google Calendar could not be checked when this booking was confirmed (" + why +
                "); look for a clashing staff block."};
}

void FreeBusyGuard::flag(const std::string& booking_id, const std::string& note) {
    sync_.set_review_note(booking_id, note, clock_.now());
}

}  // namespace frontdesk::calendar
