#include "chat/date_math.hpp"

namespace frontdesk::chat::detail {
namespace {

constexpr int kDaysPerWeek = 7;
constexpr int kMonthsToSearch = 13;  // every day 1..31 occurs within a year and a month

int as_int(unsigned value) noexcept { return static_cast<int>(value); }

// 0 = Monday … 6 = Sunday: weeks start on Monday for "next Friday".
int days_since_monday(unsigned weekday) noexcept {
    return (as_int(weekday) + kDaysPerWeek - 1) % kDaysPerWeek;
}

}  // namespace

LocalDate coming_weekday(LocalDate today, unsigned weekday) noexcept {
    const int delta =
        (as_int(weekday) - as_int(weekday_index(today)) + kDaysPerWeek) % kDaysPerWeek;
    return add_days(today, delta);
}

LocalDate next_week_weekday(LocalDate today, unsigned weekday) noexcept {
    const auto this_monday = add_days(today, -days_since_monday(weekday_index(today)));
    return add_days(this_monday, kDaysPerWeek + days_since_monday(weekday));
}

LocalDate previous_weekday(LocalDate today, unsigned weekday) noexcept {
    const int delta =
        (as_int(weekday_index(today)) - as_int(weekday) + kDaysPerWeek) % kDaysPerWeek;
    return add_days(today, delta == 0 ? -kDaysPerWeek : -delta);
}

std::optional<LocalDate> next_day_of_month(LocalDate today, unsigned day) noexcept {
    if (day < 1 || day > 31) return std::nullopt;
    const std::chrono::year_month first{today.year(), today.month()};
    for (int k = 0; k < kMonthsToSearch; ++k) {
        const auto month = first + std::chrono::months{k};
        const LocalDate candidate{month.year(), month.month(), std::chrono::day{day}};
        if (candidate.ok() && candidate >= today) return candidate;
    }
    return std::nullopt;
}

std::optional<LocalDate> next_day_and_month(LocalDate today, unsigned day,
                                            unsigned month) noexcept {
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    auto year = today.year();
    const auto today_month = static_cast<unsigned>(today.month());
    const auto today_day = static_cast<unsigned>(today.day());
    if (month < today_month || (month == today_month && day < today_day)) ++year;
    const LocalDate date{year, std::chrono::month{month}, std::chrono::day{day}};
    return date.ok() ? std::optional{date} : std::nullopt;
}

std::optional<LocalDate> exact_date(int year, unsigned month, unsigned day) noexcept {
    constexpr int kMaxYear = 9999;
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || year > kMaxYear) {
        return std::nullopt;
    }
    const LocalDate date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    return date.ok() ? std::optional{date} : std::nullopt;
}

}  // namespace frontdesk::chat::detail
