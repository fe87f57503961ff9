#pragma once
// The engine shared by FakeTwilioCaller and FakeExotelCaller: a Beast websocket client that
// plays a carrier's side of a media stream over a real socket. The carrier wrappers only say
// what the frames look like.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace frontdesk::test {

/// What a fake caller has seen so far (a copy; safe to read from any thread).
struct CallerObservations {
    bool handshake_done = false;
    bool handshake_failed = false;
    unsigned handshake_status = 0;  // the HTTP status when the server declined
    bool closed = false;
    int close_code = 0;  // websocket close code sent by the server; 0: none (socket cut)
    std::string close_reason;
    std::size_t media_frames_sent = 0;
    std::size_t media_frames_heard = 0;
    std::vector<std::uint8_t> heard;        // decoded outbound audio, in order
    std::vector<std::size_t> heard_sizes;   // decoded bytes per media frame
    std::vector<std::string> marks;         // names of marks received
    std::vector<std::size_t> mark_offsets;  // heard.size() when each mark arrived
    std::vector<std::string> marks_echoed;  // names echoed back, in order
    std::size_t clears = 0;
    std::vector<std::string> events;  // event names received, in order
};

/// How one carrier spells its frames.
struct CallerDialect {
    std::string target;  // "/voice/stream" or "/voice/exotel?sample-rate=8000"
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::string> opening_frames;  // connected, start
    std::function<std::string(std::span<const std::uint8_t> audio, std::int64_t timestamp_ms)>
        media_frame;
    std::function<std::string(std::string_view name)> mark_frame;
    std::function<std::string()> stop_frame;
    std::string stream_key;  // "streamSid" / "stream_sid": checked on every frame received
};

struct CallerScript {
    std::size_t frame_bytes = 160;              // bytes of audio per media frame
    std::uint8_t fill = 0xFF;                   // the audio byte sent
    std::size_t media_frames = 0;               // sent after the opening frames
    std::chrono::milliseconds pacing{20};       // 0: as fast as the socket takes them
    std::chrono::milliseconds frame_clock{20};  // media.timestamp step
    bool echo_marks = true;
    /// Marks echoed on arrival at most; later ones are held (audio "still playing") until a clear,
    /// which echoes every held mark as Twilio does (PROTOCOLS §3.3). Makes barge-in deterministic.
    std::size_t max_mark_echoes = std::numeric_limits<std::size_t>::max();
};

/// One fake call. Runs on `executor` (an io_context the test runs); every public method may
/// be called from any thread (they post to the executor). Kept alive by its coroutines.
class FakeCallerCore : public std::enable_shared_from_this<FakeCallerCore> {
public:
    FakeCallerCore(boost::asio::any_io_executor executor, std::uint16_t port, CallerDialect dialect,
                   CallerScript script);

    void start();
    void send_text(std::string text);  // any frame, e.g. a malformed one
    void send_stop();
    /// One media frame carrying `audio`, in the carrier's dialect, after anything queued.
    void send_audio(std::vector<std::uint8_t> audio);
    /// Stops reading from the socket (a stuck carrier); the server's writes back up.
    void stop_reading();
    void close();  // a normal websocket close from the caller's side
    /// Sets the socket's receive buffer before connecting (backpressure tests).
    void set_receive_buffer(int bytes) { receive_buffer_ = bytes; }

    [[nodiscard]] CallerObservations observations() const;
    /// Waits until `done(observations)` holds, at most `deadline`; false on the deadline.
    [[nodiscard]] bool wait_until(const std::function<bool(const CallerObservations&)>& done,
                                  std::chrono::milliseconds deadline) const;

private:
    using WebSocket = boost::beast::websocket::stream<boost::beast::tcp_stream>;

    static boost::asio::awaitable<void> run(std::shared_ptr<FakeCallerCore> self);
    static boost::asio::awaitable<void> read_loop(std::shared_ptr<FakeCallerCore> self);
    static boost::asio::awaitable<void> write_loop(std::shared_ptr<FakeCallerCore> self);
    static boost::asio::awaitable<void> media_loop(std::shared_ptr<FakeCallerCore> self);
    void enqueue(std::string text);
    void on_frame(std::string_view text);
    void on_mark(const std::string& name);  // mutex_ held
    void on_closed(const boost::beast::error_code& ec);

    boost::asio::any_io_executor executor_;
    std::uint16_t port_ = 0;
    CallerDialect dialect_;
    CallerScript script_;
    WebSocket ws_;
    boost::asio::steady_timer writer_wakeup_;
    boost::asio::steady_timer reader_gate_;  // read_loop waits here while reading is paused
    std::deque<std::string> outbox_;         // executor only
    bool reading_ = true;                    // executor only
    bool closing_ = false;                   // executor only
    int receive_buffer_ = 0;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;  // notified whenever seen_ changes
    CallerObservations seen_;                  // guarded by mutex_
    std::vector<std::string> held_marks_;      // guarded by mutex_: beyond max_mark_echoes
    std::size_t echoed_on_arrival_ = 0;        // guarded by mutex_
};

/// The io_context the fake callers of one test run on, with its own thread. Declare it before
/// the callers: its destructor stops the loop and joins, abandoning calls still open.
class FakeCallerThread {
public:
    FakeCallerThread() : thread_([this] { ioc_.run(); }) {}
    ~FakeCallerThread() {
        work_.reset();
        ioc_.stop();
        thread_.join();
    }
    FakeCallerThread(const FakeCallerThread&) = delete;
    FakeCallerThread& operator=(const FakeCallerThread&) = delete;

    [[nodiscard]] boost::asio::any_io_executor executor() { return ioc_.get_executor(); }

private:
    boost::asio::io_context ioc_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
        boost::asio::make_work_guard(ioc_);
    std::thread thread_;
};

}  // namespace frontdesk::test
