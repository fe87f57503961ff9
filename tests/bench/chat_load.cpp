// Load tool (not a pass/fail test): POST /chat turns over loopback HTTP against the real server
// binary with the built-in agent (OPENAI_API_KEY removed). Each client holds one session and
// cycles through questions that exercise the tools (availability, prices, hours); every turn
// also writes its transcript. Reports turns per second and the median / p99 latency of a turn.
//
//   frontdesk_chat_load <frontdesk binary> <facilities> <facility_id> [clients=8] [seconds=5]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/percentile.hpp"
#include "support/server_process.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// A new session every this many turns, so sessions (and transcripts) stay of a realistic size.
constexpr int kTurnsPerSession = 20;
const std::vector<std::string> kQuestions{
    "hi",
    "any court free tomorrow evening?",
    "how much is it on weekends?",
    "what time do you open?",
    "is there a court at 7 pm on Saturday?",
};

struct ClientResult {
    std::vector<double> turn_ms;
    int failures = 0;
};

ClientResult run_client(std::uint16_t port, const std::string& facility, Clock::time_point until) {
    frontdesk::test::HttpClient http{"127.0.0.1", port};
    ClientResult result;
    std::string session;
    for (int n = 0; Clock::now() < until; ++n) {
        if (n % kTurnsPerSession == 0) session.clear();
        nlohmann::json body{
            {"facility_id", facility},
            {"message", kQuestions[static_cast<std::size_t>(n) % kQuestions.size()]}};
        if (!session.empty()) body["session_id"] = session;
        const auto began = Clock::now();
        const auto answer = http.post_json("/chat", body);
        if (answer.status != 200) {
            ++result.failures;
            session.clear();
            continue;
        }
        result.turn_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - began).count());
        session = answer.json()["session_id"].get<std::string>();
    }
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: %s <frontdesk binary> <facilities> <facility_id> [clients] "
                     "[seconds]\n",
                     argv[0]);
        return 2;
    }
    const int clients = argc > 4 ? std::stoi(argv[4]) : 8;
    const int seconds = argc > 5 ? std::stoi(argv[5]) : 5;
    ::unsetenv("OPENAI_API_KEY");  // measure the server, not a model
    frontdesk::test::TempDir dir;
    frontdesk::test::ServerProcess server{argv[1],
                                          {{"FRONTDESK_DB", (dir.path() / "load.db").string()},
                                           {"FRONTDESK_FACILITIES", argv[2]},
                                           {"FRONTDESK_ASSETS", FRONTDESK_SOURCE_DIR "/assets"},
                                           {"LOG_LEVEL", "info"}}};

    const std::string facility = argv[3];
    const auto until = Clock::now() + std::chrono::seconds{seconds};
    std::vector<ClientResult> results(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    const auto began = Clock::now();
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            results[static_cast<std::size_t>(c)] = run_client(server.port(), facility, until);
        });
    }
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - began).count();

    std::vector<double> all;
    int failures = 0;
    for (auto& r : results) {
        all.insert(all.end(), r.turn_ms.begin(), r.turn_ms.end());
        failures += r.failures;
    }
    std::printf(
        "clients=%d seconds=%.1f turns=%zu failures=%d turns_per_second=%.0f p50_ms=%.2f "
        "p99_ms=%.2f\n",
        clients, elapsed, all.size(), failures, static_cast<double>(all.size()) / elapsed,
        frontdesk::test::percentile(all, 0.5), frontdesk::test::percentile(all, 0.99));
    return failures == 0 ? 0 : 1;
}
