// Durations, resource counts and party sizes.
#include "chat/extractors.hpp"
#include "chat/number_words.hpp"

namespace frontdesk::chat::detail {
namespace {

constexpr int kMinutesPerHour = 60;
constexpr int kHalfHour = 30;
constexpr int kMaxDurationMinutes = 24 * kMinutesPerHour;
constexpr int kMaxCount = 50;  // "book 100 courts" is not a count we can act on

struct Read {
    int value = 0;
    std::size_t length = 0;
};

bool is_hour_unit(std::string_view w) noexcept {
    return is_one_of(w, {"hour", "hours", "hr", "hrs", "h"});
}
bool is_minute_unit(std::string_view w) noexcept {
    return is_one_of(w, {"minute", "minutes", "min", "mins"});
}

// How many hours, in hundredths: "2", "two", "1.5", "a", "an" (1), "a couple of" (2). Nothing
// above a day, so the arithmetic below cannot overflow.
std::optional<Read> read_hour_count(const Scan& scan, std::size_t i) noexcept {
    constexpr int kMaxHundredths = 2400;
    std::optional<Read> read;
    if (scan.kind(i) == TokenKind::kNumber && scan.free(i)) {
        if (const auto hundredths = parse_hundredths(scan.text(i))) read = Read{*hundredths, 1};
    } else if (const auto number = read_cardinal(scan, i)) {
        if (number->value <= kMaxHundredths / 100) read = Read{number->value * 100, number->length};
    } else if (const auto n = scan.match(i, "a couple of"); n > 0) {
        read = Read{200, n};
    } else if (const auto m = scan.match(i, "couple of"); m > 0) {
        read = Read{200, m};
    } else if (scan.free_is(i, {"a", "an", "couple"})) {
        read = Read{scan.text(i) == "couple" ? 200 : 100, 1};
    }
    if (!read || read->value > kMaxHundredths) return std::nullopt;
    return read;
}

// "and a half" / "and half" after an hour count.
std::size_t and_a_half(const Scan& scan, std::size_t i) noexcept {
    if (const auto n = scan.match(i, "and a half"); n > 0) return n;
    return scan.match(i, "and half");
}

// "2 hours", "1.5 hrs", "an hour and a half", "two and a half hours", "1 hour 30 minutes", "1h30".
std::optional<Read> read_hours(const Scan& scan, std::size_t i) noexcept {
    const auto count = read_hour_count(scan, i);
    if (!count || scan.text(Scan::before(i)) == "per") return std::nullopt;
    std::size_t k = i + count->length;
    int minutes = count->value * kMinutesPerHour / 100;
    if (const auto half = and_a_half(scan, k); half > 0 && is_hour_unit(scan.text(k + half))) {
        minutes += kHalfHour;
        k += half;
    }
    if (!scan.free(k) || !is_hour_unit(scan.text(k))) return std::nullopt;
    const bool short_unit = scan.text(k) == "h";
    ++k;
    if (const auto half = and_a_half(scan, k); half > 0) {
        return Read{minutes + kHalfHour, k + half - i};
    }
    const auto and_length = scan.free_is(k, {"and"}) ? std::size_t{1} : std::size_t{0};
    if (const auto extra = read_cardinal(scan, k + and_length); extra && extra->value < 60) {
        const auto after = k + and_length + extra->length;
        if (is_minute_unit(scan.text(after))) return Read{minutes + extra->value, after + 1 - i};
        if (short_unit && and_length == 0) return Read{minutes + extra->value, after - i};
    }
    return Read{minutes, k - i};
}

// "90 minutes", "half an hour", "half hour", "a half hour".
std::optional<Read> read_minutes(const Scan& scan, std::size_t i) noexcept {
    for (const auto phrase : {"half an hour", "a half hour", "half hour", "half a hour"}) {
        if (const auto n = scan.match(i, phrase); n > 0) return Read{kHalfHour, n};
    }
    const auto number = read_cardinal(scan, i);
    if (!number || !is_minute_unit(scan.text(i + number->length))) return std::nullopt;
    return Read{number->value, number->length + 1};
}

}  // namespace

void extract_durations(Scan& scan, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size() && !out.duration_minutes; ++i) {
        auto read = read_minutes(scan, i);
        if (!read) read = read_hours(scan, i);
        if (!read || read->value <= 0 || read->value > kMaxDurationMinutes) continue;
        out.duration_minutes = read->value;
        scan.claim(i, read->length, Claim::kQuantity);
    }
}

namespace {

// "2 courts", "a court", "another court", "a couple of courts", "both courts".
std::optional<Read> read_count(const Scan& scan, std::size_t i, std::string_view kind) noexcept {
    if (const auto number = read_cardinal(scan, i)) {
        if (!is_kind_word(scan.text(i + number->length), kind)) return std::nullopt;
        return Read{number->value, number->length + 1};
    }
    for (const auto phrase : {"a couple of", "couple of", "both the", "both"}) {
        const auto n = scan.match(i, phrase);
        if (n > 0 && is_kind_word(scan.text(i + n), kind)) return Read{2, n + 1};
    }
    if (scan.free_is(i, {"a", "an", "another"}) && is_kind_word(scan.text(i + 1), kind)) {
        return Read{1, 2};
    }
    return std::nullopt;
}

// "all courts", "all the courts", "all of the courts", "every court".
std::size_t read_all(const Scan& scan, std::size_t i, std::string_view kind) noexcept {
    for (const auto phrase : {"all of the", "all the", "all", "every"}) {
        const auto n = scan.match(i, phrase);
        if (n > 0 && is_kind_word(scan.text(i + n), kind)) return n + 1;
    }
    return 0;
}

void extract_count(Scan& scan, std::string_view kind, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size(); ++i) {
        if (const auto all = read_all(scan, i, kind); all > 0) {
            out.all_resources = true;
            scan.claim(i, all, Claim::kQuantity);
            continue;
        }
        const auto read = read_count(scan, i, kind);
        if (!read || out.resource_count) continue;
        if (read->value >= 1 && read->value <= kMaxCount) out.resource_count = read->value;
        scan.claim(i, read->length, Claim::kQuantity);
    }
}

// "4 people", "six players", "3 of us", "we are 4", "both of us".
void extract_party(Scan& scan, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size() && !out.party_size; ++i) {
        if (const auto n = scan.match(i, "both of us"); n > 0) {
            out.party_size = 2;
            scan.claim(i, n, Claim::kQuantity);
            continue;
        }
        // "we're" reads as "were" once the apostrophe is gone.
        const auto we = scan.match(i, "we are") > 0 ? std::size_t{2}
                        : scan.free_is(i, {"were"}) ? std::size_t{1}
                                                    : std::size_t{0};
        const auto number = read_cardinal(scan, i + we);
        if (!number || number->value < 1 || number->value > kMaxCount) continue;
        const auto after = i + we + number->length;
        std::size_t unit = 0;
        if (scan.free_is(after, {"people", "persons", "person", "players", "player", "pax",
                                 "adults", "guys"})) {
            unit = 1;
        } else if (scan.match(after, "of us") > 0) {
            unit = 2;
        }
        if (we == 0 && unit == 0) continue;
        out.party_size = number->value;
        scan.claim(i, we + number->length + unit, Claim::kQuantity);
    }
}

}  // namespace

void extract_quantities(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept {
    extract_count(scan, context.resource_kind, out);
    extract_party(scan, out);
}

}  // namespace frontdesk::chat::detail
