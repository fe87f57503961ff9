// Checking one request against a facility's rules (resolve_slot) and the pieces it shares with
// the slot sweep (slot_sweep.cpp).
#include "booking/availability.hpp"

#include <algorithm>

#include "booking/slot_rules.hpp"
#include "booking/spoken.hpp"
#include "core/error.hpp"

namespace frontdesk::booking {
namespace {

using std::chrono::minutes;

constexpr minutes kMaxDstGap{26 * 60};  // Samoa skipped a whole day in 2011

void check_window(const Facility& facility, LocalDate date, Instant now) {
    const auto today = facility.time_zone.today(now);
    if (date < today) throw InvalidArgument("PAST_TIME", "That day has already passed.");
    const int ahead = facility.rules.maximum_days_ahead;
    if (days_between(today, date) > ahead) {
        throw InvalidArgument("TOO_FAR_AHEAD", "We take bookings up to " + std::to_string(ahead) +
                                                   " days ahead, so the last day you can book is " +
                                                   spoken_date(add_days(today, ahead)) + ".");
    }
    if (auto reason = detail::closed_reason(facility, date); !reason.empty()) {
        throw InvalidArgument("CLOSED", reason);
    }
}

void check_notice(const Facility& facility, Instant start, Instant now) {
    if (start < now) throw InvalidArgument("PAST_TIME", "That time has already passed.");
    const int notice = facility.rules.minimum_notice_minutes;
    if (start < now + minutes{notice}) {
        const auto phrase = spoken_duration(notice);
        throw InvalidArgument("TOO_SOON", "We need at least " + phrase +
                                              (phrase.ends_with('s') ? "'" : "'s") +
                                              " notice for a booking.");
    }
}

const DayInterval& find_open_span(const Facility& facility, LocalDate date, TimeOfDay time) {
    const auto& spans = facility.weekly_hours[weekday_index(date)];
    const auto it = std::find_if(spans.begin(), spans.end(), [time](const DayInterval& span) {
        return span.start <= time && time < span.end;
    });
    if (it == spans.end()) {
        throw InvalidArgument("OUTSIDE_HOURS", "On " + plural(weekday_name(weekday_index(date))) +
                                                   " we're open " + spoken_hours(spans) + ".");
    }
    return *it;
}

void check_boundary(const Facility& facility, const DayInterval& span, TimeOfDay time) {
    const minutes step{facility.rules.slot_granularity_minutes};
    const auto offset = (time - span.start) % step;
    if (offset == minutes{0}) return;
    const TimeOfDay before = time - offset;
    const TimeOfDay after = before + step;
    const std::string rhythm = step == minutes{60} && span.start % step == minutes{0}
                                   ? "Bookings start on the hour"
                                   : "Bookings start every " +
                                         spoken_duration(static_cast<int>(step.count())) +
                                         " from " + spoken_time(span.start);
    // A grid time at closing is no start, so near the end only the earlier one is offered.
    const std::string nearest =
        after < span.end
            ? "the nearest start times are " + spoken_time(before) + " and " + spoken_time(after)
            : "the nearest start time is " + spoken_time(before);
    throw InvalidArgument("NOT_ON_SLOT_BOUNDARY", rhythm + ", so " + nearest + ".");
}

[[noreturn]] void throw_past_closing(const Facility& facility, const DayInterval& span,
                                     int duration) {
    const minutes step{facility.rules.slot_granularity_minutes};
    const auto room = span.end - minutes{duration} - span.start;
    const auto length = spoken_length(duration);
    if (room < minutes{0}) {
        throw InvalidArgument(
            "OUTSIDE_HOURS",
            "A " + length + " booking doesn't fit in our hours " + spoken_hours({span}) + ".");
    }
    const TimeOfDay latest = span.start + room - room % step;
    throw InvalidArgument("OUTSIDE_HOURS", "We close at " + spoken_time(span.end) + ", so a " +
                                               length + " booking can start at " +
                                               spoken_time(latest) + " at the latest.");
}

void check_breaks(const Facility& facility, LocalDate date, Instant start, Instant end) {
    for (const auto& pause : facility.breaks[weekday_index(date)]) {
        const auto from = detail::lenient_instant(facility.time_zone, date, pause.start);
        const auto to = detail::lenient_instant(facility.time_zone, date, pause.end);
        if (start < to && from < end) {
            throw InvalidArgument("DURING_BREAK", "That would run into our break from " +
                                                      spoken_time(pause.start) + " to " +
                                                      spoken_time(pause.end) + ".");
        }
    }
}

Instant resolve_start(const Facility& facility, LocalDate date, TimeOfDay time) {
    if (time < TimeOfDay{0} || time >= TimeOfDay{24 * 60}) {
        throw InvalidArgument("INVALID_TIME", "That isn't a time of day I understand.");
    }
    const auto start = facility.time_zone.to_instant(date, time);
    if (!start) {
        throw InvalidArgument("NONEXISTENT_LOCAL_TIME",
                              "On " + spoken_date(date) + " the clocks go forward, so " +
                                  spoken_time(time) + " doesn't exist that day.");
    }
    return *start;
}

}  // namespace

namespace detail {

Instant lenient_instant(const TimeZone& zone, LocalDate date, TimeOfDay time) {
    for (auto t = time; t <= time + kMaxDstGap; t += minutes{1}) {
        if (const auto at = zone.to_instant(date, t)) return *at;
    }
    // No real zone has a longer gap; read the time as UTC rather than fail.
    return Instant{std::chrono::sys_days{date} + time};
}

std::string closed_reason(const Facility& facility, LocalDate date) {
    if (facility.closed_dates.contains(format_date(date))) {
        return "We're closed on " + spoken_date(date) + ".";
    }
    if (facility.weekly_hours[weekday_index(date)].empty()) {
        return "We're closed on " + plural(weekday_name(weekday_index(date))) + ".";
    }
    return {};
}

void check_valid_date(LocalDate date) {
    if (!date.ok()) throw InvalidArgument("INVALID_DATE", "That isn't a valid date.");
}

}  // namespace detail

ResolvedSlot resolve_slot(const Facility& facility, const SlotRequest& request, Instant now) {
    auto shape = detail::resolve_shape(facility, request);
    detail::check_valid_date(request.date);
    check_window(facility, request.date, now);
    if (!request.start_time) {
        throw InvalidArgument("START_TIME_REQUIRED", "What time would you like to start?");
    }
    const auto time = *request.start_time;
    const auto start = resolve_start(facility, request.date, time);
    check_notice(facility, start, now);
    const auto& span = find_open_span(facility, request.date, time);
    check_boundary(facility, span, time);
    const auto end = start + minutes{shape.duration_minutes};
    if (end > detail::lenient_instant(facility.time_zone, request.date, span.end)) {
        throw_past_closing(facility, span, shape.duration_minutes);
    }
    check_breaks(facility, request.date, start, end);

    ResolvedSlot slot{start,         end, shape.duration_minutes,
                      shape.service, {},  static_cast<int>(shape.count)};
    for (const auto index : shape.eligible) {
        slot.eligible_resource_ids.push_back(facility.resources[index].id);
    }
    return slot;
}

InstantRange day_span(const Facility& facility, LocalDate first, LocalDate last) {
    return {detail::lenient_instant(facility.time_zone, first, TimeOfDay{0}),
            detail::lenient_instant(facility.time_zone, add_days(last, 1), TimeOfDay{0})};
}

}  // namespace frontdesk::booking
