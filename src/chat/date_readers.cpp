// Readers for the relative and numeric forms of a date.
#include "chat/date_readers.hpp"

#include <array>

#include "chat/date_math.hpp"
#include "chat/number_words.hpp"

namespace frontdesk::chat::detail {
namespace {

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;
constexpr int kTwoDigitYearBase = 2000;
constexpr int kMaxDaysAhead = 366;

}  // namespace

DateRead dated(std::optional<LocalDate> date, std::size_t length) noexcept {
    return DateRead{date, std::nullopt, std::nullopt, !date.has_value(), length};
}

std::optional<unsigned> month_of(std::string_view w) noexcept {
    static constexpr std::array<std::array<std::string_view, 3>, 12> kMonths = {{
        {"january", "jan", ""},
        {"february", "feb", ""},
        {"march", "mar", ""},
        {"april", "apr", ""},
        {"may", "", ""},
        {"june", "jun", ""},
        {"july", "jul", ""},
        {"august", "aug", ""},
        {"september", "sep", "sept"},
        {"october", "oct", ""},
        {"november", "nov", ""},
        {"december", "dec", ""},
    }};
    for (unsigned m = 0; m < kMonths.size(); ++m) {
        for (const auto name : kMonths[m]) {
            if (!name.empty() && name == w) return m + 1;
        }
    }
    return std::nullopt;
}

std::optional<unsigned> weekday_of(std::string_view w) noexcept {
    static constexpr std::array<std::array<std::string_view, 5>, 7> kWeekdays = {{
        {"sunday", "sundays", "sun", "", ""},
        {"monday", "mondays", "mon", "", ""},
        {"tuesday", "tuesdays", "tue", "tues", ""},
        {"wednesday", "wednesdays", "wed", "weds", ""},
        {"thursday", "thursdays", "thu", "thur", "thurs"},
        {"friday", "fridays", "fri", "", ""},
        {"saturday", "saturdays", "sat", "", ""},
    }};
    for (unsigned d = 0; d < kWeekdays.size(); ++d) {
        for (const auto name : kWeekdays[d]) {
            if (!name.empty() && name == w) return d;
        }
    }
    return std::nullopt;
}

std::optional<int> read_year(const Scan& scan, std::size_t i) noexcept {
    if (!scan.free(i) || scan.kind(i) != TokenKind::kNumber || scan.text(i).size() != 4) {
        return std::nullopt;
    }
    const auto year = parse_digits(scan.text(i));
    if (!year || *year < kMinYear || *year > kMaxYear) return std::nullopt;
    return year;
}

// "today", "tonight", "tomorrow", "day after tomorrow", "in 3 days", "same day".
std::optional<DateRead> read_relative(const Scan& scan, std::size_t i,
                                      const InterpretContext& context) noexcept {
    const auto today = context.today;
    for (const auto phrase : {"the day after tomorrow", "day after tomorrow"}) {
        if (const auto n = scan.match(i, phrase); n > 0) return dated(add_days(today, 2), n);
    }
    for (const auto phrase : {"the same day", "same day", "that day", "same date"}) {
        const auto n = scan.match(i, phrase);
        if (n > 0 && context.pending.date) return dated(context.pending.date, n);
    }
    if (!scan.free(i)) return std::nullopt;
    const auto w = scan.text(i);
    if (w == "today") return dated(today, 1);
    if (is_one_of(w, {"tonight", "tonite", "tonigh"})) {
        return DateRead{today, std::nullopt, DayPart::kTonight, false, 1};
    }
    if (is_one_of(w, {"tomorrow", "tmrw", "tmr", "tmrow", "tomorow", "tommorow", "tommorrow",
                      "2morrow"})) {
        return dated(add_days(today, 1), 1);
    }
    if (w == "overmorrow") return dated(add_days(today, 2), 1);
    if (w == "yesterday") return dated(add_days(today, -1), 1);
    if (w == "in") {
        if (const auto n = scan.match(i, "in a week"); n > 0) return dated(add_days(today, 7), n);
        const auto days = read_cardinal(scan, i + 1);
        if (days && days->value >= 1 && days->value <= kMaxDaysAhead &&
            scan.free_is(i + 1 + days->length, {"days", "day"})) {
            return dated(add_days(today, days->value), days->length + 2);
        }
    }
    return std::nullopt;
}

// "this morning", "this afternoon", "this evening": today, in that part of the day.
std::optional<DateRead> read_this_part(const Scan& scan, std::size_t i,
                                       const InterpretContext& context) noexcept {
    if (!scan.free_is(i, {"this"}) || !scan.free(i + 1)) return std::nullopt;
    const auto w = scan.text(i + 1);
    const auto part = w == "morning"     ? std::optional{DayPart::kMorning}
                      : w == "afternoon" ? std::optional{DayPart::kAfternoon}
                      : w == "evening"   ? std::optional{DayPart::kEvening}
                                         : std::nullopt;
    if (!part) return std::nullopt;
    return DateRead{context.today, std::nullopt, part, false, 2};
}

// "this weekend", "the weekend", "weekend", "next weekend": Saturday (or today) to Sunday.
std::optional<DateRead> read_weekend(const Scan& scan, std::size_t i,
                                     const InterpretContext& context) noexcept {
    constexpr unsigned kSaturday = 6;
    const auto today = context.today;
    if (const auto n = scan.match(i, "next weekend"); n > 0) {
        const auto saturday = next_week_weekday(today, kSaturday);
        return DateRead{saturday, add_days(saturday, 1), std::nullopt, false, n};
    }
    for (const auto phrase :
         {"this coming weekend", "this weekend", "coming weekend", "the weekend", "weekend"}) {
        const auto n = scan.match(i, phrase);
        if (n == 0) continue;
        const auto start = weekday_index(today) == 0 ? today : coming_weekday(today, kSaturday);
        const auto sunday = weekday_index(start) == 0 ? start : add_days(start, 1);
        return DateRead{start, sunday, std::nullopt, false, n};
    }
    return std::nullopt;
}

// "Saturday", "this Saturday", "next Friday", "last Monday".
std::optional<DateRead> read_weekday(const Scan& scan, std::size_t i,
                                     const InterpretContext& context) noexcept {
    std::size_t modifier = 0;
    if (scan.match(i, "this coming") > 0) {
        modifier = 2;
    } else if (scan.free_is(i, {"next", "this", "coming", "last", "past", "on"})) {
        modifier = 1;
    }
    const auto at = i + modifier;
    const auto weekday = weekday_of(scan.text(at));
    if (!weekday || !scan.free(at)) return std::nullopt;
    const auto today = context.today;
    const auto word = modifier == 1 ? scan.text(i) : std::string_view{};
    if (word == "next") return dated(next_week_weekday(today, *weekday), 2);
    if (word == "last" || word == "past") return dated(previous_weekday(today, *weekday), 2);
    return dated(coming_weekday(today, *weekday), modifier + 1);
}

// "2026-11-22".
std::optional<DateRead> read_iso(const Scan& scan, std::size_t i) noexcept {
    const auto year = read_year(scan, i);
    if (!year || scan.kind(i + 1) != TokenKind::kDash || scan.kind(i + 3) != TokenKind::kDash) {
        return std::nullopt;
    }
    const auto month = parse_digits(scan.text(i + 2));
    const auto day = parse_digits(scan.text(i + 4));
    if (!month || !day || !scan.free(i + 2) || !scan.free(i + 4)) return std::nullopt;
    return dated(exact_date(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)), 5);
}

// "22/11", "22/11/2026", "22/11/26": day first; month first only when day first is impossible.
std::optional<DateRead> read_slashed(const Scan& scan, std::size_t i,
                                     const InterpretContext& context) noexcept {
    if (!scan.free(i) || scan.kind(i) != TokenKind::kNumber) return std::nullopt;
    std::array<int, 3> parts{};
    std::size_t count = 0;
    std::string_view rest = scan.text(i);
    while (!rest.empty() && count < parts.size()) {
        const auto slash = rest.find('/');
        const auto part = parse_digits(rest.substr(0, slash));
        if (!part) return std::nullopt;
        parts[count++] = *part;
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    }
    if (count < 2 || !rest.empty()) return std::nullopt;
    const int year = count == 3 ? (parts[2] < 100 ? kTwoDigitYearBase + parts[2] : parts[2]) : 0;
    const auto resolve = [&](int day, int month) -> std::optional<LocalDate> {
        if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
        const auto d = static_cast<unsigned>(day);
        const auto m = static_cast<unsigned>(month);
        return count == 3 ? exact_date(year, m, d) : next_day_and_month(context.today, d, m);
    };
    auto date = resolve(parts[0], parts[1]);
    if (!date && parts[1] > 12) date = resolve(parts[1], parts[0]);
    return dated(date, 1);
}

}  // namespace frontdesk::chat::detail
