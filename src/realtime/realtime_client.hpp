#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/secret.hpp"
#include "net/strand.hpp"
#include "realtime/realtime_connection.hpp"
#include "realtime/realtime_endpoint.hpp"
#include "realtime/send_queue.hpp"

namespace frontdesk::realtime {

namespace asio = boost::asio;
namespace beast = boost::beast;

/// Per-connection limits. Defaults suit production; tests shrink the durations.
struct RealtimeClientLimits {
    SendQueueLimits queue;
    std::chrono::milliseconds connect_timeout{5000};  // TCP + TLS, and then the upgrade
    /// A dead peer: Beast's timer ticks every idle_timeout / 2; the first tick with nothing
    /// received since the one before sends a ping, the next such tick gives up (kTimedOut). So
    /// a silent server is dropped between idle_timeout / 2 and idle_timeout after its last byte.
    std::chrono::milliseconds idle_timeout{10000};
    /// One websocket write pending longer than this ends the connection (kWriteStalled): a
    /// server that still sends but stopped reading, which the idle timeout cannot see.
    std::chrono::milliseconds write_stall{5000};
    /// Our close handshake (close frame out, the server's back); then the socket is cut.
    std::chrono::milliseconds close_timeout{2000};
    std::size_t read_message_max = 4 * 1024 * 1024;  // one server event (audio deltas are small)
    std::uint32_t max_bad_events = 20;               // unparseable events in a row before giving up
};

/// The OpenAI Realtime websocket client of one call: wss with SNI and certificate plus host-name
/// verification (never disabled), `Authorization: Bearer` from a Secret that is never logged,
/// one read loop, and writes over a byte-bounded SendQueue: send_*() starts the write at once
/// when none is in flight (the frame leaves within the caller's handler, no hop through the
/// scheduler's queue), and each completed write starts the next.
///
/// Strand: constructed with the call strand (a net::Strand; any other executor type throws
/// std::invalid_argument); every public method is called on it and the listener only on it.
/// Owned by shared_ptr, kept alive by its coroutines; borrows the TLS context (the app keeps it
/// for the process) and the listener until close()/on_model_closed.
///
/// Liveness: a watchdog coroutine ends the connection when TCP and TLS take longer than
/// `connect_timeout` (kConnectFailed) and when one write stays pending longer than `write_stall`
/// (kWriteStalled); it wakes at least every `write_stall` and reads the stored write deadline
/// then, so a write costs it nothing. Beast's keep-alive pings end the connection when the
/// server sends nothing for `idle_timeout` (kTimedOut). close() sends a close frame and cuts the
/// socket after `close_timeout` at most. Every coroutine and timer ends with the connection (the
/// kClosed state).
class RealtimeClient final : public RealtimeConnection,
                             public std::enable_shared_from_this<RealtimeClient> {
public:
    RealtimeClient(asio::any_io_executor strand, asio::ssl::context& tls, RealtimeEndpoint endpoint,
                   Secret api_key, RealtimeClientLimits limits, std::string log_context);
    RealtimeClient(const RealtimeClient&) = delete;
    RealtimeClient& operator=(const RealtimeClient&) = delete;

    void start(RealtimeListener& listener) override;
    void send_audio(std::span<const std::uint8_t> audio) override;
    void send_event(std::string event) override;
    [[nodiscard]] std::uint64_t dropped_audio() const noexcept override {
        return queue_.dropped_audio();
    }
    void close() noexcept override;

private:
    enum class State : std::uint8_t { kIdle, kConnecting, kOpen, kClosing, kClosed };

    using Websocket = beast::websocket::stream<beast::ssl_stream<net::StrandSocket>>;
    using Clock = std::chrono::steady_clock;
    template <class T = void>
    using Awaitable = asio::awaitable<T, net::Strand>;

    static Awaitable<> run(std::shared_ptr<RealtimeClient> self);
    static Awaitable<> watchdog(std::shared_ptr<RealtimeClient> self);
    void spawn(Awaitable<> coroutine, const char* what);
    Awaitable<beast::error_code> connect();
    Awaitable<> read_loop();
    void handle_text(std::string_view text);
    [[nodiscard]] Clock::time_point next_deadline() const noexcept;
    void on_watchdog_expired() noexcept;
    /// Starts the next write (or, once kClosing, the close handshake) unless one is in flight.
    void write_next() noexcept;
    void on_written(const beast::error_code& ec) noexcept;
    void fail(ModelEnd reason, std::string_view detail) noexcept;
    /// The end of every path: kClosed, socket closed, wake-ups cancelled. Idempotent.
    void shut_down() noexcept;

    net::Strand strand_;
    RealtimeEndpoint endpoint_;
    Secret api_key_;
    RealtimeClientLimits limits_;
    Websocket ws_;
    beast::flat_buffer read_buffer_;
    SendQueue queue_;
    std::string in_flight_;                 // the frame being written (Beast borrows it)
    net::StrandTimer watchdog_;             // cancelled by close(), shut_down(), connect()
    std::string log_context_;               // "call_sid=…", prefixes every log line
    RealtimeListener* listener_ = nullptr;  // borrowed; nulled by close() and fail()
    State state_ = State::kIdle;
    bool writing_ = false;  // a write or the close handshake is in flight
    Clock::time_point connect_deadline_ = Clock::time_point::max();  // of TCP and TLS
    Clock::time_point write_deadline_ = Clock::time_point::max();    // of the write in flight
    Clock::time_point close_deadline_ = Clock::time_point::max();    // set by close()
    std::uint32_t bad_events_in_a_row_ = 0;
};

/// Binds the TLS context, endpoint, key and limits: the connector the app hands to call
/// sessions (each session sets `limits.queue` from its own settings). Borrows `tls`, which must
/// outlive every connection.
[[nodiscard]] RealtimeConnector make_realtime_connector(asio::ssl::context& tls,
                                                        RealtimeEndpoint endpoint, Secret api_key,
                                                        RealtimeClientLimits limits = {});

}  // namespace frontdesk::realtime
