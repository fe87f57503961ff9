#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "booking/facility.hpp"
#include "core/local_time.hpp"

// Phrases for sentences an agent reads aloud ("We close at 11 pm."). Pure; any thread.
namespace frontdesk::booking {

/// "9 pm", "9:30 am", "noon", "midnight".
[[nodiscard]] std::string spoken_time(TimeOfDay time);
/// "Sunday 8 March".
[[nodiscard]] std::string spoken_date(LocalDate date);
/// "Sunday" for weekday_index 0.
[[nodiscard]] std::string_view weekday_name(unsigned weekday_index);
/// "1 hour", "2 hours", "90 minutes", "30 minutes".
[[nodiscard]] std::string spoken_duration(int minutes);
/// Adjective form: "2-hour", "90-minute".
[[nodiscard]] std::string spoken_length(int minutes);
/// "a", "a and b", "a, b and c".
[[nodiscard]] std::string spoken_list(const std::vector<std::string>& items);
/// "from 6 am to 11 pm", "from 9 am to noon and from 1 pm to 5 pm".
[[nodiscard]] std::string spoken_hours(const std::vector<DayInterval>& spans);
/// "courts" for "court": the plural a facility's resources are called by.
[[nodiscard]] std::string plural(std::string_view noun);

}  // namespace frontdesk::booking
