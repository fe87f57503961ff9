#pragma once

#include <cstdint>
#include <string>

namespace frontdesk::booking {

/// An amount in the currency's minor unit (paise, cents). Money is never a double.
using Money = std::int64_t;

/// "₹280.00"-free plain rendering: "280.00" for 28000 with 2 decimals.
[[nodiscard]] std::string format_money(Money amount, int minor_digits);

}  // namespace frontdesk::booking
