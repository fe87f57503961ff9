// The report of frontdesk_voice_load: the headline figures, a readable table and one JSON line.
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "bench/voice_load.hpp"
#include "support/percentile.hpp"

namespace frontdesk::test::voice_load {
namespace {

using nlohmann::json;

// Past these the run is reported as saturated: a frame round trip is a few ms when keeping up
// (p90), and hardly a frame goes missing.
constexpr double kSaturatedMs = 100;
constexpr double kSaturatedLoss = 0.01;

unsigned long long ull(std::uint64_t value) { return static_cast<unsigned long long>(value); }
unsigned long long ull(const std::atomic<std::uint64_t>& value) {
    return static_cast<unsigned long long>(value.load());
}

/// The headline figures, derived from one run.
struct Figures {
    double server_ms_per_call_s = 0;
    double server_core_pct = 0;
    double server_kernel_ms_per_call_s = 0;
    double server_switches_per_call_s = 0;
    double tool_ms_per_call_s = 0;
    double tool_core_pct = 0;
    double rss_per_call_kb = 0;
    std::uint64_t lost = 0;  // frames neither echoed nor cleared by a barge-in
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double max = 0;
    bool saturated = false;
};

Figures derive(const Options& options, Measured& m) {
    auto& callers = m.callers;
    const double call_seconds = std::max(callers.call_seconds, 1e-9);
    constexpr double kPercentOfCoreFactor = 10;  // ms per s → % of a core
    Figures f;
    f.server_ms_per_call_s = m.server_cpu_ms / call_seconds;
    f.server_core_pct = m.server_cpu_ms / m.window / kPercentOfCoreFactor;
    f.server_kernel_ms_per_call_s = m.server_kernel_ms / call_seconds;
    f.server_switches_per_call_s = static_cast<double>(m.server_switches) / call_seconds;
    f.tool_ms_per_call_s = m.tool_cpu_ms / call_seconds;
    f.tool_core_pct = m.tool_cpu_ms / m.window / kPercentOfCoreFactor;
    f.rss_per_call_kb = static_cast<double>(m.rss_kb - std::min(m.rss_kb, m.rss_idle_kb)) /
                        static_cast<double>(options.calls);
    const auto missing = callers.frames_sent - std::min(callers.frames_sent, callers.frames_echoed);
    f.lost = missing - std::min(missing, callers.frames_cleared);
    auto& rtt = callers.round_trip_ms;
    f.max = rtt.empty() ? 0 : *std::max_element(rtt.begin(), rtt.end());
    f.p50 = percentile(rtt, 0.50);
    f.p90 = percentile(rtt, 0.90);
    f.p99 = percentile(rtt, 0.99);
    // Keeping up, a barge-in finds no echo queued for the caller; a backlog shows up as frames
    // flushed by clears as much as lost ones.
    const auto dropped = static_cast<double>(f.lost + callers.frames_cleared);
    f.saturated =
        f.p90 > kSaturatedMs || dropped > kSaturatedLoss * static_cast<double>(callers.frames_sent);
    return f;
}

void print_features(const CallerReport& callers, const ModelCounters& model) {
    const double tool_ms_avg = model.tool_outputs.load() == 0
                                   ? 0
                                   : static_cast<double>(model.tool_round_trip_us_sum.load()) /
                                         1000.0 / static_cast<double>(model.tool_outputs.load());
    std::printf(
        "features          model sessions %llu, greetings %llu, caller turns %llu (%llu "
        "interrupting), truncates %llu, clears %llu, marks echoed %llu, transcripts %llu, "
        "tool calls %llu -> outputs %llu (errors %llu; avg %.1f ms, max %.1f ms)\n",
        ull(model.sessions_updated), ull(model.greetings), ull(model.caller_turns),
        ull(model.interruptions), ull(model.truncates), ull(callers.clears),
        ull(callers.marks_echoed), ull(model.transcripts_sent), ull(model.tool_calls),
        ull(model.tool_outputs), ull(model.tool_errors), tool_ms_avg,
        static_cast<double>(model.tool_round_trip_us_max.load()) / 1000.0);
    if (model.bad_upgrades.load() + model.handshake_failures.load() +
            model.unexpected_events.load() !=
        0) {
        std::printf(
            "model anomalies   bad upgrades %llu, handshake failures %llu, unexpected "
            "events %llu\n",
            ull(model.bad_upgrades), ull(model.handshake_failures), ull(model.unexpected_events));
    }
}

const char* frame_timing(const Options& options) {
    return options.aligned_frames ? "aligned on one tick" : "spread over the tick";
}

void print_table(const Options& options, const Measured& m, const Figures& f,
                 const ModelCounters& model) {
    const auto& callers = m.callers;
    std::printf(
        "frontdesk voice load: %zu calls; %.1f s window after %.1f s ramp + %.1f s "
        "warm-up; frames %s; server LOG_LEVEL=%s (%zu lines in the window), io threads %s, %llu "
        "threads in all\n",
        options.calls, m.window, options.ramp, options.warmup, frame_timing(options),
        options.log_level.c_str(), m.log_lines,
        options.io_threads.empty() ? "(default)" : options.io_threads.c_str(),
        ull(m.server_threads));
    std::printf("load average      before %s, after %s (%ld cores); pinning: %s\n",
                m.load_before.c_str(), m.load_after.c_str(), ::sysconf(_SC_NPROCESSORS_ONLN),
                m.pinning.c_str());
    std::printf(
        "calls             connected %zu, failed %zu, ended early %zu, bridged %zu, "
        "live %zu -> %zu, %.1f call-seconds in the window\n",
        callers.connected, callers.failed, callers.ended_early, callers.bridged, m.live_at_start,
        m.live_at_end, callers.call_seconds);
    std::printf(
        "server CPU        %.0f ms = %.1f %% of a core = %.3f ms per call-second, of which "
        "kernel %.3f (idle server: %.1f ms/s); %.0f context switches per call-second\n",
        m.server_cpu_ms, f.server_core_pct, f.server_ms_per_call_s, f.server_kernel_ms_per_call_s,
        m.idle_cpu_ms_per_s, f.server_switches_per_call_s);
    std::printf("server RSS        idle %.1f MB, loaded %.1f MB (max %.1f) = %.0f KB per call\n",
                static_cast<double>(m.rss_idle_kb) / 1024, static_cast<double>(m.rss_kb) / 1024,
                static_cast<double>(m.rss_max_kb) / 1024, f.rss_per_call_kb);
    std::printf(
        "frame round trip  p50 %.2f ms, p90 %.2f, p99 %.2f, max %.2f; frames sent %llu, "
        "echoed %llu, cleared by barge-ins %llu, lost %llu; sends over 20 ms late %llu\n",
        f.p50, f.p90, f.p99, f.max, ull(callers.frames_sent), ull(callers.frames_echoed),
        ull(callers.frames_cleared), ull(f.lost), ull(callers.late_ticks));
    std::printf("load tool CPU     %.0f ms = %.1f %% of a core = %.3f ms per call-second\n",
                m.tool_cpu_ms, f.tool_core_pct, f.tool_ms_per_call_s);
    std::printf(
        "waiting for a core server %.0f ms, load tool %.0f ms in the window (run-queue "
        "delay: the machine's other load)\n",
        m.server_wait_ms, m.tool_wait_ms);
    print_features(callers, model);
    std::printf("server            /voice/status at the window's end %s\n", m.status.c_str());
    std::printf("                  after the calls %s\n", m.final_status.c_str());
    std::printf("                  stored %s; exit status %d\n", m.stored.c_str(), m.exit_status);
    if (f.saturated) {
        std::printf(
            "SATURATED         frames queued up (p90) or went missing (cleared + lost): the "
            "server or this tool "
            "could not keep up (see the waits above); these figures describe overload, "
            "not the steady state\n");
    }
    for (const auto& reason : callers.early_end_reasons) {
        std::printf("call ended        %s\n", reason.c_str());
    }
}

/// The same, as one line of JSON for scripts.
void print_json(const Options& options, const Measured& m, const Figures& f) {
    const auto& callers = m.callers;
    const json summary = {{"calls", options.calls},
                          {"window_s", m.window},
                          {"call_seconds", callers.call_seconds},
                          {"frames", frame_timing(options)},
                          {"log_level", options.log_level},
                          {"pinning", m.pinning},
                          {"log_lines_in_window", m.log_lines},
                          {"server_cpu_ms_per_call_s", f.server_ms_per_call_s},
                          {"server_cpu_core_pct", f.server_core_pct},
                          {"server_kernel_ms_per_call_s", f.server_kernel_ms_per_call_s},
                          {"server_context_switches_per_call_s", f.server_switches_per_call_s},
                          {"server_idle_cpu_ms_per_s", m.idle_cpu_ms_per_s},
                          {"rss_idle_kb", m.rss_idle_kb},
                          {"rss_loaded_kb", m.rss_kb},
                          {"rss_per_call_kb", f.rss_per_call_kb},
                          {"rtt_p50_ms", f.p50},
                          {"rtt_p90_ms", f.p90},
                          {"rtt_p99_ms", f.p99},
                          {"rtt_max_ms", f.max},
                          {"frames_sent", callers.frames_sent},
                          {"frames_echoed", callers.frames_echoed},
                          {"frames_cleared", callers.frames_cleared},
                          {"frames_lost", f.lost},
                          {"saturated", f.saturated},
                          {"tool_cpu_ms_per_call_s", f.tool_ms_per_call_s},
                          {"server_run_queue_wait_ms", m.server_wait_ms},
                          {"tool_run_queue_wait_ms", m.tool_wait_ms},
                          {"calls_failed", callers.failed + callers.ended_early},
                          {"server_audio_dropped", m.audio_dropped},
                          {"load_average_before", m.load_before},
                          {"load_average_after", m.load_after}};
    std::printf("JSON %s\n", summary.dump().c_str());
}

}  // namespace

void print_report(const Options& options, Measured& measured, const ModelCounters& model) {
    const auto figures = derive(options, measured);
    print_table(options, measured, figures, model);
    print_json(options, measured, figures);
}

}  // namespace frontdesk::test::voice_load
