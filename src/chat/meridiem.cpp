// Choosing am or pm for a time said without one. The rules, in order, are documented in
// docs/builtin_agent.md ("Times"); each step only decides when the earlier ones could not.
#include <cstdlib>

#include "chat/clock_reader.hpp"

namespace frontdesk::chat::detail {
namespace {

constexpr int kMinutesPerHour = 60;
constexpr int kHalfDay = 12 * kMinutesPerHour;
constexpr int kEndOfDay = 24 * kMinutesPerHour;
// By default a bare 1..6 means pm ("at 6": nobody books a court at dawn by saying "6") and
// 7..11 means am ("at 9"); opening hours, "now" and the day part usually decide first.
constexpr int kLastPmByDefault = 6;

bool is_ambiguous(const ClockRead& read) noexcept {
    return read.meridiem == Meridiem::kNone && !read.twenty_four_hour && !read.midnight &&
           read.hour >= 1 && read.hour <= 11;
}

// A reading with nothing to choose: explicit am/pm, 24-hour, noon, midnight, 12.
std::optional<TimeOfDay> fixed_time(const ClockRead& read) noexcept {
    const int minute = read.minute;
    if (read.midnight) return TimeOfDay{0};
    if (read.meridiem == Meridiem::kAm) {
        if (read.hour > 12) return std::nullopt;
        return TimeOfDay{(read.hour % 12) * kMinutesPerHour + minute};
    }
    if (read.meridiem == Meridiem::kPm) {
        const int hour = read.hour < 12 ? read.hour + 12 : read.hour;
        if (hour > 23) return std::nullopt;
        return TimeOfDay{hour * kMinutesPerHour + minute};
    }
    if (read.hour > 23) return std::nullopt;  // 24:00 only ends a range
    return TimeOfDay{read.hour * kMinutesPerHour + minute};
}

// Whether `t` is an opening time on `date`'s weekday, or on any day when the date is unknown.
// Unknown hours fit everything.
bool fits_hours(const InterpretContext& context, std::optional<LocalDate> date, int t) noexcept {
    constexpr std::size_t kDaysPerWeek = 7;
    if (context.weekly_hours.size() != kDaysPerWeek) return true;
    for (std::size_t day = 0; day < kDaysPerWeek; ++day) {
        if (date && day != weekday_index(*date)) continue;
        for (const auto& interval : context.weekly_hours[day]) {
            if (t >= interval.start.count() && t < interval.end.count()) return true;
        }
    }
    return false;
}

// Rules 2..5 of "Times"; the day part (rule 1) is handled by the caller since it is no guess.
int choose(int am, int hour, const MeridiemHints& hints) noexcept {
    const int pm = am + kHalfDay;
    const bool am_fits = fits_hours(hints.context, hints.date, am);
    const bool pm_fits = fits_hours(hints.context, hints.date, pm);
    if (am_fits != pm_fits) return am_fits ? am : pm;
    const int now = static_cast<int>(hints.context.now.count());
    if (hints.date == hints.context.today && am < now && pm >= now) return pm;
    if (const auto pending = hints.context.pending.start_time) {
        const auto p = static_cast<int>(pending->count());
        return std::abs(am - p) <= std::abs(pm - p) ? am : pm;
    }
    return hour <= kLastPmByDefault ? pm : am;
}

}  // namespace

std::optional<TimeOfDay> resolve_start(const ClockRead& read, const MeridiemHints& hints,
                                       bool& assumed) noexcept {
    if (!is_ambiguous(read)) return fixed_time(read);
    const int am = read.hour * kMinutesPerHour + read.minute;
    if (hints.day_part) {
        return TimeOfDay{*hints.day_part == DayPart::kMorning ? am : am + kHalfDay};
    }
    assumed = true;
    return TimeOfDay{choose(am, read.hour, hints)};
}

std::optional<TimeOfDay> resolve_end(const ClockRead& read, TimeOfDay start) noexcept {
    const auto s = static_cast<int>(start.count());
    if (read.midnight || (read.hour == 24 && read.minute == 0)) return TimeOfDay{kEndOfDay};
    // "8 to 12" in the evening ends at midnight, not noon.
    if (read.hour == 12 && read.meridiem == Meridiem::kNone && !read.twenty_four_hour &&
        read.minute == 0 && s >= kHalfDay) {
        return TimeOfDay{kEndOfDay};
    }
    if (!is_ambiguous(read)) {
        const auto fixed = fixed_time(read);
        return fixed && fixed->count() > s ? fixed : std::nullopt;
    }
    const int am = read.hour * kMinutesPerHour + read.minute;
    if (am > s) return TimeOfDay{am};
    if (am + kHalfDay > s) return TimeOfDay{am + kHalfDay};
    return std::nullopt;
}

std::optional<TimeOfDay> resolve_start_before(const ClockRead& start, TimeOfDay end) noexcept {
    if (!is_ambiguous(start)) return std::nullopt;
    const int am = start.hour * kMinutesPerHour + start.minute;
    const int pm = am + kHalfDay;
    const auto e = static_cast<int>(end.count());
    const int same = e >= kHalfDay ? pm : am;
    const int other = same == pm ? am : pm;
    if (same < e) return TimeOfDay{same};
    if (other < e) return TimeOfDay{other};
    return std::nullopt;
}

}  // namespace frontdesk::chat::detail
