#include "booking/spoken.hpp"

#include <array>

namespace frontdesk::booking {
namespace {

constexpr int kMinutesPerHour = 60;
constexpr int kNoon = 12 * kMinutesPerHour;
constexpr int kMinutesPerDay = 24 * kMinutesPerHour;

constexpr std::array<std::string_view, 7> kWeekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonths{"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};

}  // namespace

std::string spoken_time(TimeOfDay time) {
    const auto minutes = static_cast<int>(time.count());
    if (minutes % kMinutesPerDay == 0) return "midnight";
    if (minutes == kNoon) return "noon";
    const int hour24 = (minutes / kMinutesPerHour) % 24;
    const int minute = minutes % kMinutesPerHour;
    const int hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12;
    std::string out = std::to_string(hour12);
    if (minute != 0) out += (minute < 10 ? ":0" : ":") + std::to_string(minute);
    return out + (hour24 < 12 ? " am" : " pm");
}

std::string spoken_date(LocalDate date) {
    return std::string{weekday_name(weekday_index(date))} + " " +
           std::to_string(static_cast<unsigned>(date.day())) + " " +
           std::string{kMonths[static_cast<unsigned>(date.month()) - 1]};
}

std::string_view weekday_name(unsigned weekday_index) { return kWeekdays[weekday_index % 7]; }

std::string spoken_duration(int minutes) {
    if (minutes % kMinutesPerHour != 0) return std::to_string(minutes) + " minutes";
    const int hours = minutes / kMinutesPerHour;
    return std::to_string(hours) + (hours == 1 ? " hour" : " hours");
}

std::string spoken_length(int minutes) {
    return minutes % kMinutesPerHour == 0 ? std::to_string(minutes / kMinutesPerHour) + "-hour"
                                          : std::to_string(minutes) + "-minute";
}

std::string spoken_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

std::string spoken_hours(const std::vector<DayInterval>& spans) {
    std::vector<std::string> parts;
    for (const auto& span : spans) {
        parts.push_back("from " + spoken_time(span.start) + " to " + spoken_time(span.end));
    }
    return spoken_list(parts);
}

std::string plural(std::string_view noun) {
    if (noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch")) {
        return std::string{noun} + "es";
    }
    return std::string{noun} + "s";
}

}  // namespace frontdesk::booking
