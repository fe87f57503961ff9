#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace frontdesk {

/// A calendar date in some facility's zone (no instant attached).
using LocalDate = std::chrono::year_month_day;

/// Minutes since local midnight, 0..1440 (1440 is allowed as an end bound: "24:00").
using TimeOfDay = std::chrono::minutes;

/// Strict "YYYY-MM-DD"; nullopt for anything else or an impossible date (2026-02-30).
[[nodiscard]] std::optional<LocalDate> parse_date(std::string_view text);

/// Strict "HH:MM" 24-hour, 00:00..24:00; nullopt otherwise.
[[nodiscard]] std::optional<TimeOfDay> parse_time_of_day(std::string_view text);

[[nodiscard]] std::string format_date(LocalDate date);         // "2026-11-21"
[[nodiscard]] std::string format_time_of_day(TimeOfDay time);  // "18:30"

/// 0 = Sunday … 6 = Saturday.
[[nodiscard]] unsigned weekday_index(LocalDate date);

[[nodiscard]] LocalDate add_days(LocalDate date, int days);
[[nodiscard]] int days_between(LocalDate from, LocalDate to);

}  // namespace frontdesk
