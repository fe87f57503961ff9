// Availability for one facility-day. Budget: < 50 µs with 100 existing bookings (issue 2, §6),
// so an agent can list a day or search alternatives while the caller waits.
#include <string_view>

#include <benchmark/benchmark.h>

#include "booking/availability.hpp"
#include "booking/facility_directory.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::booking {
namespace {

// A busy 24-hour club: 8 courts, 30-minute starts, a buffer and a lunch break to honour.
constexpr std::string_view kFacilityJson = R"({
  "facility_id": "bench_club", "facility_name": "Bench Club", "phone_number": "+13125550123",
  "timezone": "America/Chicago", "currency": "USD", "number_of_courts": 8,
  "open_time": "00:00", "close_time": "24:00",
  "breaks": [{"start": "12:00", "end": "12:30"}],
  "booking_rules": {"minimum_duration": 60, "duration_multiples": 30, "slot_granularity": 30,
                    "buffer_minutes": 10},
  "pricing": {"weekday_per_hour": 30}
})";

constexpr int kBookings = 100;
constexpr int kCourts = 8;
const LocalDate kDay{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{16}};

// 100 one-hour bookings spread over the day's courts, in no particular order.
std::vector<Occupancy> bookings(const Facility& facility) {
    std::vector<Occupancy> out;
    for (int i = 0; i < kBookings; ++i) {
        const int court = (i * 5) % kCourts + 1;
        const TimeOfDay start{((i * 7) % 46) * 30};
        const auto at = *facility.time_zone.to_instant(kDay, start);
        out.push_back({std::to_string(court), at, at + std::chrono::minutes{60}});
    }
    return out;
}

void BM_DayAvailability100Bookings(benchmark::State& state) {
    const auto facility = parse_facilities(kFacilityJson, "bench.json").at(0);
    const auto occupied = bookings(facility);
    const SlotRequest request{kDay, std::nullopt, 60, std::nullopt, {}, 1};
    const auto now = *parse_rfc3339("2026-11-15T00:00:00Z");
    for (auto _ : state) {
        auto day = compute_day_availability(facility, request, occupied, now);
        benchmark::DoNotOptimize(day);
    }
}
BENCHMARK(BM_DayAvailability100Bookings)->Unit(benchmark::kMicrosecond);

void BM_NearestAlternatives(benchmark::State& state) {
    const auto facility = parse_facilities(kFacilityJson, "bench.json").at(0);
    const auto occupied = bookings(facility);
    const SlotRequest request{kDay, TimeOfDay{18 * 60}, 60, std::nullopt, {}, 4};
    const auto now = *parse_rfc3339("2026-11-15T00:00:00Z");
    for (auto _ : state) {
        auto options = nearest_alternatives(facility, request, occupied, now, 3);
        benchmark::DoNotOptimize(options);
    }
}
BENCHMARK(BM_NearestAlternatives)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace frontdesk::booking
