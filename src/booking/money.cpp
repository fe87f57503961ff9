#include "booking/money.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace frontdesk::booking {
namespace {

// Amounts above this many major-unit digits are config typos, and stay far from int64 overflow.
constexpr std::size_t kMaxIntegerDigits = 12;

// ISO 4217 currencies whose minor unit is not 1/100; every other code has two decimals.
struct CurrencyDigits {
    std::string_view code;
    int digits;
};
constexpr std::array kNonDecimalCurrencies{
    CurrencyDigits{"BHD", 3}, CurrencyDigits{"CLP", 0}, CurrencyDigits{"IQD", 3},
    CurrencyDigits{"ISK", 0}, CurrencyDigits{"JOD", 3}, CurrencyDigits{"JPY", 0},
    CurrencyDigits{"KRW", 0}, CurrencyDigits{"KWD", 3}, CurrencyDigits{"LYD", 3},
    CurrencyDigits{"OMR", 3}, CurrencyDigits{"PYG", 0}, CurrencyDigits{"TND", 3},
    CurrencyDigits{"UGX", 0}, CurrencyDigits{"VND", 0}, CurrencyDigits{"XAF", 0},
    CurrencyDigits{"XOF", 0},
};

Money power_of_ten(int exponent) {
    Money result = 1;
    for (int i = 0; i < exponent; ++i) result *= 10;
    return result;
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Money digits_value(std::string_view text) {
    Money value = 0;
    for (char c : text) value = value * 10 + (c - '0');
    return value;
}

}  // namespace

std::string format_money(Money amount, int minor_digits) {
    const bool negative = amount < 0;
    // Work on the magnitude as unsigned so the most negative amount cannot overflow.
    const auto magnitude =
        negative ? 0U - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
    const auto scale = static_cast<std::uint64_t>(power_of_ten(minor_digits));
    std::string text = std::to_string(magnitude / scale);
    if (minor_digits > 0) {
        std::string fraction = std::to_string(magnitude % scale);
        fraction.insert(0, static_cast<std::size_t>(minor_digits) - fraction.size(), '0');
        text += '.' + fraction;
    }
    return negative ? '-' + text : text;
}

std::optional<Money> parse_money(std::string_view text, int minor_digits) {
    const bool negative = !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (!all_digits(whole) || whole.size() > kMaxIntegerDigits) return std::nullopt;
    if (dot != std::string_view::npos && !all_digits(fraction)) return std::nullopt;
    // "35.50" is fine for two decimals, and so is "35.500": trailing zeros carry no value.
    const auto significant = fraction.find_last_not_of('0');
    const std::string_view kept = significant == std::string_view::npos
                                      ? std::string_view{}
                                      : fraction.substr(0, significant + 1);
    if (kept.size() > static_cast<std::size_t>(minor_digits)) return std::nullopt;
    const auto padding = minor_digits - static_cast<int>(kept.size());
    const Money minor = digits_value(whole) * power_of_ten(minor_digits) +
                        digits_value(kept) * power_of_ten(padding);
    return negative ? -minor : minor;
}

std::optional<int> currency_minor_digits(std::string_view code) {
    if (code.size() != 3 ||
        !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return std::nullopt;
    }
    const auto* found = std::find_if(kNonDecimalCurrencies.begin(), kNonDecimalCurrencies.end(),
                                     [code](const CurrencyDigits& c) { return c.code == code; });
    return found == kNonDecimalCurrencies.end() ? 2 : found->digits;
}

}  // namespace frontdesk::booking
