// Load tool (not a pass/fail test): quote + confirm pairs through HTTP on loopback against the
// real server binary, at the store's real durability (WAL, synchronous=NORMAL: survives kill -9).
// Each client thread books its own courts, so every pair succeeds; reports throughput and the
// median / p99 latency of a pair.
//
//   frontdesk_http_load <frontdesk binary> <facility json> [clients=8] [seconds=5]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/percentile.hpp"
#include "support/server_process.hpp"
#include "support/utc_dates.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kCourts = 40;  // bench_arena.json
constexpr int kHoursPerDay = 24;

struct ClientResult {
    std::vector<double> pair_ms;
    int failures = 0;
};

ClientResult run_client(std::uint16_t port, int client, int clients, Clock::time_point until) {
    frontdesk::test::HttpClient http{"127.0.0.1", port};
    const std::vector<std::pair<std::string, std::string>> auth{{"X-API-Key", "bench"}};
    ClientResult result;
    // Client c owns courts c, c + clients, …; slot n walks hours, then courts, then days.
    const int own_courts = std::max(1, kCourts / clients);
    for (int n = 0; Clock::now() < until; ++n) {
        const int court = 1 + client + clients * ((n / kHoursPerDay) % own_courts);
        const int day = 1 + n / (kHoursPerDay * own_courts);
        char start[6];
        std::snprintf(start, sizeof start, "%02d:00", n % kHoursPerDay);
        const auto began = Clock::now();
        auto quote = http.post_json("/public/booking/quote",
                                    {{"date", frontdesk::test::utc_date_in_days(day)},
                                     {"start_time", start},
                                     {"resource_ids", {std::to_string(court)}},
                                     {"customer_name", "Load"},
                                     {"customer_phone", "+15550001111"}},
                                    auth);
        if (quote.status != 200) {
            ++result.failures;
            continue;
        }
        auto booked = http.post_json("/public/booking/confirm",
                                     {{"quote_id", quote.json()["quote_id"]}}, auth);
        if (booked.status != 200) {
            ++result.failures;
            continue;
        }
        result.pair_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - began).count());
    }
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <frontdesk binary> <facility json> [clients] [seconds]\n",
                     argv[0]);
        return 2;
    }
    const int clients = argc > 3 ? std::stoi(argv[3]) : 8;
    const int seconds = argc > 4 ? std::stoi(argv[4]) : 5;
    frontdesk::test::TempDir dir;
    frontdesk::test::ServerProcess server{argv[1],
                                          {{"FRONTDESK_DB", (dir.path() / "load.db").string()},
                                           {"FRONTDESK_FACILITIES", argv[2]},
                                           {"PUBLIC_BOOKING_API_KEY", "bench"},
                                           {"FRONTDESK_ASSETS", FRONTDESK_SOURCE_DIR "/assets"},
                                           {"LOG_LEVEL", "info"}}};

    const auto until = Clock::now() + std::chrono::seconds{seconds};
    std::vector<ClientResult> results(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    const auto began = Clock::now();
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            results[static_cast<std::size_t>(c)] = run_client(server.port(), c, clients, until);
        });
    }
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - began).count();

    std::vector<double> all;
    int failures = 0;
    for (auto& r : results) {
        all.insert(all.end(), r.pair_ms.begin(), r.pair_ms.end());
        failures += r.failures;
    }
    const auto pairs = all.size();
    std::printf(
        "clients=%d seconds=%.1f pairs=%zu failures=%d pairs_per_second=%.0f "
        "p50_ms=%.2f p99_ms=%.2f\n",
        clients, elapsed, pairs, failures, static_cast<double>(pairs) / elapsed,
        frontdesk::test::percentile(all, 0.5), frontdesk::test::percentile(all, 0.99));
    return failures == 0 ? 0 : 1;
}
