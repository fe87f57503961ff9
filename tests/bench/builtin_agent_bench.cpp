// Turn latency of the built-in agent: interpret + tool calls (real booking service, in-memory
// SQLite) + reply. Budget: p99 < 5 ms per turn, so a /chat request or a /realtime debug message
// is answered well inside a human pause and the worker pool is never the bottleneck.
// Each iteration is timed by hand (UseManualTime) and the p50/p99 of the run are reported as
// counters (microseconds), with p90 to tell a slow path from scheduler preemption on a loaded
// machine.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "chat/builtin_agent.hpp"
#include "core/logging.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::chat {
namespace {

constexpr const char* kFacility = "pickle_x_mysore";
// Rebuild the store before the facility fills up (4 courts × 17 starts a day × 55 days).
constexpr int kBookingsPerStore = 2000;
constexpr int kDays = 55;
constexpr int kFirstHour = 6;
constexpr int kHours = 17;
constexpr int kCourts = 4;

/// Warnings only: a line per booking on a synchronous stderr sink would be measured too.
bool quiet_logs() {
    setup_logging(spdlog::level::warn, LogFormat::kText);
    return true;
}

/// The whole stack one agent needs, rebuilt when a benchmark has filled the calendar.
struct Stack {
    bool quiet = [] {
        static const bool once = quiet_logs();
        return once;
    }();
    booking::FacilityDirectory facilities = booking::load_facilities(FRONTDESK_FACILITIES_DIR);
    booking::SqliteStore store{":memory:"};
    ManualClock clock{*parse_rfc3339("2026-11-21T04:45:00Z")};  // Sat 10:15 in Mysore
    booking::BookingService bookings{facilities, store, clock};
    tools::ToolRegistry tools{bookings};

    [[nodiscard]] BuiltinAgent agent() const {
        return BuiltinAgent{tools, tools::ToolContext{kFacility, "+919800000001", "chat"},
                            facilities.get(kFacility), clock};
    }
};

using Micros = std::chrono::duration<double, std::micro>;

/// Times one turn and records it.
void timed_turn(benchmark::State& state, BuiltinAgent& agent, std::string_view text,
                std::vector<double>& samples) {
    const auto start = std::chrono::steady_clock::now();
    auto reply = agent.respond(text);
    const auto took = std::chrono::steady_clock::now() - start;
    benchmark::DoNotOptimize(reply);
    samples.push_back(Micros{took}.count());
    state.SetIterationTime(std::chrono::duration<double>{took}.count());
}

void report(benchmark::State& state, std::vector<double>& samples) {
    if (samples.empty()) return;
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        return samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1))];
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p90_us"] = at(0.90);
    state.counters["p99_us"] = at(0.99);
}

// A different free slot for each booking: date, hour and court cycle through the calendar. Hours
// are written "06:00" … "22:00" so none is read with an assumed am/pm.
std::string booking_request(int n) {
    const int slot = n / kCourts;
    const int day = 1 + (slot / kHours) % kDays;
    const int hour = kFirstHour + slot % kHours;
    return "book a court on " + format_date(add_days(LocalDate{std::chrono::year{2026} / 11 / 21},
                                                     day)) +
           " at " + (hour < 10 ? "0" : "") + std::to_string(hour) + ":00, my name is Asha";
}

// A question answered from get_facility_info: one tool call.
void BM_TurnPriceQuestion(benchmark::State& state) {
    const Stack stack;
    auto agent = stack.agent();
    std::vector<double> samples;
    for (auto _ : state) timed_turn(state, agent, "how much is it on weekends?", samples);
    report(state, samples);
}
BENCHMARK(BM_TurnPriceQuestion)->UseManualTime()->Unit(benchmark::kMicrosecond);

// "any court free tomorrow evening?": a day listing plus probes for the evening starts.
void BM_TurnAvailabilityWindow(benchmark::State& state) {
    const Stack stack;
    std::vector<double> samples;
    for (auto _ : state) {
        auto agent = stack.agent();
        timed_turn(state, agent, "any court free tomorrow evening?", samples);
    }
    report(state, samples);
}
BENCHMARK(BM_TurnAvailabilityWindow)->UseManualTime()->Unit(benchmark::kMicrosecond);

// The quoting turn: check_availability + create_quote (writes the held quote).
void BM_TurnQuote(benchmark::State& state) {
    auto stack = std::make_unique<Stack>();
    std::vector<double> samples;
    int n = 0;
    for (auto _ : state) {
        if (n == kBookingsPerStore) {
            stack = std::make_unique<Stack>();
            n = 0;
        }
        auto agent = stack->agent();
        timed_turn(state, agent, booking_request(n++), samples);
    }
    report(state, samples);
}
BENCHMARK(BM_TurnQuote)->UseManualTime()->Unit(benchmark::kMicrosecond);

// The booking turn: "yes" → confirm_booking (the atomic check-and-write), after an untimed quote.
void BM_TurnConfirm(benchmark::State& state) {
    auto stack = std::make_unique<Stack>();
    std::vector<double> samples;
    int n = 0;
    for (auto _ : state) {
        if (n == kBookingsPerStore) {
            stack = std::make_unique<Stack>();
            n = 0;
        }
        auto agent = stack->agent();
        benchmark::DoNotOptimize(agent.respond(booking_request(n++)));
        timed_turn(state, agent, "yes", samples);
    }
    report(state, samples);
}
BENCHMARK(BM_TurnConfirm)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace frontdesk::chat
