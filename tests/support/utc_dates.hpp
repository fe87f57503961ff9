#pragma once
// Dates for load tools that book "a few days ahead" without caring about a facility's zone.

#include <chrono>
#include <cstdio>
#include <string>

namespace frontdesk::test {

/// The UTC calendar date `days` from today, "YYYY-MM-DD".
inline std::string utc_date_in_days(int days) {
    const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                     std::chrono::days{days};
    const std::chrono::year_month_day ymd{day};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return out;
}

}  // namespace frontdesk::test
