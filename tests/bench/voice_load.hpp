#pragma once
// frontdesk_voice_load, shared by its files: the tagged audio frames and the Twilio callers
// (voice_load_caller.cpp), the fake OpenAI Realtime model (voice_load_model.cpp), the report
// (voice_load_report.cpp) and /proc (voice_load_proc.cpp). voice_load.cpp composes them around
// the real server binary. Not a library: a load tool's internals.

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace frontdesk::test::voice_load {

using Clock = std::chrono::steady_clock;

inline constexpr std::size_t kFrameBytes = 160;  // 20 ms of 8 kHz μ-law, as Twilio sends
inline constexpr std::chrono::milliseconds kFrameInterval{20};
inline constexpr std::size_t kFramesPerSecond = 50;

/// All of `text` as a number of type T (std::from_chars: no sign for an unsigned T, nothing
/// after the number); nullopt otherwise. For the load tools' options.
template <typename T>
[[nodiscard]] std::optional<T> parse_number(std::string_view text) {
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

/// Where call `index` sends on the 20 ms tick when frames are spread as independent calls'
/// frames are: frac(index × 0.618…) of the tick. The golden-ratio sequence spreads any number
/// of calls evenly over the tick.
inline Clock::duration spread_phase(std::size_t index) {
    constexpr double kGoldenRatioConjugate = 0.6180339887498949;
    const double turns = static_cast<double>(index) * kGoldenRatioConjugate;
    return std::chrono::duration_cast<Clock::duration>((turns - std::floor(turns)) *
                                                       kFrameInterval);
}

// ---- Tagged frames ------------------------------------------------------------------------------
// μ-law passes through the server byte for byte (Twilio → model → Twilio), so each caller frame
// carries a tag and its per-call sequence number in its first bytes; the echo names the frame
// it answers. The rest is μ-law silence (0xFF).

/// Writes the frame numbered `sequence` into `out`.
void write_tagged_frame(std::uint32_t sequence, std::span<std::uint8_t, kFrameBytes> out) noexcept;

/// The sequence number of a tagged frame from its base64 text (only the first 12 characters
/// are decoded); nullopt for any other audio (the greeting, a malformed payload).
[[nodiscard]] std::optional<std::uint32_t> tagged_sequence(std::string_view base64) noexcept;

// ---- The fake model ----------------------------------------------------------------------------

/// The OpenAI key the server is given; the fake model counts upgrades without it.
inline constexpr std::string_view kOpenAiKey = "sk-load";

/// What the fake model does besides echoing, per connection.
struct ModelPlan {
    std::size_t turn_frames = 3 * kFramesPerSecond;          // a caller turn every 3 s of audio
    std::size_t tool_first_frame = 2 * kFramesPerSecond;     // the tool call lands in
    std::size_t tool_spread_frames = 30 * kFramesPerSecond;  // [first, first + spread)
    std::size_t transcript_delta_frames = 10;  // an agent transcript delta every 200 ms
    std::string tool_date;                     // "YYYY-MM-DD" asked of check_availability
};

/// What the fake model saw, summed over its connections. Written by the model's thread, read
/// by any (relaxed atomics: figures, not synchronisation).
struct ModelCounters {
    std::atomic<std::uint64_t> connections{0};
    std::atomic<std::uint64_t> bad_upgrades{0};  // wrong path or Authorization
    std::atomic<std::uint64_t> handshake_failures{0};
    std::atomic<std::uint64_t> sessions_updated{0};
    std::atomic<std::uint64_t> greetings{0};
    std::atomic<std::uint64_t> appends_echoed{0};
    std::atomic<std::uint64_t> caller_turns{0};      // speech_started … transcription.completed
    std::atomic<std::uint64_t> interruptions{0};     // turns that cancelled the response
    std::atomic<std::uint64_t> transcripts_sent{0};  // caller + agent, final ones
    std::atomic<std::uint64_t> truncates{0};
    std::atomic<std::uint64_t> tool_calls{0};
    std::atomic<std::uint64_t> tool_outputs{0};
    std::atomic<std::uint64_t> tool_errors{0};             // outputs with "ok": false
    std::atomic<std::uint64_t> tool_round_trip_us_max{0};  // response.done → output
    std::atomic<std::uint64_t> tool_round_trip_us_sum{0};
    std::atomic<std::uint64_t> unexpected_events{0};
};

/// A loopback OpenAI Realtime stand-in over TLS (the test CA's certificate): every connection
/// is a coroutine on one io_context run by one thread the model owns, so hundreds of calls
/// cost two sockets' worth of state each, not a thread. Per connection it answers
/// session.update, greets on the first response.create, echoes every input_audio_buffer.append
/// at once as an audio delta of the current response, and, per `plan`, plays caller turns
/// (speech_started/stopped with barge-in, transcripts) and one check_availability call.
///
/// Threads: its own; the public methods may be called from any thread. The destructor stops
/// accepting, drops every connection and joins. Throws std::runtime_error if it cannot listen.
class FakeRealtimeModel {
public:
    explicit FakeRealtimeModel(ModelPlan plan);
    ~FakeRealtimeModel();
    FakeRealtimeModel(const FakeRealtimeModel&) = delete;
    FakeRealtimeModel& operator=(const FakeRealtimeModel&) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept;
    [[nodiscard]] const ModelCounters& counters() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// ---- The callers -------------------------------------------------------------------------------

/// When the callers ring, measure and hang up (absolute times, shared with the sampler).
struct CallerPlan {
    std::uint16_t server_port = 0;
    std::size_t calls = 0;
    Clock::time_point first_ring;  // call i rings at first_ring + i × ramp / calls
    Clock::duration ramp{};
    // Whether every call's frames leave on the same 20 ms tick (the worst burst the server can
    // get); otherwise each call has its own phase, spread evenly over the tick, as calls that
    // began at unrelated moments do.
    bool aligned_frames = false;
    Clock::time_point window_start;  // frames sent in [window_start, window_end) are measured
    Clock::time_point window_end;
    Clock::time_point hang_up;  // every caller sends stop and closes
};

/// The callers' figures once they have all hung up.
struct CallerReport {
    std::size_t connected = 0;           // websocket handshakes that succeeded
    std::size_t failed = 0;              // could not connect or upgrade
    std::size_t ended_early = 0;         // the server closed the call before hang_up
    std::size_t bridged = 0;             // heard at least one of their own frames back
    double call_seconds = 0;             // live call time inside the window, summed
    std::uint64_t frames_sent = 0;       // in the window
    std::uint64_t frames_echoed = 0;     // of those, heard back
    std::uint64_t frames_cleared = 0;    // not heard back: outstanding when a barge-in's clear came
    std::uint64_t frames_unmatched = 0;  // heard audio that was not one of our frames
    std::uint64_t marks_echoed = 0;
    std::uint64_t clears = 0;
    std::uint64_t late_ticks = 0;  // frames sent more than one frame late (the tool overloaded)
    std::vector<double> round_trip_ms;           // one per echoed frame of the window
    std::vector<std::string> early_end_reasons;  // the first few close reasons
};

/// N Twilio Media Streams clients (plain ws to /voice/stream), all coroutines on one io_context
/// run by one thread the fleet owns: connected, start, then a tagged 160-byte μ-law frame every
/// 20 ms with Twilio's sequence numbers and media timestamps; marks are echoed once the audio
/// ahead of them has "played" (8 bytes per ms), clear flushes that audio and echoes every
/// pending mark, as Twilio does.
///
/// Threads: its own; construct, then join() from one thread. Owns every caller.
class CallerFleet {
public:
    explicit CallerFleet(CallerPlan plan);
    ~CallerFleet();
    CallerFleet(const CallerFleet&) = delete;
    CallerFleet& operator=(const CallerFleet&) = delete;

    /// Number of callers currently streaming (any thread; for progress lines).
    [[nodiscard]] std::size_t live_calls() const noexcept;

    /// Waits until every caller has finished or `deadline`, then stops the loop; the report.
    [[nodiscard]] CallerReport join(Clock::time_point deadline);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// ---- The run and its report (voice_load.cpp, voice_load_report.cpp) -----------------------------

/// The command line.
struct Options {
    std::string binary;
    std::size_t calls = 200;
    double seconds = 30;
    double warmup = 5;
    double ramp = 2;
    bool aligned_frames = false;  // --aligned: see CallerPlan
    // At info the window itself logs only call lifecycle lines (counted in the report).
    std::string log_level = "info";
    std::string io_threads;  // empty: the server's default
    // With two cores or more: the tool's threads on the last core, the server on the others,
    // so that neither waits for the other's core (--no-pin: the scheduler decides).
    bool pin = true;
};

/// Everything one run measured.
struct Measured {
    double window = 0;  // seconds
    double server_cpu_ms = 0;
    double server_kernel_ms = 0;  // the stime part of server_cpu_ms
    double tool_cpu_ms = 0;
    double server_wait_ms = 0;  // runnable, waiting for a core (other load on the machine)
    double tool_wait_ms = 0;
    std::uint64_t server_switches = 0;  // context switches of the server's threads
    std::uint64_t rss_idle_kb = 0;
    std::uint64_t rss_kb = 0;  // at the end of the window
    std::uint64_t rss_max_kb = 0;
    std::uint64_t server_threads = 0;
    std::string pinning;  // "server on cores 0-0, tool on core 1", or why not
    std::size_t live_at_start = 0;
    std::size_t live_at_end = 0;
    std::size_t log_lines = 0;  // what the server logged during the window
    std::string load_before;
    std::string load_after;
    double idle_cpu_ms_per_s = 0;  // the server before any call rings
    std::string status;            // GET /voice/status at the end of the window (JSON text)
    std::string final_status;  // and once the calls are over: dropped audio is counted at the end
    std::uint64_t audio_dropped = 0;  // from final_status
    std::string stored;  // what the owner API shows of the calls afterwards (JSON text)
    int exit_status = 0;
    CallerReport callers;
};

/// Prints the table and the JSON line to stdout; reorders `measured`'s round trips.
void print_report(const Options& options, Measured& measured, const ModelCounters& model);

// ---- /proc (voice_load_proc.cpp) ---------------------------------------------------------------
// About a process by pid ("self": this one). Linux only, like the rest of the tool.

/// CPU time of all its threads, in seconds: in user space (utime) and in the kernel (stime:
/// syscalls, and the softirq work done on their behalf, which on loopback includes delivering
/// each sent segment into the peer's socket).
struct CpuTime {
    double user = 0;
    double system = 0;
    [[nodiscard]] double total() const noexcept { return user + system; }
};

/// From /proc/<pid>/stat. Throws std::runtime_error when the process is gone.
[[nodiscard]] CpuTime cpu_time(const std::string& pid);

/// Time its threads spent runnable but waiting for a core (/proc/<pid>/task/*/schedstat), in
/// seconds: how much the machine's other load got in the way.
[[nodiscard]] double run_queue_wait_seconds(const std::string& pid);

/// A "Name: value" line of /proc/<pid>/status as a number ("VmRSS" in kB, "Threads"); 0 when
/// absent.
[[nodiscard]] std::uint64_t status_field(const std::string& pid, const std::string& name);

/// Voluntary and involuntary context switches of the threads alive now: how often they were
/// switched out, mostly to sleep in epoll_wait until the next packet.
[[nodiscard]] std::uint64_t context_switches(const std::string& pid);

/// Restricts every thread it has now to cores [first_core, last_core]; threads they start later
/// inherit that. False when it has no threads or the kernel refuses.
bool pin_to_cores(const std::string& pid, int first_core, int last_core);

/// The 1, 5 and 15 minute load averages as /proc/loadavg prints them ("0.52 0.61 0.70").
[[nodiscard]] std::string load_average();

/// Raises the soft limit on open descriptors to `descriptors` if it is lower (as far as the
/// hard limit allows; warns on stderr when that is not enough). Children started later inherit
/// it.
void raise_descriptor_limit(std::size_t descriptors);

}  // namespace frontdesk::test::voice_load
