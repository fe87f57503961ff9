// The Twilio side of frontdesk_voice_load (PROTOCOLS §3): many Media Streams callers as
// coroutines on one thread. Like the fake model, the per-frame path (media out; media and mark
// in; mark echoes out) is hand-built text, so that the tool costs the machine little next to
// the server it measures.
#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <exception>
#include <thread>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <nlohmann/json.hpp>

#include "bench/voice_load.hpp"
#include "media/base64.hpp"

namespace frontdesk::test::voice_load {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kSentRing = 512;  // 10 s of frames: an older echo counts as lost
constexpr std::size_t kUlawBytesPerMs = 8;
constexpr std::size_t kReasonsKept = 5;
constexpr std::string_view kMediaHead = R"({"event":"media")";
constexpr std::string_view kMarkHead = R"({"event":"mark")";
constexpr std::string_view kPayloadKey = R"("payload":")";
constexpr std::string_view kNameKey = R"("name":")";

/// The string value after `key` in hand-built JSON (no escapes in it), or nullopt.
std::optional<std::string_view> raw_string_after(std::string_view text, std::string_view key) {
    const auto at = text.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    const auto begin = at + key.size();
    const auto end = text.find('"', begin);
    if (end == std::string_view::npos) return std::nullopt;
    const auto value = text.substr(begin, end - begin);
    if (value.find('\\') != std::string_view::npos) return std::nullopt;
    return value;
}

double to_ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// Call `index`'s offset within the 20 ms frame tick: spread_phase(), or 0 for every call when
/// they are aligned.
Clock::duration frame_phase(std::size_t index, const CallerPlan& plan) {
    return plan.aligned_frames ? Clock::duration::zero() : spread_phase(index);
}

/// The first instant at or after `now` that lies on call `index`'s frame tick.
Clock::time_point next_tick(std::size_t index, const CallerPlan& plan, Clock::time_point now) {
    const auto origin = plan.first_ring + frame_phase(index, plan);
    if (now <= origin) return origin;
    const auto ticks = (now - origin + kFrameInterval - Clock::duration{1}) / kFrameInterval;
    return origin + ticks * kFrameInterval;
}

/// What one caller measured; read by the fleet once its loop has stopped.
struct CallerTally {
    bool connected = false;
    bool failed = false;
    bool ended_early = false;
    bool bridged = false;
    std::string end_reason;
    Clock::time_point live_from{};
    Clock::time_point live_until{};
    std::uint64_t frames_sent = 0;
    std::uint64_t frames_echoed = 0;
    std::uint64_t frames_cleared = 0;  // never echoed, and outstanding when a clear came
    std::uint64_t frames_unmatched = 0;
    std::uint64_t marks_echoed = 0;
    std::uint64_t clears = 0;
    std::uint64_t late_ticks = 0;
    std::vector<double> round_trip_ms;
};

/// One simulated Twilio call. Runs on the fleet's loop; owned by the fleet and by its two
/// coroutines (the sender, which also echoes marks, and the reader).
class Caller : public std::enable_shared_from_this<Caller> {
public:
    Caller(asio::io_context& ioc, std::size_t index, const CallerPlan& plan,
           std::atomic<std::size_t>& live)
        : index_(index), plan_(plan), live_(live), ws_(ioc), ticker_(ioc) {
        char sid[40];
        std::snprintf(sid, sizeof sid, "CA%032zx", index + 1);
        call_sid_ = sid;
        std::snprintf(sid, sizeof sid, "MZ%032zx", index + 1);
        stream_sid_ = sid;
        std::snprintf(sid, sizeof sid, "+9198%08zu", index + 1);
        caller_number_ = sid;
    }

    static asio::awaitable<void> run(std::shared_ptr<Caller> self) { co_await self->call(); }

    [[nodiscard]] const CallerTally& tally() const noexcept { return tally_; }

private:
    struct SentFrame {
        std::uint32_t sequence = 0;
        Clock::time_point at{};
        bool echoed = false;
        bool outstanding_at_clear = false;  // its echo may have been in the queue a clear flushed
    };
    struct PendingMark {
        Clock::time_point due{};  // when the audio queued ahead of it has played
        std::string name;
    };

    asio::awaitable<void> call();
    asio::awaitable<void> stream();
    static asio::awaitable<void> read_loop(std::shared_ptr<Caller> self);
    // `text` must stay valid until the co_await completes (every caller awaits at once).
    asio::awaitable<bool> send(std::string_view text);
    void on_text(std::string_view text);
    void on_media(std::string_view payload);
    void on_closed(const beast::error_code& error);
    void retire(const SentFrame& frame);
    [[nodiscard]] std::string next_sequence() { return std::to_string(++messages_); }
    [[nodiscard]] bool in_window(Clock::time_point t) const {
        return t >= plan_.window_start && t < plan_.window_end;
    }

    const std::size_t index_;
    const CallerPlan& plan_;          // the fleet's; outlives every caller
    std::atomic<std::size_t>& live_;  // the fleet's count of streaming callers
    websocket::stream<beast::tcp_stream> ws_;
    asio::steady_timer ticker_;  // the 20 ms frame clock; cancelled when the server hangs up
    std::string call_sid_;
    std::string stream_sid_;
    std::string caller_number_;
    std::uint64_t messages_ = 0;  // Twilio's sequenceNumber: "1" is the start
    std::uint32_t frames_ = 0;    // media chunks sent; also the tag's sequence number
    std::array<SentFrame, kSentRing> sent_{};
    std::array<std::uint8_t, kFrameBytes> frame_{};
    std::string text_;  // the outgoing media frame, reused
    beast::flat_buffer buffer_;
    Clock::time_point played_until_{};  // the end of the agent audio queued at "Twilio"
    std::deque<PendingMark> marks_;
    bool closed_ = false;   // the socket is done (either side)
    bool hung_up_ = false;  // we sent stop: a close from now on is expected
    CallerTally tally_;
};

asio::awaitable<void> Caller::call() {
    ticker_.expires_at(plan_.first_ring +
                       plan_.ramp * static_cast<long>(index_) /
                           static_cast<long>(std::max<std::size_t>(plan_.calls, 1)));
    co_await ticker_.async_wait(kUseTuple);
    const tcp::endpoint server(asio::ip::make_address_v4("127.0.0.1"), plan_.server_port);
    auto [connect_error] = co_await beast::get_lowest_layer(ws_).async_connect(server, kUseTuple);
    if (connect_error) {
        tally_.failed = true;
        tally_.end_reason = "connect: " + connect_error.message();
        co_return;
    }
    beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true));
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    const auto host = "127.0.0.1:" + std::to_string(plan_.server_port);
    auto [handshake_error] = co_await ws_.async_handshake(host, "/voice/stream", kUseTuple);
    if (handshake_error) {
        tally_.failed = true;
        tally_.end_reason = "upgrade: " + handshake_error.message();
        co_return;
    }
    tally_.connected = true;
    ws_.text(true);
    asio::co_spawn(ws_.get_executor(), read_loop(shared_from_this()), [](std::exception_ptr) {});
    live_.fetch_add(1, std::memory_order_relaxed);
    co_await stream();
    live_.fetch_sub(1, std::memory_order_relaxed);
    tally_.live_until = Clock::now();
}

asio::awaitable<void> Caller::stream() {
    const nlohmann::json start = {
        {"event", "start"},
        {"sequenceNumber", next_sequence()},
        {"start",
         {{"accountSid", "AC00000000000000000000000000000001"},
          {"streamSid", stream_sid_},
          {"callSid", call_sid_},
          {"tracks", {"inbound"}},
          {"customParameters",
           {{"facility_id", "pickle_x_mysore"},
            {"caller", caller_number_},
            {"called", "+919876543210"},
            {"call_sid", call_sid_}}},
          {"mediaFormat", {{"encoding", "audio/x-mulaw"}, {"sampleRate", 8000}, {"channels", 1}}}}},
        {"streamSid", stream_sid_}};
    bool ok = co_await send(R"({"event":"connected","protocol":"Call","version":"1.0.0"})");
    const auto start_text = start.dump();
    if (ok) ok = co_await send(start_text);
    // Frame n leaves at stream_start + 20n ms, on this call's own phase of the tick.
    const auto stream_start = next_tick(index_, plan_, Clock::now());
    tally_.live_from = stream_start;
    auto next = stream_start;
    while (ok) {
        // Frame n carries the audio of [20(n-1), 20n) ms and leaves when that has been "spoken".
        next += kFrameInterval;
        ticker_.expires_at(next);
        co_await ticker_.async_wait(kUseTuple);
        const auto now = Clock::now();
        if (closed_ || now >= plan_.hang_up) break;
        if (now - next > kFrameInterval) ++tally_.late_ticks;
        ++frames_;
        write_tagged_frame(frames_, frame_);
        const auto timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
            next - kFrameInterval - stream_start);
        text_.assign(R"({"event":"media","sequenceNumber":")");
        text_.append(next_sequence()).append(R"(","media":{"track":"inbound","chunk":")");
        text_.append(std::to_string(frames_)).append(R"(","timestamp":")");
        text_.append(std::to_string(timestamp.count())).append(R"(","payload":")");
        media::base64_encode_append(frame_, text_);
        text_.append(R"("},"streamSid":")").append(stream_sid_).append(R"("})");
        auto& slot = sent_[frames_ % kSentRing];
        retire(slot);
        slot = SentFrame{frames_, now, false, false};
        if (in_window(now)) ++tally_.frames_sent;
        ok = co_await send(text_);
        // Marks whose audio has played by now go back, as Twilio echoes them.
        while (ok && !marks_.empty() && marks_.front().due <= now) {
            const auto mark = std::move(marks_.front());
            marks_.pop_front();
            ++tally_.marks_echoed;
            const auto echo = R"({"event":"mark","sequenceNumber":")" + next_sequence() +
                              R"(","streamSid":")" + stream_sid_ + R"(","mark":{"name":")" +
                              mark.name + R"("}})";
            ok = co_await send(echo);
        }
    }
    for (const auto& frame : sent_) retire(frame);
    if (closed_) co_return;
    hung_up_ = true;
    const nlohmann::json stop = {
        {"event", "stop"},
        {"sequenceNumber", next_sequence()},
        {"streamSid", stream_sid_},
        {"stop", {{"accountSid", "AC00000000000000000000000000000001"}, {"callSid", call_sid_}}}};
    const auto stop_text = stop.dump();
    const bool stop_sent = co_await send(stop_text);
    if (stop_sent) {
        auto [close_error] = co_await ws_.async_close(websocket::close_code::normal, kUseTuple);
        (void)close_error;  // the server may have closed first after the stop
    }
}

asio::awaitable<bool> Caller::send(std::string_view text) {
    auto [error, written] = co_await ws_.async_write(asio::buffer(text), kUseTuple);
    if (error) on_closed(error);
    co_return !error;
}

asio::awaitable<void> Caller::read_loop(std::shared_ptr<Caller> self) {
    for (;;) {
        self->buffer_.clear();
        auto [error, read] = co_await self->ws_.async_read(self->buffer_, kUseTuple);
        if (error) {
            self->on_closed(error);
            co_return;
        }
        const auto* data = static_cast<const char*>(self->buffer_.cdata().data());
        self->on_text(std::string_view{data, self->buffer_.size()});
    }
}

void Caller::on_closed(const beast::error_code& error) {
    if (std::exchange(closed_, true)) return;
    ticker_.cancel();
    if (hung_up_) return;
    tally_.ended_early = true;
    const auto& reason = ws_.reason();
    tally_.end_reason =
        reason.code != websocket::close_code::none
            ? "closed " + std::to_string(reason.code) + " " + std::string{reason.reason.c_str()}
            : error.message();
}

// Accounts for a frame leaving the ring: a frame of the window that never came back was either
// agent audio the server dropped from its queue at a barge-in (as it should), or lost.
void Caller::retire(const SentFrame& frame) {
    if (frame.sequence == 0 || frame.echoed || !in_window(frame.at)) return;
    if (frame.outstanding_at_clear) ++tally_.frames_cleared;
}

void Caller::on_text(std::string_view text) {
    if (text.starts_with(kMediaHead)) {
        if (const auto payload = raw_string_after(text, kPayloadKey)) on_media(*payload);
        return;
    }
    if (text.starts_with(kMarkHead)) {
        if (auto name = raw_string_after(text, kNameKey)) {
            marks_.push_back(
                PendingMark{std::max(played_until_, Clock::now()), std::string{*name}});
        }
        return;
    }
    const auto event = nlohmann::json::parse(text, nullptr, false);
    if (event.is_object() && event.contains("event") && event["event"] == "clear") {
        // Twilio drops the queued audio and echoes every pending mark at once.
        ++tally_.clears;
        played_until_ = Clock::now();
        for (auto& mark : marks_) mark.due = played_until_;
        for (auto& frame : sent_) frame.outstanding_at_clear = !frame.echoed;
    }
}

void Caller::on_media(std::string_view payload) {
    const auto now = Clock::now();
    const auto bytes = payload.size() / 4 * 3;
    played_until_ =
        std::max(played_until_, now) + std::chrono::microseconds{bytes * 1000 / kUlawBytesPerMs};
    const auto sequence = tagged_sequence(payload);
    auto& sent = sent_[sequence.value_or(0) % kSentRing];
    if (!sequence || sent.sequence != *sequence || sent.echoed) {
        ++tally_.frames_unmatched;  // the greeting, or an echo too old to match
        return;
    }
    sent.echoed = true;
    tally_.bridged = true;
    if (!in_window(sent.at)) return;
    ++tally_.frames_echoed;
    tally_.round_trip_ms.push_back(to_ms(now - sent.at));
}

}  // namespace

struct CallerFleet::Impl {
    explicit Impl(CallerPlan p) : plan(p) {}

    const CallerPlan plan;
    asio::io_context ioc{1};
    std::vector<std::shared_ptr<Caller>> callers;  // destroyed before the loop
    std::atomic<std::size_t> live{0};
    std::atomic<std::size_t> finished{0};
    std::thread thread;
};

CallerFleet::CallerFleet(CallerPlan plan) : impl_(std::make_unique<Impl>(plan)) {
    impl_->callers.reserve(plan.calls);
    for (std::size_t i = 0; i < plan.calls; ++i) {
        auto caller = std::make_shared<Caller>(impl_->ioc, i, impl_->plan, impl_->live);
        asio::co_spawn(impl_->ioc, Caller::run(caller), [impl = impl_.get()](std::exception_ptr) {
            impl->finished.fetch_add(1, std::memory_order_relaxed);
        });
        impl_->callers.push_back(std::move(caller));
    }
    impl_->thread = std::thread{[impl = impl_.get()] { impl->ioc.run(); }};
}

CallerFleet::~CallerFleet() {
    if (!impl_->thread.joinable()) return;
    impl_->ioc.stop();
    impl_->thread.join();
}

std::size_t CallerFleet::live_calls() const noexcept {
    return impl_->live.load(std::memory_order_relaxed);
}

CallerReport CallerFleet::join(Clock::time_point deadline) {
    constexpr auto kPoll = std::chrono::milliseconds{50};
    while (impl_->finished.load() < impl_->callers.size() && Clock::now() < deadline) {
        std::this_thread::sleep_for(kPoll);
    }
    impl_->ioc.stop();  // callers still running past the deadline are abandoned
    impl_->thread.join();

    CallerReport report;
    const auto& plan = impl_->plan;
    for (const auto& caller : impl_->callers) {
        const auto& tally = caller->tally();
        report.connected += tally.connected;
        report.failed += tally.failed;
        report.ended_early += tally.ended_early;
        report.bridged += tally.bridged;
        if (!tally.end_reason.empty() && report.early_end_reasons.size() < kReasonsKept) {
            report.early_end_reasons.push_back(tally.end_reason);
        }
        if (tally.connected) {
            const auto until =
                tally.live_until == Clock::time_point{} ? plan.window_end : tally.live_until;
            const auto from = std::max(tally.live_from, plan.window_start);
            const auto to = std::min(until, plan.window_end);
            if (to > from) report.call_seconds += std::chrono::duration<double>(to - from).count();
        }
        report.frames_sent += tally.frames_sent;
        report.frames_echoed += tally.frames_echoed;
        report.frames_cleared += tally.frames_cleared;
        report.frames_unmatched += tally.frames_unmatched;
        report.marks_echoed += tally.marks_echoed;
        report.clears += tally.clears;
        report.late_ticks += tally.late_ticks;
        report.round_trip_ms.insert(report.round_trip_ms.end(), tally.round_trip_ms.begin(),
                                    tally.round_trip_ms.end());
    }
    return report;
}

// ---- Tagged frames ------------------------------------------------------------------------------

namespace {
constexpr std::array<std::uint8_t, 4> kTag{0x46, 0x44, 0x4C, 0x54};  // "FDLT"
constexpr std::size_t kTaggedBytes = 9;  // tag + 4-byte sequence + 1: whole base64 groups
constexpr std::size_t kTaggedChars = 12;
constexpr std::uint8_t kSilence = 0xFF;
}  // namespace

void write_tagged_frame(std::uint32_t sequence, std::span<std::uint8_t, kFrameBytes> out) noexcept {
    std::fill(out.begin(), out.end(), kSilence);
    std::copy(kTag.begin(), kTag.end(), out.begin());
    for (std::size_t i = 0; i < 4; ++i) {
        out[kTag.size() + i] = static_cast<std::uint8_t>(sequence >> (24U - 8U * i));
    }
}

std::optional<std::uint32_t> tagged_sequence(std::string_view base64) noexcept {
    if (base64.size() < kTaggedChars) return std::nullopt;
    std::array<std::uint8_t, kTaggedBytes> head{};
    const auto written = media::base64_decode(base64.substr(0, kTaggedChars), head);
    if (written != kTaggedBytes || !std::equal(kTag.begin(), kTag.end(), head.begin())) {
        return std::nullopt;
    }
    std::uint32_t sequence = 0;
    for (std::size_t i = 0; i < 4; ++i) sequence = (sequence << 8U) | head[kTag.size() + i];
    return sequence;
}

}  // namespace frontdesk::test::voice_load
