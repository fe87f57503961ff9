#pragma once

#include <optional>

#include "core/local_time.hpp"

// Calendar rules for the dates people say, relative to the facility's "today". Pure.
namespace frontdesk::chat::detail {

/// The first date on or after `today` with weekday `weekday` (0 = Sunday): today counts.
[[nodiscard]] LocalDate coming_weekday(LocalDate today, unsigned weekday) noexcept;

/// That weekday in the week after this one (weeks run Monday to Sunday): "next Friday".
[[nodiscard]] LocalDate next_week_weekday(LocalDate today, unsigned weekday) noexcept;

/// The last date strictly before `today` with that weekday: "last Friday".
[[nodiscard]] LocalDate previous_weekday(LocalDate today, unsigned weekday) noexcept;

/// The first date on or after `today` whose day of the month is `day`, skipping months without
/// it ("the 31st" in November is 31 December); nullopt when `day` is not 1..31.
[[nodiscard]] std::optional<LocalDate> next_day_of_month(LocalDate today, unsigned day) noexcept;

/// Day and month with no year: this year unless that day and month have passed, then next year.
/// nullopt when the date does not exist in that year ("31 November", "29 February" of 2027).
[[nodiscard]] std::optional<LocalDate> next_day_and_month(LocalDate today, unsigned day,
                                                          unsigned month) noexcept;

/// An explicit date; nullopt when it does not exist.
[[nodiscard]] std::optional<LocalDate> exact_date(int year, unsigned month, unsigned day) noexcept;

}  // namespace frontdesk::chat::detail
