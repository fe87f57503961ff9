#include "core/local_time.hpp"

#include <charconv>
#include <cstdio>

namespace frontdesk {
namespace {

std::optional<int> parse_digits(std::string_view text) {
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return text.empty() ? std::nullopt : std::optional<int>{value};
}

}  // namespace

std::optional<LocalDate> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = parse_digits(text.substr(0, 4));
    auto m = parse_digits(text.substr(5, 2));
    auto d = parse_digits(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    LocalDate date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                   std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<TimeOfDay> parse_time_of_day(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto h = parse_digits(text.substr(0, 2));
    auto m = parse_digits(text.substr(3, 2));
    if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
    return TimeOfDay{*h * 60 + *m};
}

std::string format_date(LocalDate date) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return out;
}

std::string format_time_of_day(TimeOfDay time) {
    char out[8];
    const auto minutes = time.count();
    std::snprintf(out, sizeof out, "%02d:%02d", static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return out;
}

unsigned weekday_index(LocalDate date) {
    return std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding();
}

LocalDate add_days(LocalDate date, int days) {
    return LocalDate{std::chrono::sys_days{date} + std::chrono::days{days}};
}

int days_between(LocalDate from, LocalDate to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

}  // namespace frontdesk
