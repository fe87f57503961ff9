#include "chat/number_words.hpp"

#include <array>

namespace frontdesk::chat {
namespace {

constexpr std::array<std::string_view, 20> kUnits = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 10> kTens = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 20> kOrdinalUnits = {
    "",           "first",     "second",    "third",       "fourth",     "fifth",     "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",   "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
constexpr std::array<std::string_view, 10> kOrdinalTens = {
    "", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "", "", "", ""};

template <std::size_t N>
std::optional<int> index_in(const std::array<std::string_view, N>& words, std::string_view word) {
    if (word.empty()) return std::nullopt;
    for (std::size_t k = 0; k < N; ++k) {
        if (words[k] == word) return static_cast<int>(k);
    }
    return std::nullopt;
}

bool is_ordinal_suffix(std::string_view word) noexcept {
    return is_one_of(word, {"st", "nd", "rd", "th"});
}

// "twenty" then an optional unit word ("twenty two"); `unit_words` picks cardinal or ordinal.
template <std::size_t N>
std::optional<NumberRead> read_tens(const Scan& scan, std::size_t i,
                                    const std::array<std::string_view, N>& unit_words) {
    const auto tens = index_in(kTens, scan.text(i));
    if (!tens || !scan.free(i)) return std::nullopt;
    if (const auto unit = index_in(unit_words, scan.text(i + 1));
        unit && *unit >= 1 && *unit <= 9 && scan.free(i + 1)) {
        return NumberRead{*tens * 10 + *unit, 2, false};
    }
    return NumberRead{*tens * 10, 1, false};
}

}  // namespace

std::optional<int> parse_digits(std::string_view text) noexcept {
    if (text.empty() || text.size() > 9) return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<NumberRead> read_cardinal(const Scan& scan, std::size_t i) noexcept {
    if (!scan.free(i)) return std::nullopt;
    if (scan.kind(i) == TokenKind::kNumber) {
        const auto value = parse_digits(scan.text(i));
        if (!value || is_ordinal_suffix(scan.text(i + 1))) return std::nullopt;
        return NumberRead{*value, 1, true};
    }
    if (const auto unit = index_in(kUnits, scan.text(i))) return NumberRead{*unit, 1, false};
    return read_tens(scan, i, kUnits);
}

std::optional<NumberRead> read_ordinal(const Scan& scan, std::size_t i) noexcept {
    if (!scan.free(i)) return std::nullopt;
    if (scan.kind(i) == TokenKind::kNumber) {
        const auto value = parse_digits(scan.text(i));
        if (!value || !is_ordinal_suffix(scan.text(i + 1)) || !scan.free(i + 1)) {
            return std::nullopt;
        }
        return NumberRead{*value, 2, true};
    }
    if (const auto unit = index_in(kOrdinalUnits, scan.text(i))) {
        return NumberRead{*unit, 1, false};
    }
    if (const auto tens = index_in(kOrdinalTens, scan.text(i))) {
        return NumberRead{*tens * 10, 1, false};
    }
    const auto compound = read_tens(scan, i, kOrdinalUnits);
    if (compound && compound->length == 2) return compound;
    return std::nullopt;
}

std::optional<int> digit_word(std::string_view word) noexcept {
    if (word == "oh" || word == "o") return 0;
    const auto unit = index_in(kUnits, word);
    if (unit && *unit <= 9) return unit;
    return std::nullopt;
}

std::optional<int> parse_hundredths(std::string_view text) noexcept {
    const auto dot = text.find('.');
    const auto whole = parse_digits(text.substr(0, dot));
    if (!whole || *whole > 100000) return std::nullopt;
    if (dot == std::string_view::npos) return *whole * 100;
    const auto fraction_text = text.substr(dot + 1);
    const auto fraction = parse_digits(fraction_text);
    if (!fraction || fraction_text.size() > 2) return std::nullopt;
    return *whole * 100 + (fraction_text.size() == 1 ? *fraction * 10 : *fraction);
}

}  // namespace frontdesk::chat
