// Times, ranges of time and "after 6" / "before 10" windows.
#include "chat/clock_reader.hpp"
#include "chat/extractors.hpp"

namespace frontdesk::chat::detail {
namespace {

constexpr int kEndOfDay = 24 * 60;

// Words before a number that make it a time even without am/pm: "at 6", "move it to 7".
bool is_cue_before(std::string_view w) noexcept {
    return is_one_of(w, {"at", "to", "till", "til", "until", "from", "by", "around", "about",
                         "after", "before", "between", "approx", "approximately", "say"});
}

// After the number: a date or a day part ("6 tomorrow", "7 tonight", "6 in the evening"), or a
// question about it ("is 6 free?").
bool is_cue_after(const Scan& scan, std::size_t k) noexcept {
    if (scan.claim_of(k) == Claim::kDate) return true;
    if (scan.match(k, "in the") > 0 && scan.claim_of(k + 2) == Claim::kDate) return true;
    if (scan.free_is(k, {"this", "on", "at"}) && scan.claim_of(k + 1) == Claim::kDate) return true;
    return scan.free_is(k, {"ish", "free", "available", "okay", "ok"});
}

bool is_connector(const Scan& scan, std::size_t k, bool between) noexcept {
    if (scan.kind(k) == TokenKind::kDash) return true;
    if (between && scan.free_is(k, {"and"})) return true;
    return scan.free_is(k, {"to", "till", "til", "until", "through", "thru"});
}

struct TimePhrase {
    ClockRead start;
    std::optional<ClockRead> end;
    std::string_view cue;  // the word before the start ("after", "till", …) or empty
    std::size_t first = 0;
    std::size_t length = 0;  // including the cue word
};

std::optional<TimePhrase> read_phrase(const Scan& scan, std::size_t i, bool lone) noexcept {
    const auto start = read_clock(scan, i);
    if (!start) return std::nullopt;
    const auto before = Scan::before(i);
    const auto cue = is_cue_before(scan.text(before)) && scan.free(before) ? scan.text(before)
                                                                           : std::string_view{};
    TimePhrase phrase{*start, std::nullopt, cue, cue.empty() ? i : before, 0};
    auto k = i + start->length;
    if (is_connector(scan, k, cue == "between")) {
        phrase.end = read_clock(scan, k + 1);
        if (phrase.end) k += 1 + phrase.end->length;
    }
    phrase.length = k - phrase.first;
    const bool accepted = start->strong || phrase.end || lone || !cue.empty() ||
                          scan.claim_of(before) == Claim::kDate ||
                          is_cue_after(scan, i + start->length);
    return accepted ? std::optional{phrase} : std::nullopt;
}

// "6 to 8 pm": the start takes the end's am/pm when only the end has one. A day part said
// ("8 to 12 tonight") decides before that.
void apply_range(const TimePhrase& phrase, const MeridiemHints& hints, Interpretation& out) {
    bool assumed = false;
    std::optional<TimeOfDay> start;
    const bool end_explicit =
        phrase.end->meridiem != Meridiem::kNone || phrase.end->twenty_four_hour;
    if (end_explicit && !hints.day_part) {
        bool unused = false;
        if (const auto end_alone = resolve_start(*phrase.end, hints, unused)) {
            start = resolve_start_before(phrase.start, *end_alone);
        }
    }
    if (!start) start = resolve_start(phrase.start, hints, assumed);
    if (!start) return;
    const auto end = resolve_end(*phrase.end, *start);
    out.start_time = start;
    out.end_time = end;
    out.meridiem_assumed = assumed;
    if (end && !out.duration_minutes) {
        out.duration_minutes = static_cast<int>((*end - *start).count());
    }
}

void apply(const TimePhrase& phrase, const MeridiemHints& hints, Interpretation& out) {
    if (phrase.end) {
        apply_range(phrase, hints, out);
        return;
    }
    bool assumed = false;
    const auto time = resolve_start(phrase.start, hints, assumed);
    if (!time) return;
    out.meridiem_assumed = assumed;
    if (phrase.cue == "after") {
        out.window = TimeWindow{*time, TimeOfDay{kEndOfDay}};
    } else if (phrase.cue == "before") {
        out.window = TimeWindow{TimeOfDay{0}, *time};
    } else if (is_one_of(phrase.cue, {"till", "til", "until"})) {
        out.end_time = phrase.start.midnight ? TimeOfDay{kEndOfDay} : *time;
    } else {
        out.start_time = time;
    }
}

}  // namespace

void extract_times(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept {
    for (const auto phrase : {"the same time", "same time"}) {
        const auto at = scan.find(phrase);
        if (at && context.pending.start_time) {
            out.start_time = context.pending.start_time;
            scan.claim(*at, scan.match(*at, phrase), Claim::kTime);
            return;
        }
    }
    const MeridiemHints hints{context, out.date ? out.date : context.pending.date, out.day_part};
    for (std::size_t i = 0; i < scan.size(); ++i) {
        const auto phrase = read_phrase(scan, i, out.lone_number.has_value());
        if (!phrase) continue;
        apply(*phrase, hints, out);
        scan.claim(phrase->first, phrase->length, Claim::kTime);
        return;
    }
}

}  // namespace frontdesk::chat::detail
