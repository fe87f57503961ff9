#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/secret.hpp"
#include "realtime/realtime_connection.hpp"
#include "realtime/realtime_endpoint.hpp"
#include "realtime/send_queue.hpp"

namespace frontdesk::realtime {

namespace asio = boost::asio;
namespace beast = boost::beast;

struct RealtimeClientLimits {
    SendQueueLimits queue;
    std::chrono::milliseconds connect_timeout{5000};  // TCP + TLS, and then the upgrade
    std::chrono::milliseconds idle_timeout{20000};    // silence (pings unanswered) ends it
    std::size_t read_message_max = 4 * 1024 * 1024;   // one server event (audio deltas are small)
    std::uint32_t max_bad_events = 20;  // unparseable events in a row before giving up
};

/// The OpenAI Realtime websocket client of one call: wss with SNI and certificate plus host-name
/// verification (never disabled), `Authorization: Bearer` from a Secret that is never logged,
/// one read loop and one writer loop over a byte-bounded SendQueue.
///
/// Strand: constructed with the call strand; every public method is called on it and the
/// listener is called only on it. Owned by shared_ptr, kept alive by its coroutines; borrows the
/// TLS context (the app keeps it for the process) and the listener until close()/on_model_closed.
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

    static asio::awaitable<void> run(std::shared_ptr<RealtimeClient> self);
    static asio::awaitable<void> write_loop(std::shared_ptr<RealtimeClient> self);
    asio::awaitable<beast::error_code> connect();
    asio::awaitable<void> read_loop();
    void handle_text(std::string_view text);
    void fail(ModelEnd reason, std::string_view detail) noexcept;

    using Websocket = beast::websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

    asio::any_io_executor strand_;
    RealtimeEndpoint endpoint_;
    Secret api_key_;
    RealtimeClientLimits limits_;
    Websocket ws_;
    beast::flat_buffer read_buffer_;
    SendQueue queue_;
    asio::steady_timer writer_wakeup_;      // cancelled by send_*() to resume write_loop
    std::string log_context_;               // "call_sid=…", prefixes every log line
    RealtimeListener* listener_ = nullptr;  // borrowed; nulled by close() and fail()
    State state_ = State::kIdle;
    std::uint32_t bad_events_in_a_row_ = 0;
};

/// Binds the TLS context, endpoint and key: the connector the app hands to call sessions.
/// Borrows `tls`, which must outlive every connection.
[[nodiscard]] RealtimeConnector make_realtime_connector(asio::ssl::context& tls,
                                                        RealtimeEndpoint endpoint, Secret api_key);

}  // namespace frontdesk::realtime
