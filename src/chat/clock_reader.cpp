#include "chat/clock_reader.hpp"

#include "chat/number_words.hpp"

namespace frontdesk::chat::detail {
namespace {

struct Suffix {
    Meridiem meridiem = Meridiem::kNone;
    bool oclock = false;
    std::size_t length = 0;
};

// "pm", "p m" (from "p.m."), "am", "o'clock", "o clock".
Suffix read_suffix(const Scan& scan, std::size_t i) noexcept {
    if (!scan.free(i)) return {};
    const auto w = scan.text(i);
    const bool m_follows = scan.free_is(i + 1, {"m"});
    if (w == "am" || (w == "a" && m_follows)) return {Meridiem::kAm, false, w == "am" ? 1U : 2U};
    if (w == "pm" || (w == "p" && m_follows)) return {Meridiem::kPm, false, w == "pm" ? 1U : 2U};
    if (w == "oclock") return {Meridiem::kNone, true, 1};
    if (w == "o" && scan.free_is(i + 1, {"clock"})) return {Meridiem::kNone, true, 2};
    return {};
}

std::optional<NumberRead> read_hour(const Scan& scan, std::size_t i) noexcept {
    const auto hour = read_cardinal(scan, i);
    if (!hour || hour->value > 24 || (hour->digits && scan.text(i).size() > 2)) {
        return std::nullopt;
    }
    return hour;
}

// The minutes in "six thirty", "6 30", "six oh five"; 0 tokens when there are none.
std::optional<NumberRead> read_spoken_minutes(const Scan& scan, std::size_t i) noexcept {
    if (scan.free_is(i, {"oh", "o"}) && scan.free(i + 1)) {
        if (const auto digit = digit_word(scan.text(i + 1))) return NumberRead{*digit, 2, false};
        const auto value = parse_digits(scan.text(i + 1));
        if (value && *value <= 9) return NumberRead{*value, 2, true};
    }
    const auto minutes = read_cardinal(scan, i);
    if (!minutes || minutes->value < 10 || minutes->value > 59) return std::nullopt;
    if (minutes->digits && scan.text(i).size() != 2) return std::nullopt;
    return minutes;
}

ClockRead finish(ClockRead read, const Scan& scan, std::size_t at) noexcept {
    const auto suffix = read_suffix(scan, at);
    read.meridiem = suffix.meridiem;
    read.strong = read.strong || suffix.length > 0;
    read.length += suffix.length;
    if (read.hour >= 13 || read.hour == 0) read.twenty_four_hour = true;
    return read;
}

// "18:30", "6:30", "08:00", "6.30" (strong only with am/pm after it).
std::optional<ClockRead> read_numeric(const Scan& scan, std::size_t i) noexcept {
    if (scan.kind(i) != TokenKind::kNumber) return std::nullopt;
    const auto text = scan.text(i);
    const auto separator = text.find_first_of(":.");
    if (separator == std::string_view::npos || separator == 0 || separator > 2) {
        return std::nullopt;
    }
    const auto hour = parse_digits(text.substr(0, separator));
    const auto minute_text = text.substr(separator + 1);
    const auto minute = parse_digits(minute_text);
    if (!hour || !minute || minute_text.size() != 2 || *hour > 24 || *minute > 59) {
        return std::nullopt;
    }
    ClockRead read{*hour, *minute};
    read.length = 1;
    read.strong = text[separator] == ':';
    read.twenty_four_hour = text[separator] == ':' && text.front() == '0';
    return finish(read, scan, i + 1);
}

// "half past six", "quarter past 6", "quarter to seven", "ten past six", "half six".
std::optional<ClockRead> read_past_to(const Scan& scan, std::size_t i) noexcept {
    int minutes = 0;
    std::size_t lead = 0;
    if (scan.free_is(i, {"half", "quarter"})) {
        minutes = scan.text(i) == "half" ? 30 : 15;
        lead = 1;
    } else if (const auto n = read_cardinal(scan, i); n && n->value >= 1 && n->value <= 29) {
        minutes = n->value;
        lead = n->length + (scan.free_is(i + n->length, {"minutes", "mins"}) ? 1 : 0);
    }
    if (lead == 0) return std::nullopt;
    const bool past = scan.free_is(i + lead, {"past", "after"});
    const bool to = scan.free_is(i + lead, {"to", "till", "of"}) && scan.text(i) == "quarter";
    // British "half six" is 6:30; nothing else drops the "past".
    const bool bare_half = scan.text(i) == "half" && !past;
    if (!past && !to && !bare_half) return std::nullopt;
    const auto hour_at = i + lead + (bare_half ? 0 : 1);
    const auto hour = read_hour(scan, hour_at);
    if (!hour || hour->value < 1 || hour->value > 12) return std::nullopt;
    ClockRead read{to ? hour->value - 1 : hour->value, to ? 60 - minutes : minutes};
    if (read.hour == 0) read.hour = 12;
    read.strong = true;
    read.length = hour_at + hour->length - i;
    return finish(read, scan, hour_at + hour->length);
}

}  // namespace

std::optional<ClockRead> read_clock(const Scan& scan, std::size_t i) noexcept {
    if (!scan.free(i)) return std::nullopt;
    if (scan.free_is(i, {"noon", "midday"}))
        return ClockRead{12, 0, Meridiem::kNone, true, false, true, 1};
    if (scan.free_is(i, {"midnight"})) return ClockRead{0, 0, Meridiem::kNone, true, true, true, 1};
    if (auto read = read_past_to(scan, i)) return read;
    if (auto read = read_numeric(scan, i)) return read;
    const auto hour = read_hour(scan, i);
    if (!hour) return std::nullopt;
    ClockRead read{hour->value, 0};
    read.length = hour->length;
    if (const auto minutes = read_spoken_minutes(scan, i + hour->length)) {
        read.minute = minutes->value;
        read.length += minutes->length;
    }
    return finish(read, scan, i + read.length);
}

}  // namespace frontdesk::chat::detail
