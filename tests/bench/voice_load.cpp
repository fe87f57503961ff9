// Load tool (figures, not pass/fail): N concurrent simulated Twilio calls through the real
// server binary, each bridged over TLS to an in-process fake OpenAI Realtime model that echoes
// every caller frame, with μ-law both ways, barge-ins, stored transcripts and one tool call per
// call. Reports the server's CPU per call-second and RSS per call (from /proc), the round trip
// of each 20 ms frame (caller → server → model → server → caller), and the tool's own CPU,
// since it shares the machine. See docs/benchmarks.md.
//
//   frontdesk_voice_load [--bin PATH] [--calls N] [--seconds S] [--warmup S] [--ramp S]
//                        [--log-level LEVEL] [--io-threads N] [--no-pin] [--aligned]
#include "bench/voice_load.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_ca.hpp"
#include "support/utc_dates.hpp"

namespace frontdesk::test::voice_load {
namespace {

using nlohmann::json;
using Seconds = std::chrono::duration<double>;

constexpr auto kSettle = std::chrono::milliseconds{500};  // the idle server before calls ring
constexpr auto kDrain = std::chrono::seconds{1};  // echoes of the window's last frames arrive
constexpr auto kJoinDeadline = std::chrono::seconds{20};
constexpr auto kSample = std::chrono::seconds{1};
constexpr auto kIdleSample = std::chrono::seconds{1};
constexpr std::size_t kDescriptorsPerCall = 4;  // caller + model socket here, two in the server
constexpr std::size_t kDescriptorReserve = 256;
constexpr const char* kOwnerKey = "load-owner";

[[noreturn]] void usage(const char* program) {
    std::fprintf(stderr,
                 "usage: %s [--bin PATH] [--calls N] [--seconds S] [--warmup S] [--ramp S]\n"
                 "          [--log-level LEVEL] [--io-threads N] [--no-pin] [--aligned]\n"
                 "The server binary is --bin, else $FRONTDESK_BIN, else the one built with this "
                 "tool.\n",
                 program);
    std::exit(2);
}

Options parse_options(int argc, char** argv) {
    Options options;
    if (const char* bin = std::getenv("FRONTDESK_BIN"); bin != nullptr) options.binary = bin;
    if (options.binary.empty()) options.binary = FRONTDESK_DEFAULT_BIN;
    for (int i = 1; i < argc; ++i) {
        std::string name = argv[i];
        std::string value;
        if (name == "--no-pin") {
            options.pin = false;
            continue;
        }
        if (name == "--aligned") {
            options.aligned_frames = true;
            continue;
        }
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        } else if (name.starts_with("--") && i + 1 < argc) {
            value = argv[++i];
        }
        try {
            if (name == "--bin") {
                options.binary = value;
            } else if (name == "--calls") {
                options.calls = parse_number<std::size_t>(value).value();
            } else if (name == "--seconds") {
                options.seconds = parse_number<double>(value).value();
            } else if (name == "--warmup") {
                options.warmup = parse_number<double>(value).value();
            } else if (name == "--ramp") {
                options.ramp = parse_number<double>(value).value();
            } else if (name == "--log-level") {
                options.log_level = value;
            } else if (name == "--io-threads") {
                options.io_threads = value;
            } else {
                usage(argv[0]);
            }
        } catch (const std::exception&) {
            usage(argv[0]);
        }
    }
    if (options.calls == 0 || options.seconds <= 0) usage(argv[0]);
    return options;
}

std::size_t line_count(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(Seconds{s});
}

/// CPU time and run-queue delay of both processes, and the server's context switches, at one
/// instant.
struct Sample {
    Clock::time_point at;
    CpuTime server_cpu;
    double tool_cpu = 0;
    double server_wait = 0;
    double tool_wait = 0;
    std::uint64_t server_switches = 0;
};

Sample sample(const std::string& server_pid) {
    return Sample{Clock::now(),
                  cpu_time(server_pid),
                  cpu_time("self").total(),
                  run_queue_wait_seconds(server_pid),
                  run_queue_wait_seconds("self"),
                  context_switches(server_pid)};
}

/// GET `target` as JSON; a null with the error when the server does not answer.
json fetch_json(std::uint16_t port, const std::string& target,
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    try {
        return HttpClient{"127.0.0.1", port}.get(target, headers).json();
    } catch (const std::exception& e) {
        return json{{"error", e.what()}};
    }
}

/// The calls the owner API lists and the transcript entries of one, by speaker: proof the
/// call records and transcripts reached the store.
json stored_conversations(std::uint16_t port) {
    const std::vector<std::pair<std::string, std::string>> auth{
        {"Authorization", std::string{"Bearer "} + kOwnerKey}};
    const auto listed = fetch_json(port, "/owner/conversations?channel=twilio&limit=1000", auth);
    if (!listed.is_object() || !listed.contains("conversations") ||
        !listed["conversations"].is_array() || listed["conversations"].empty()) {
        return json{{"listed", 0}};
    }
    const auto id = listed["conversations"][0].value("conversation_id", "");
    const auto one = fetch_json(port, "/owner/conversations/" + id, auth);
    std::map<std::string, int> by_speaker;
    if (one.is_object() && one.contains("transcript") && one["transcript"].is_array()) {
        for (const auto& entry : one["transcript"]) ++by_speaker[entry.value("speaker", "?")];
    }
    return json{{"listed", listed["conversations"].size()}, {"one_call_entries", by_speaker}};
}

ServerProcess start_server(const Options& options, const FakeRealtimeModel& model,
                           const TempDir& dir) {
    std::map<std::string, std::string> env{
        {"FRONTDESK_DB", (dir.path() / "load.db").string()},
        {"FRONTDESK_FACILITIES", FRONTDESK_FACILITIES_DIR},
        {"FRONTDESK_ASSETS", FRONTDESK_SOURCE_DIR "/assets"},
        {"OWNER_API_KEY", kOwnerKey},
        {"OPENAI_API_KEY", std::string{kOpenAiKey}},
        {"OPENAI_BASE_URL", "https://127.0.0.1:" + std::to_string(model.port()) + "/v1"},
        {"SSL_CERT_FILE", test_certificates().ca_cert.string()},
        {"LOG_LEVEL", options.log_level}};
    if (!options.io_threads.empty()) env["FRONTDESK_IO_THREADS"] = options.io_threads;
    return ServerProcess{options.binary, env};
}

/// The tool's threads (its callers and its model) on the last core, the server's on the others.
std::string pin_cores(const Options& options, const std::string& server_pid) {
    if (!options.pin) return "off (--no-pin)";
    const auto cores = static_cast<int>(std::thread::hardware_concurrency());
    if (cores < 2) return "off (one core)";
    const int tool_core = cores - 1;
    if (!pin_to_cores(server_pid, 0, tool_core - 1) ||
        !pin_to_cores("self", tool_core, tool_core)) {
        return "failed (sched_setaffinity refused)";
    }
    return "server on cores 0-" + std::to_string(tool_core - 1) + ", tool on core " +
           std::to_string(tool_core);
}

/// Rings the calls, samples the server over the window, hangs up and collects the figures.
void run_calls(const Options& options, ServerProcess& server, Measured& out) {
    const auto pid = std::to_string(server.pid());
    std::this_thread::sleep_for(kSettle);
    const auto idle = sample(pid);
    std::this_thread::sleep_for(kIdleSample);
    const auto idle_end = sample(pid);
    out.idle_cpu_ms_per_s = (idle_end.server_cpu.total() - idle.server_cpu.total()) * 1000 /
                            Seconds{idle_end.at - idle.at}.count();
    out.rss_idle_kb = status_field(pid, "VmRSS");
    out.load_before = load_average();

    CallerPlan plan;
    plan.server_port = server.port();
    plan.calls = options.calls;
    plan.first_ring = Clock::now() + kSettle;
    plan.ramp = seconds(options.ramp);
    plan.aligned_frames = options.aligned_frames;
    plan.window_start = plan.first_ring + plan.ramp + seconds(options.warmup);
    plan.window_end = plan.window_start + seconds(options.seconds);
    plan.hang_up = plan.window_end + kDrain;
    std::fprintf(stderr, "%zu calls ramping over %.1f s, warm-up %.1f s, window %.1f s ...\n",
                 options.calls, options.ramp, options.warmup, options.seconds);
    CallerFleet fleet{plan};
    out.pinning = pin_cores(options, pid);

    std::this_thread::sleep_until(plan.window_start);
    out.live_at_start = fleet.live_calls();
    const auto begin = sample(pid);
    const auto log_lines_before = line_count(server.log());
    for (auto next = begin.at + kSample; next < plan.window_end; next += kSample) {
        std::this_thread::sleep_until(next);
        out.rss_max_kb = std::max(out.rss_max_kb, status_field(pid, "VmRSS"));
    }
    std::this_thread::sleep_until(plan.window_end);
    const auto end = sample(pid);
    out.log_lines = line_count(server.log()) - log_lines_before;
    out.rss_kb = status_field(pid, "VmRSS");
    out.rss_max_kb = std::max(out.rss_max_kb, out.rss_kb);
    out.server_threads = status_field(pid, "Threads");
    out.live_at_end = fleet.live_calls();
    out.load_after = load_average();
    out.window = Seconds{end.at - begin.at}.count();
    out.server_cpu_ms = (end.server_cpu.total() - begin.server_cpu.total()) * 1000;
    out.server_kernel_ms = (end.server_cpu.system - begin.server_cpu.system) * 1000;
    out.tool_cpu_ms = (end.tool_cpu - begin.tool_cpu) * 1000;
    out.server_wait_ms = (end.server_wait - begin.server_wait) * 1000;
    out.tool_wait_ms = (end.tool_wait - begin.tool_wait) * 1000;
    out.server_switches =
        end.server_switches - std::min(end.server_switches, begin.server_switches);
    out.status = fetch_json(server.port(), "/voice/status").dump();

    out.callers = fleet.join(plan.hang_up + kJoinDeadline);
    std::this_thread::sleep_for(kSettle);  // the last call records reach the store
    const auto final_status = fetch_json(server.port(), "/voice/status");
    out.final_status = final_status.dump();
    if (final_status.contains("audio_dropped") && final_status["audio_dropped"].is_number()) {
        out.audio_dropped = final_status["audio_dropped"].get<std::uint64_t>();
    }
    out.stored = stored_conversations(server.port()).dump();
    out.exit_status = server.terminate();
}

}  // namespace
}  // namespace frontdesk::test::voice_load

int main(int argc, char** argv) {
    using namespace frontdesk::test;
    using namespace frontdesk::test::voice_load;
    const auto options = parse_options(argc, argv);
    raise_descriptor_limit(options.calls * kDescriptorsPerCall + kDescriptorReserve);
    // Plain, unsigned streams (no stream tokens), and no calendar traffic leaving the machine.
    for (const char* name : {"TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "EXOTEL_BASIC_AUTH",
                             "GOOGLE_SERVICE_ACCOUNT_FILE"}) {
        ::unsetenv(name);
    }
    try {
        ModelPlan plan;
        plan.tool_date = frontdesk::test::utc_date_in_days(2);
        // Every call's one tool call lands inside the measurement window.
        plan.tool_first_frame =
            static_cast<std::size_t>((options.ramp + options.warmup) * kFramesPerSecond);
        plan.tool_spread_frames = std::max<std::size_t>(
            1, static_cast<std::size_t>((options.seconds - options.ramp) * kFramesPerSecond));
        FakeRealtimeModel model{plan};
        TempDir dir;
        auto server = start_server(options, model, dir);
        Measured measured;
        run_calls(options, server, measured);
        print_report(options, measured, model.counters());
        const auto& callers = measured.callers;
        return callers.failed == 0 && callers.ended_early == 0 && measured.exit_status == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "voice load failed: %s\n", e.what());
        return 1;
    }
}
