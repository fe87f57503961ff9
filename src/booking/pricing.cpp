#include "booking/pricing.hpp"

#include <array>

#include "booking/spoken.hpp"

namespace frontdesk::booking {
namespace {

constexpr std::int64_t kMinutesPerHour = 60;
constexpr std::array<std::string_view, 12> kShortMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Sat 22 Nov 18:00–20:00", in the facility's local time.
std::string when(const Facility& facility, Instant start, Instant end) {
    const auto from = facility.time_zone.to_local(start);
    const auto to = facility.time_zone.to_local(end);
    return std::string{weekday_name(weekday_index(from.date)).substr(0, 3)} + " " +
           std::to_string(static_cast<unsigned>(from.date.day())) + " " +
           std::string{kShortMonths[static_cast<unsigned>(from.date.month()) - 1]} + " " +
           format_time_of_day(from.time) + "–" + format_time_of_day(to.time);
}

// "2 h", "1 h 30 min", "45 min".
std::string hours_text(std::int64_t minutes) {
    const auto hours = minutes / kMinutesPerHour;
    const auto rest = minutes % kMinutesPerHour;
    if (hours == 0) return std::to_string(rest) + " min";
    return std::to_string(hours) + " h" + (rest == 0 ? "" : " " + std::to_string(rest) + " min");
}

std::string resource_name(const Facility& facility, const std::string& id) {
    const auto* resource = facility.find_resource(id);
    return resource != nullptr ? resource->name : id;
}

// rate × minutes / 60, rounded half up to the minor unit (rates and durations are never negative).
Money hourly_amount(Money rate_per_hour, std::int64_t minutes) {
    return (rate_per_hour * minutes + kMinutesPerHour / 2) / kMinutesPerHour;
}

}  // namespace

Price price_slot(const Facility& facility, const Service* service, Instant start, Instant end,
                 std::span<const std::string> resource_ids) {
    Price price{0, facility.currency, {}};
    const auto span = when(facility, start, end);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(end - start).count();
    const auto weekday = weekday_index(facility.time_zone.to_local(start).date);
    const Money rate = facility.pricing.weekend_days.contains(weekday)
                           ? facility.pricing.weekend_per_hour
                           : facility.pricing.weekday_per_hour;
    // Not yet assigned to resources (an estimate): price one unit without a name.
    static const std::string kUnassigned;
    const std::span<const std::string> units =
        resource_ids.empty() ? std::span<const std::string>{&kUnassigned, 1} : resource_ids;
    for (const auto& id : units) {
        PriceLine line{"", id, 0};
        if (service != nullptr) {
            line.amount = service->price;
            line.description = service->name +
                               (id.empty() ? "" : " with " + resource_name(facility, id)) + ", " +
                               span;
        } else {
            line.amount = hourly_amount(rate, minutes);
            line.description = (id.empty() ? facility.resource_kind : resource_name(facility, id)) +
                               ", " + span + ", " + hours_text(minutes) + " × " +
                               format_money(rate, facility.currency_minor_digits);
        }
        price.total += line.amount;
        price.lines.push_back(std::move(line));
    }
    return price;
}

}  // namespace frontdesk::booking
