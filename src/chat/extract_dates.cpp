// Dates, kinds of day ("weekends") and parts of the day ("evening").
#include "chat/date_math.hpp"
#include "chat/date_readers.hpp"
#include "chat/extractors.hpp"
#include "chat/number_words.hpp"

namespace frontdesk::chat::detail {
namespace {

// A day of the month: "22nd", "twenty second", or (next to a month name) "22".
std::optional<NumberRead> read_day_number(const Scan& scan, std::size_t i,
                                          bool cardinal_ok) noexcept {
    auto day = read_ordinal(scan, i);
    if (!day && cardinal_ok) day = read_cardinal(scan, i);
    if (!day || day->value < 1 || day->value > 31) return std::nullopt;
    return day;
}

DateRead with_month(const InterpretContext& context, const Scan& scan, unsigned day, unsigned month,
                    std::size_t length, std::size_t year_at) noexcept {
    if (const auto year = read_year(scan, year_at)) {
        return dated(exact_date(*year, month, day), length + 1);
    }
    return dated(next_day_and_month(context.today, day, month), length);
}

// "22nd November", "22 nov 2026", "the 22nd of November".
std::optional<DateRead> read_day_month(const Scan& scan, std::size_t i,
                                       const InterpretContext& context) noexcept {
    const std::size_t the = scan.free_is(i, {"the"}) ? 1 : 0;
    const auto day = read_day_number(scan, i + the, true);
    if (!day) return std::nullopt;
    auto at = i + the + day->length;
    if (scan.free_is(at, {"of"})) ++at;
    const auto month = month_of(scan.text(at));
    if (!month || !scan.free(at)) return std::nullopt;
    return with_month(context, scan, static_cast<unsigned>(day->value), *month, at + 1 - i, at + 1);
}

// "November 22", "Nov 22nd", "november the twenty second".
std::optional<DateRead> read_month_day(const Scan& scan, std::size_t i,
                                       const InterpretContext& context) noexcept {
    const auto month = month_of(scan.text(i));
    if (!month || !scan.free(i)) return std::nullopt;
    const std::size_t the = scan.free_is(i + 1, {"the"}) ? 1 : 0;
    const auto day = read_day_number(scan, i + 1 + the, true);
    if (!day) return std::nullopt;
    const auto end = i + 1 + the + day->length;
    return with_month(context, scan, static_cast<unsigned>(day->value), *month, end - i, end);
}

// "the 22nd", "22nd", "on the twenty second": the next such day of a month. Ordinals in words
// need "the" ("first" alone is rarely a date), and "the first time" is not one at all.
std::optional<DateRead> read_day_of_month(const Scan& scan, std::size_t i,
                                          const InterpretContext& context) noexcept {
    const std::size_t the = scan.free_is(i, {"the"}) ? 1 : 0;
    const auto day = read_day_number(scan, i + the, false);
    if (!day || (the == 0 && !day->digits)) return std::nullopt;
    const auto after = scan.text(i + the + day->length);
    if (is_one_of(after, {"time", "one", "option", "slot", "hour", "choice", "floor", "person"})) {
        return std::nullopt;
    }
    return dated(next_day_of_month(context.today, static_cast<unsigned>(day->value)),
                 the + day->length);
}

std::optional<DateRead> read_date(const Scan& scan, std::size_t i,
                                  const InterpretContext& context) noexcept {
    if (auto read = read_iso(scan, i)) return read;
    if (auto read = read_slashed(scan, i, context)) return read;
    if (auto read = read_relative(scan, i, context)) return read;
    if (auto read = read_this_part(scan, i, context)) return read;
    if (auto read = read_weekend(scan, i, context)) return read;
    if (auto read = read_weekday(scan, i, context)) return read;
    if (auto read = read_day_month(scan, i, context)) return read;
    if (auto read = read_month_day(scan, i, context)) return read;
    return read_day_of_month(scan, i, context);
}

// "Saturday to Monday", "22/11 - 24/11": the end of a span of days.
void read_span_end(Scan& scan, std::size_t at, const InterpretContext& context,
                   Interpretation& out) noexcept {
    const bool joined = scan.free_is(at, {"to", "till", "until", "through", "thru"}) ||
                        scan.kind(at) == TokenKind::kDash;
    if (!joined || !out.date) return;
    const auto end = read_date(scan, at + 1, context);
    if (!end || !end->date || *end->date <= *out.date) return;
    out.last_date = end->date;
    scan.claim(at, end->length + 1, Claim::kDate);
}

void apply(const DateRead& read, Interpretation& out) noexcept {
    out.date = read.date;
    out.last_date = read.last;
    out.date_invalid = read.invalid;
    if (read.part && !out.day_part) {
        out.day_part = read.part;
        out.window = window_of(*read.part);
    }
}

// "weekends", "on weekdays": a kind of day, for prices and hours.
void extract_day_kind(Scan& scan, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size(); ++i) {
        std::optional<DayKind> kind;
        if (scan.free_is(i, {"weekends"})) kind = DayKind::kWeekend;
        if (scan.free_is(i, {"weekday", "weekdays"})) kind = DayKind::kWeekday;
        if (!kind) continue;
        if (!out.day_kind) out.day_kind = kind;
        scan.claim(i, 1, Claim::kDate);
    }
}

// "evening", "tomorrow morning", "at night"; not "good evening" or "good night".
void extract_day_part(Scan& scan, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size() && !out.day_part; ++i) {
        if (!scan.free(i) || scan.text(Scan::before(i)) == "good") continue;
        const auto w = scan.text(i);
        std::optional<DayPart> part;
        if (is_one_of(w, {"morning", "mornings"})) part = DayPart::kMorning;
        if (is_one_of(w, {"afternoon", "afternoons", "noonish"})) part = DayPart::kAfternoon;
        if (is_one_of(w, {"evening", "evenings", "eve"})) part = DayPart::kEvening;
        if (is_one_of(w, {"night", "nights"})) part = DayPart::kNight;
        if (!part) continue;
        out.day_part = part;
        out.window = window_of(*part);
        scan.claim(i, 1, Claim::kDate);
    }
}

}  // namespace

void extract_dates(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size(); ++i) {
        const auto read = read_date(scan, i, context);
        if (!read) continue;
        scan.claim(i, read->length, Claim::kDate);
        // The first date said is the one meant; later ones are still claimed, not re-read.
        if (out.date || out.date_invalid) continue;
        apply(*read, out);
        if (!read->last) read_span_end(scan, i + read->length, context, out);
        i += read->length - 1;
    }
    extract_day_kind(scan, out);
    extract_day_part(scan, out);
}

}  // namespace frontdesk::chat::detail
