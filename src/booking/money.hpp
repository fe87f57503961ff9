#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frontdesk::booking {

/// An amount in the currency's minor unit (paise, cents). Money is never a double.
using Money = std::int64_t;

/// "₹280.00"-free plain rendering: "280.00" for 28000 with 2 decimals.
[[nodiscard]] std::string format_money(Money amount, int minor_digits);

/// Parses a plain decimal amount in major units ("35", "35.5", "-2.50") into minor units, exactly.
/// nullopt for anything else: signs other than a leading '-', exponents, separators, more
/// decimals than `minor_digits`, or an amount too large to hold.
[[nodiscard]] std::optional<Money> parse_money(std::string_view text, int minor_digits);

/// Decimal places of an ISO 4217 currency's minor unit: 2 for most ("INR", "USD"), 0 for "JPY",
/// 3 for "KWD". nullopt when `code` is not three upper-case letters.
[[nodiscard]] std::optional<int> currency_minor_digits(std::string_view code);

}  // namespace frontdesk::booking
