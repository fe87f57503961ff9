// The relay floor: the least CPU per call-second any server can spend on the voice load run's
// traffic on this machine. A relay thread does nothing but move the same messages over the
// same kind of sockets as the server under frontdesk_voice_load: per call a loopback TCP
// connection to the caller and one to the model (TLS 1.3 with the test CA unless --plain), a
// caller frame every 20 ms on the call's own phase of the tick, answered at once by the model
// with a delta that the relay forwards to the caller, every 4th followed by a mark that the
// caller echoes, and a transcript delta every 10th frame. No websocket framing, JSON, base64,
// Asio or bookkeeping: each message is read until the socket is empty (as Asio's reactor does)
// and written with one send, so what the relay thread costs is the kernel's and OpenSSL's part
// of the server's figure (docs/benchmarks.md, "The relay floor").
//
//   frontdesk_relay_floor [--calls N] [--seconds S] [--warmup S] [--plain] [--no-pin]
//
// The peers (callers and model) run in a child process, as the load tool is a process of its
// own. The relay thread runs on core 0 and the peers on core 1 (--no-pin: anywhere); the relay's
// CPU comes from /proc/self/task/<tid>/stat, like the server's in frontdesk_voice_load.
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <queue>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "bench/voice_load.hpp"
#include "net/tls_context.hpp"
#include "net/tls_stream.hpp"
#include "support/fake_server_tls.hpp"
#include "support/loopback_pair.hpp"
#include "support/percentile.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::test::relay_floor {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kFrameInterval = voice_load::kFrameInterval;

// ---- Messages -----------------------------------------------------------------------------------
// [u16 length][u8 kind][i64 stamp][padding to length]. The sizes are those of the server's
// websocket messages for 20 ms of μ-law (base64 in JSON, plus the frame header).

enum class Kind : std::uint8_t { kFrame, kAppend, kDelta, kTranscript, kMedia, kMark, kMarkEcho };

constexpr std::size_t size_of(Kind kind) {
    switch (kind) {
        case Kind::kFrame:
            return 330;  // Twilio media event, masked
        case Kind::kAppend:
            return 300;  // input_audio_buffer.append, masked
        case Kind::kDelta:
            return 330;  // response.output_audio.delta
        case Kind::kTranscript:
            return 200;  // response.output_audio_transcript.delta
        case Kind::kMedia:
            return 280;  // Twilio media event out
        case Kind::kMark:
            return 90;  // Twilio mark out
        case Kind::kMarkEcho:
            return 96;  // Twilio mark echo, masked
    }
    return 0;
}
constexpr std::size_t kHeaderBytes = 2 + 1 + 8;
constexpr std::size_t kLargestMessage = 330;
static_assert(size_of(Kind::kFrame) <= kLargestMessage && size_of(Kind::kDelta) <= kLargestMessage);
constexpr int kMarkEveryDeltas = 4;
constexpr int kTranscriptEveryAppends = 10;

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

/// One end of a connection: a non-blocking descriptor, TLS over it or not, and the bytes of a
/// message not yet complete. Does not own the descriptor (LoopbackPair does); owns the SSL.
class Endpoint {
public:
    Endpoint(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
    ~Endpoint() {
        if (ssl_ != nullptr) SSL_free(ssl_);
    }
    Endpoint(const Endpoint&) = delete;
    Endpoint& operator=(const Endpoint&) = delete;

    [[nodiscard]] int fd() const noexcept { return fd_; }

    /// Writes one message of `kind` carrying `stamp` with one send (or SSL_write).
    void send(Kind kind, std::int64_t stamp) {
        std::array<char, kLargestMessage> message{};
        const auto length = static_cast<std::uint16_t>(size_of(kind));
        std::memcpy(message.data(), &length, 2);
        message[2] = static_cast<char>(kind);
        std::memcpy(message.data() + 3, &stamp, 8);
        const auto sent = ssl_ != nullptr ? SSL_write(ssl_, message.data(), length)
                                          : ::send(fd_, message.data(), length, MSG_NOSIGNAL);
        if (sent != static_cast<int>(length)) throw std::runtime_error("short or failed send");
    }

    /// Reads until the socket is empty and calls on_message(kind, stamp) for each whole message.
    template <typename OnMessage>
    void drain(OnMessage&& on_message) {
        for (;;) {
            const std::size_t room = buffer_.size() - used_;
            const auto got = ssl_ != nullptr
                                 ? SSL_read(ssl_, buffer_.data() + used_, static_cast<int>(room))
                                 : ::recv(fd_, buffer_.data() + used_, room, 0);
            if (got <= 0) {
                if (would_block(static_cast<int>(got))) return;
                throw std::runtime_error("connection failed or closed");
            }
            used_ += static_cast<std::size_t>(got);
            std::size_t start = 0;
            while (used_ - start >= kHeaderBytes) {
                std::uint16_t length = 0;
                std::memcpy(&length, buffer_.data() + start, 2);
                if (used_ - start < length) break;
                std::int64_t stamp = 0;
                std::memcpy(&stamp, buffer_.data() + start + 3, 8);
                on_message(static_cast<Kind>(buffer_[start + 2]), stamp);
                start += length;
            }
            std::memmove(buffer_.data(), buffer_.data() + start, used_ - start);
            used_ -= start;
        }
    }

private:
    [[nodiscard]] bool would_block(int result) const {
        if (ssl_ == nullptr) return result < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        return SSL_get_error(ssl_, result) == SSL_ERROR_WANT_READ;
    }

    int fd_;
    SSL* ssl_;
    std::array<char, 16 * 1024> buffer_{};
    std::size_t used_ = 0;
};

void make_non_blocking(int fd) {
    if (::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        throw std::runtime_error("cannot make a socket non-blocking");
    }
}

/// One call: its two connections and the four endpoints on them.
struct Call {
    LoopbackPair caller_leg;  // sender: the caller; receiver: the relay
    LoopbackPair model_leg;   // sender: the relay (TLS client); receiver: the model
    std::unique_ptr<Endpoint> caller;
    std::unique_ptr<Endpoint> relay_caller_side;
    std::unique_ptr<Endpoint> relay_model_side;
    std::unique_ptr<Endpoint> model;
    int deltas = 0;   // relay thread only
    int appends = 0;  // the peers' process only
};

/// TLS contexts as the server and the fake model use them: the server's own client context,
/// which verifies the peer against SSL_CERT_FILE (the test CA: trust_test_ca_for_this_process
/// first), and the fake model's server context.
struct Tls {
    boost::asio::ssl::context client = net::make_client_tls_context();
    boost::asio::ssl::context server = make_fake_server_tls_context();
};

/// Connects the call's sockets, handshaking TLS on the model leg when `tls` is given.
std::unique_ptr<Call> open_call(Tls* tls) {
    auto call = std::make_unique<Call>();
    for (const int fd : {call->caller_leg.sender(), call->caller_leg.receiver(),
                         call->model_leg.sender(), call->model_leg.receiver()}) {
        make_non_blocking(fd);
    }
    SSL* client = nullptr;
    SSL* server = nullptr;
    if (tls != nullptr) {
        client = SSL_new(tls->client.native_handle());
        server = SSL_new(tls->server.native_handle());
        if (client == nullptr || server == nullptr) throw std::runtime_error("SSL_new failed");
        SSL_set_fd(client, call->model_leg.sender());
        SSL_set_fd(server, call->model_leg.receiver());
        if (net::set_tls_host(client, "localhost")) throw std::runtime_error("set_tls_host failed");
        SSL_set_connect_state(client);
        SSL_set_accept_state(server);
    }
    call->caller = std::make_unique<Endpoint>(call->caller_leg.sender(), nullptr);
    call->relay_caller_side = std::make_unique<Endpoint>(call->caller_leg.receiver(), nullptr);
    call->relay_model_side = std::make_unique<Endpoint>(call->model_leg.sender(), client);
    call->model = std::make_unique<Endpoint>(call->model_leg.receiver(), server);
    if (tls == nullptr) return call;
    for (int round = 0; round < 10'000; ++round) {
        const int client_done = SSL_do_handshake(client);
        const int server_done = SSL_do_handshake(server);
        if (client_done == 1 && server_done == 1) return call;
    }
    const char* reason = ERR_reason_error_string(ERR_peek_last_error());
    throw std::runtime_error(std::string("TLS handshake did not finish: ") +
                             (reason != nullptr ? reason : "no OpenSSL error"));
}

void pin_this_thread(int core) {
    cpu_set_t cores;
    CPU_ZERO(&cores);
    CPU_SET(static_cast<std::size_t>(core), &cores);
    if (::sched_setaffinity(0, sizeof cores, &cores) != 0) {
        throw std::runtime_error("sched_setaffinity refused");
    }
}

/// An epoll set over one side's endpoints (two per call), edge-triggered as Asio's reactor
/// registers sockets; each event carries the tag its endpoint was added with.
class Poller {
public:
    Poller() : fd_(::epoll_create1(EPOLL_CLOEXEC)) {
        if (fd_ < 0) throw std::runtime_error("epoll_create1 failed");
    }
    ~Poller() { ::close(fd_); }
    Poller(const Poller&) = delete;
    Poller& operator=(const Poller&) = delete;

    /// Adds `fd` under `tag` (call index * 2 + which of its endpoints).
    void add(int fd, std::uint64_t tag) {
        epoll_event event{};
        event.events = EPOLLIN | EPOLLET;
        event.data.u64 = tag;
        if (::epoll_ctl(fd_, EPOLL_CTL_ADD, fd, &event) != 0) {
            throw std::runtime_error("epoll_ctl failed");
        }
    }
    /// Waits up to `timeout` (nullptr: forever) and returns the ready tags' events.
    std::span<const epoll_event> wait(const timespec* timeout) {
        const int ready =
            ::epoll_pwait2(fd_, events_.data(), static_cast<int>(events_.size()), timeout, nullptr);
        if (ready < 0) {
            if (errno == EINTR) return {};
            throw std::runtime_error("epoll_pwait2 failed");
        }
        return {events_.data(), static_cast<std::size_t>(ready)};
    }

private:
    int fd_;
    std::array<epoll_event, 512> events_{};
};

/// What the relay thread did. It alone writes; main reads the counters in passing (relaxed:
/// figures, not synchronisation).
struct RelayTally {
    std::atomic<pid_t> tid{0};
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::uint64_t> sent{0};
};

/// One more, from the only thread that writes `counter` (a plain load and store, no lock).
void bump(std::atomic<std::uint64_t>& counter) {
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

/// The server stand-in: forwards frames to the model and deltas to the caller, nothing else.
void run_relay(std::vector<std::unique_ptr<Call>>& calls, const std::atomic<bool>& stop,
               RelayTally& tally, bool pin) {
    tally.tid = ::gettid();
    if (pin) pin_this_thread(0);
    Poller poller;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        poller.add(calls[i]->relay_caller_side->fd(), i * 2);
        poller.add(calls[i]->relay_model_side->fd(), i * 2 + 1);
    }
    const timespec check_stop{0, 100'000'000};
    while (!stop.load(std::memory_order_relaxed)) {
        for (const auto& event : poller.wait(&check_stop)) {
            Call& call = *calls[event.data.u64 / 2];
            if (event.data.u64 % 2 == 0) {
                call.relay_caller_side->drain([&](Kind kind, std::int64_t stamp) {
                    bump(tally.received);
                    if (kind != Kind::kFrame) return;  // a mark echo
                    call.relay_model_side->send(Kind::kAppend, stamp);
                    bump(tally.sent);
                });
            } else {
                call.relay_model_side->drain([&](Kind kind, std::int64_t stamp) {
                    bump(tally.received);
                    if (kind != Kind::kDelta) return;  // a transcript delta
                    call.relay_caller_side->send(Kind::kMedia, stamp);
                    bump(tally.sent);
                    if (++call.deltas % kMarkEveryDeltas != 0) return;
                    call.relay_caller_side->send(Kind::kMark, 0);
                    bump(tally.sent);
                });
            }
        }
    }
}

/// When the peers record round trips and when they stop. Clock is steady_clock, which is
/// CLOCK_MONOTONIC and so the same in both processes.
struct Window {
    Clock::time_point record_from;
    Clock::time_point record_until;
    Clock::time_point stop_at;
};

/// The callers and the model, in their own process as the load tool is: frames on each call's
/// phase of the tick, the model's answers, mark echoes; returns the round trips (ms) of the
/// frames sent inside the window.
std::vector<double> run_peers(std::vector<std::unique_ptr<Call>>& calls, const Window& window,
                              bool pin) {
    std::vector<double> round_trips_ms;
    if (pin) pin_this_thread(1);
    Poller poller;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        poller.add(calls[i]->caller->fd(), i * 2);
        poller.add(calls[i]->model->fd(), i * 2 + 1);
    }
    using Due = std::pair<Clock::time_point, std::size_t>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> schedule;
    const auto start = Clock::now();
    for (std::size_t i = 0; i < calls.size(); ++i) {
        schedule.emplace(start + voice_load::spread_phase(i), i);
    }
    while (Clock::now() < window.stop_at) {
        const auto until_due =
            std::max(Clock::duration::zero(), schedule.top().first - Clock::now());
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(until_due);
        const timespec timeout{seconds.count(), (until_due - seconds).count()};
        for (const auto& event : poller.wait(&timeout)) {
            Call& call = *calls[event.data.u64 / 2];
            if (event.data.u64 % 2 == 0) {
                call.caller->drain([&](Kind kind, std::int64_t stamp) {
                    if (kind == Kind::kMark) call.caller->send(Kind::kMarkEcho, 0);
                    const auto sent = Clock::time_point{std::chrono::nanoseconds{stamp}};
                    if (kind == Kind::kMedia && sent >= window.record_from &&
                        sent < window.record_until) {
                        round_trips_ms.push_back(static_cast<double>(now_ns() - stamp) / 1e6);
                    }
                });
            } else {
                call.model->drain([&](Kind kind, std::int64_t stamp) {
                    if (kind != Kind::kAppend) return;
                    call.model->send(Kind::kDelta, stamp);
                    if (++call.appends % kTranscriptEveryAppends == 0) {
                        call.model->send(Kind::kTranscript, 0);
                    }
                });
            }
        }
        for (auto now = Clock::now(); schedule.top().first <= now; now = Clock::now()) {
            auto [due, index] = schedule.top();
            schedule.pop();
            calls[index]->caller->send(Kind::kFrame, now_ns());
            schedule.emplace(due + kFrameInterval, index);
        }
    }
    return round_trips_ms;
}

struct Options {
    std::size_t calls = 200;
    double seconds = 15;
    double warmup = 3;
    bool tls = true;
    bool pin = true;
};

constexpr std::string_view kUsage =
    "usage: frontdesk_relay_floor [--calls N] [--seconds S] [--warmup S] [--plain] [--no-pin]";

/// `text` as a number of type T (voice_load::parse_number), or a usage error naming `name`.
template <typename T>
T number(std::string_view name, std::string_view text) {
    if (const auto value = voice_load::parse_number<T>(text)) return *value;
    throw std::invalid_argument(std::string(name) + " takes a number, not '" + std::string(text) +
                                "'\n" + std::string(kUsage));
}

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view name = argv[i];
        const bool has_value = i + 1 < argc;
        if (name == "--plain") {
            options.tls = false;
        } else if (name == "--no-pin") {
            options.pin = false;
        } else if (name == "--calls" && has_value) {
            options.calls = number<std::size_t>(name, argv[++i]);
        } else if (name == "--seconds" && has_value) {
            options.seconds = number<double>(name, argv[++i]);
        } else if (name == "--warmup" && has_value) {
            options.warmup = number<double>(name, argv[++i]);
        } else {
            throw std::invalid_argument(std::string(kUsage));
        }
    }
    if (options.calls == 0 || options.seconds <= 0 || options.warmup < 0) {
        throw std::invalid_argument("--calls and --seconds must be positive");
    }
    return options;
}

/// The relay thread's CPU, context switches and messages so far.
struct RelaySample {
    voice_load::CpuTime cpu;
    std::uint64_t switches = 0;
    std::uint64_t received = 0;
    std::uint64_t sent = 0;
};

RelaySample sample(const RelayTally& tally) {
    const auto task = "self/task/" + std::to_string(tally.tid.load());
    return {voice_load::cpu_time(task),
            voice_load::status_field(task, "voluntary_ctxt_switches") +
                voice_load::status_field(task, "nonvoluntary_ctxt_switches"),
            tally.received.load(std::memory_order_relaxed),
            tally.sent.load(std::memory_order_relaxed)};
}

/// Warm-up from now, then the measured window; the peers stop half a second after it, once the
/// relay has stopped reading.
Window window_from_now(const Options& options) {
    const auto seconds = [](double value) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(value));
    };
    const auto record_from = Clock::now() + seconds(options.warmup);
    const auto record_until = record_from + seconds(options.seconds);
    return {record_from, record_until, record_until + std::chrono::milliseconds{500}};
}

/// Round-trip figures, as the peers' process hands them to the relay's over a pipe.
struct RoundTrips {
    std::size_t frames = 0;
    double p50_ms = 0;
    double p99_ms = 0;
};

/// Forks the peers' process, which runs until window.stop_at and writes its RoundTrips to a
/// pipe; returns its pid and the pipe's read end. Call before starting any thread.
std::pair<pid_t, int> start_peers(std::vector<std::unique_ptr<Call>>& calls, const Window& window,
                                  bool pin) {
    std::array<int, 2> pipe_ends{};
    if (::pipe(pipe_ends.data()) != 0) throw std::runtime_error("pipe failed");
    const pid_t child = ::fork();
    if (child < 0) throw std::runtime_error("fork failed");
    if (child > 0) {
        ::close(pipe_ends[1]);
        return {child, pipe_ends[0]};
    }
    try {
        auto round_trips_ms = run_peers(calls, window, pin);
        RoundTrips result{round_trips_ms.size(), percentile(round_trips_ms, 0.50),
                          percentile(round_trips_ms, 0.99)};
        const bool written = ::write(pipe_ends[1], &result, sizeof result) == sizeof result;
        ::_exit(written ? 0 : 1);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "frontdesk_relay_floor peers: %s\n", error.what());
        ::_exit(1);
    }
}

/// Waits for the peers' process and reads what it measured. Throws if it failed.
RoundTrips finish_peers(pid_t child, int pipe_end) {
    RoundTrips result;
    const bool read_all = ::read(pipe_end, &result, sizeof result) == sizeof result;
    ::close(pipe_end);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!read_all || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error("the peers' process failed");
    }
    return result;
}

int run(const Options& options) {
    std::unique_ptr<Tls> tls;
    if (options.tls) {
        trust_test_ca_for_this_process();
        tls = std::make_unique<Tls>();
    }
    std::vector<std::unique_ptr<Call>> calls;
    for (std::size_t i = 0; i < options.calls; ++i) calls.push_back(open_call(tls.get()));

    const auto window = window_from_now(options);
    const auto [peers, peers_pipe] = start_peers(calls, window, options.pin);

    std::atomic<bool> stop{false};
    RelayTally tally;
    std::exception_ptr relay_error;
    std::thread relay([&] {
        try {
            run_relay(calls, stop, tally, options.pin);
        } catch (...) {
            relay_error = std::current_exception();
        }
    });
    std::this_thread::sleep_until(window.record_from);
    while (tally.tid == 0) std::this_thread::yield();
    const auto before = sample(tally);
    std::this_thread::sleep_until(window.record_until);
    const auto after = sample(tally);
    stop = true;
    relay.join();
    const auto round_trips = finish_peers(peers, peers_pipe);
    if (relay_error) std::rethrow_exception(relay_error);

    const double call_seconds = static_cast<double>(options.calls) * options.seconds;
    const double cpu_ms = (after.cpu.total() - before.cpu.total()) * 1e3;
    const double kernel_ms = (after.cpu.system - before.cpu.system) * 1e3;
    const double frames_per_call_s = static_cast<double>(round_trips.frames) / call_seconds;
    const double p50 = round_trips.p50_ms;
    const double p99 = round_trips.p99_ms;
    std::printf(
        "frontdesk relay floor: %zu calls, model leg %s; %.1f s window after %.1f s warm-up; "
        "%s\n",
        options.calls, options.tls ? "TLS" : "plain TCP", options.seconds, options.warmup,
        options.pin ? "relay on core 0, peers on core 1" : "not pinned (--no-pin)");
    std::printf(
        "relay CPU    %.0f ms = %.1f %% of a core = %.3f ms per call-second, of which "
        "kernel %.3f; %.0f context switches per call-second\n",
        cpu_ms, cpu_ms / (options.seconds * 10), cpu_ms / call_seconds, kernel_ms / call_seconds,
        static_cast<double>(after.switches - before.switches) / call_seconds);
    std::printf(
        "messages     per call-second: %.1f frames round-tripped (50 expected); the relay "
        "received %.1f and sent %.1f\n",
        frames_per_call_s, static_cast<double>(after.received - before.received) / call_seconds,
        static_cast<double>(after.sent - before.sent) / call_seconds);
    std::printf("round trip   p50 %.3f ms, p99 %.3f ms (the peers' loop included)\n", p50, p99);
    std::printf(
        "JSON {\"calls\":%zu,\"tls\":%s,\"window_s\":%.1f,\"relay_cpu_ms_per_call_s\":%.4f,"
        "\"relay_kernel_ms_per_call_s\":%.4f,\"frames_per_call_s\":%.2f,"
        "\"rtt_p50_ms\":%.4f,\"rtt_p99_ms\":%.4f}\n",
        options.calls, options.tls ? "true" : "false", options.seconds, cpu_ms / call_seconds,
        kernel_ms / call_seconds, frames_per_call_s, p50, p99);
    return 0;
}

}  // namespace
}  // namespace frontdesk::test::relay_floor

int main(int argc, char** argv) {
    try {
        return frontdesk::test::relay_floor::run(frontdesk::test::relay_floor::parse(argc, argv));
    } catch (const std::invalid_argument& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "frontdesk_relay_floor: %s\n", error.what());
        return 1;
    }
}
