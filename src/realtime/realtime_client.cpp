#include "realtime/realtime_client.hpp"

#include <openssl/ssl.h>

#include <algorithm>
#include <exception>
#include <tuple>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "core/logging.hpp"
#include "net/tls_stream.hpp"

namespace frontdesk::realtime {
namespace {

namespace websocket = beast::websocket;
namespace http = beast::http;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable_t<net::Strand>{});

spdlog::logger& log() {
    static const auto instance = logger("realtime");
    return *instance;
}

/// The endings of a connection we asked to close, or that the peer closed cleanly.
bool is_normal_ending(const beast::error_code& ec) {
    return ec == websocket::error::closed || ec == asio::error::operation_aborted ||
           ec == asio::ssl::error::stream_truncated || ec == asio::error::eof;
}

}  // namespace

std::string_view to_string(ModelEnd reason) noexcept {
    switch (reason) {
        case ModelEnd::kClosedByUs:
            return "closed_by_us";
        case ModelEnd::kConnectFailed:
            return "connect_failed";
        case ModelEnd::kDropped:
            return "dropped";
        case ModelEnd::kQueueOverflow:
            return "queue_overflow";
        case ModelEnd::kProtocolError:
            return "protocol_error";
        case ModelEnd::kWriteStalled:
            return "write_stalled";
        case ModelEnd::kTimedOut:
            return "timed_out";
    }
    return "unknown";
}

RealtimeClient::RealtimeClient(asio::any_io_executor strand, asio::ssl::context& tls,
                               RealtimeEndpoint endpoint, Secret api_key,
                               RealtimeClientLimits limits, std::string log_context)
    : strand_(net::strand_of(strand)),
      endpoint_(std::move(endpoint)),
      api_key_(std::move(api_key)),
      limits_(limits),
      ws_(strand_, tls),
      queue_(limits.queue),
      watchdog_(strand_),
      log_context_(std::move(log_context)) {}

void RealtimeClient::spawn(Awaitable<> coroutine, const char* what) {
    // An exception escaping a coroutine ends this connection only, never the io_context.
    asio::co_spawn(strand_, std::move(coroutine),
                   [self = shared_from_this(), what](const std::exception_ptr& error) {
                       if (!error) return;
                       try {
                           std::rethrow_exception(error);
                       } catch (const std::exception& e) {
                           log().error("{} model {} failed: {}", self->log_context_, what,
                                       e.what());
                       } catch (...) {
                           log().error("{} model {} failed", self->log_context_, what);
                       }
                       self->fail(ModelEnd::kDropped, "internal error");
                   });
}

void RealtimeClient::start(RealtimeListener& listener) {
    if (state_ != State::kIdle) return;
    listener_ = &listener;
    state_ = State::kConnecting;
    spawn(run(shared_from_this()), "connection");
    spawn(watchdog(shared_from_this()), "watchdog");
}

void RealtimeClient::send_audio(std::span<const std::uint8_t> audio) {
    if (state_ != State::kOpen || audio.empty()) return;
    std::string text;
    build_audio_append(audio, text);
    if (queue_.push_audio(std::move(text), audio.size()) > 0) {
        SPDLOG_LOGGER_TRACE(&log(), "{} caller audio dropped (queue full)", log_context_);
    }
    write_next();
}

void RealtimeClient::send_event(std::string event) {
    if (state_ != State::kOpen) return;
    if (!queue_.push_control(std::move(event))) {
        fail(ModelEnd::kQueueOverflow, "control event did not fit the send queue");
        return;
    }
    write_next();
}

void RealtimeClient::write_next() noexcept {
    if (writing_) return;  // Beast allows one write at a time; its completion comes back here
    try {
        if (state_ == State::kClosing) {
            writing_ = true;
            ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](
                                                               const beast::error_code& ec) {
                log().debug("{} model close handshake: {}", self->log_context_, ec.message());
                self->writing_ = false;
                self->shut_down();
            });
            return;
        }
        if (state_ != State::kOpen) return;
        auto next = queue_.pop();
        if (!next) return;
        in_flight_ = std::move(*next);
        writing_ = true;
        ws_.text(true);
        // No wake-up: the watchdog never sleeps past now + write_stall, so it wakes by this
        // deadline and then sleeps until it (see watchdog()).
        write_deadline_ = Clock::now() + limits_.write_stall;
        ws_.async_write(asio::buffer(in_flight_),
                        [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
                            self->on_written(ec);
                        });
    } catch (const std::exception& e) {
        writing_ = false;
        log().error("{} model write failed to start: {}", log_context_, e.what());
        fail(ModelEnd::kDropped, "internal error");
        shut_down();  // also when fail() had nothing to do (kClosing)
    }
}

void RealtimeClient::on_written(const beast::error_code& ec) noexcept {
    writing_ = false;
    write_deadline_ = Clock::time_point::max();
    if (!ec) {
        write_next();
    } else if (state_ == State::kOpen) {
        fail(ModelEnd::kDropped, ec.message());
    } else {
        shut_down();
    }
}

void RealtimeClient::close() noexcept {
    if (state_ == State::kClosing || state_ == State::kClosed) return;
    listener_ = nullptr;
    queue_.clear();
    if (state_ != State::kOpen) {
        shut_down();  // nothing to say goodbye to yet
        return;
    }
    // The close frame goes out after the write in flight, if any. A server that stopped
    // reading would hold it forever, so the watchdog cuts the socket at the close deadline.
    state_ = State::kClosing;
    close_deadline_ = Clock::now() + limits_.close_timeout;
    try {
        watchdog_.cancel();
    } catch (const std::exception&) {
        shut_down();
        return;
    }
    write_next();
}

void RealtimeClient::fail(ModelEnd reason, std::string_view detail) noexcept {
    if (state_ == State::kClosing || state_ == State::kClosed) return;
    auto* listener = std::exchange(listener_, nullptr);
    shut_down();
    log().warn("{} model connection ended: {} ({})", log_context_, to_string(reason), detail);
    if (listener != nullptr) listener->on_model_closed(reason, detail);
}

void RealtimeClient::shut_down() noexcept {
    state_ = State::kClosed;
    queue_.clear();
    connect_deadline_ = Clock::time_point::max();
    write_deadline_ = Clock::time_point::max();
    close_deadline_ = Clock::time_point::max();
    try {
        // Beast's idle timer would otherwise tick on until the stream is destroyed.
        websocket::stream_base::timeout off{};
        off.handshake_timeout = websocket::stream_base::none();
        off.idle_timeout = websocket::stream_base::none();
        off.keep_alive_pings = false;
        ws_.set_option(off);
        watchdog_.cancel();
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).close(ignored);  // completes the pending I/O at once
    } catch (const std::exception&) {
        // Only OS-level failures of cancel/close; the connection is unusable either way.
    }
}

RealtimeClient::Awaitable<> RealtimeClient::run(std::shared_ptr<RealtimeClient> self) {
    const auto ec = co_await self->connect();
    if (self->state_ != State::kConnecting) co_return;  // closed while connecting
    if (ec) {
        self->fail(ModelEnd::kConnectFailed, ec.message());
        co_return;
    }
    self->state_ = State::kOpen;
    log().debug("{} model connected to {}", self->log_context_, self->endpoint_.host_header);
    if (self->listener_ != nullptr) self->listener_->on_model_connected();
    co_await self->read_loop();
}

RealtimeClient::Awaitable<beast::error_code> RealtimeClient::connect() {
    asio::ip::tcp::resolver resolver{strand_};
    auto [resolve_error, results] =
        co_await resolver.async_resolve(endpoint_.host, endpoint_.port, kUseTuple);
    if (resolve_error || state_ != State::kConnecting) co_return resolve_error;

    // The watchdog fails the connection at this deadline, wherever TCP or TLS are stuck.
    connect_deadline_ = Clock::now() + limits_.connect_timeout;
    if (connect_deadline_ < watchdog_.expiry()) watchdog_.cancel();
    auto& tcp = beast::get_lowest_layer(ws_);
    auto [connect_error, connected] = co_await asio::async_connect(tcp, results, kUseTuple);
    if (connect_error || state_ != State::kConnecting) co_return connect_error;
    // Every event is one whole websocket message: send it now, not after the server's ACK.
    boost::system::error_code ignored;
    tcp.set_option(asio::ip::tcp::no_delay(true), ignored);

    // SNI (for names) and the host-name check; the context verifies the chain.
    auto& tls = ws_.next_layer();
    if (auto host_error = net::set_tls_host(tls, endpoint_.host)) co_return host_error;
    // Asio turns on SSL_MODE_RELEASE_BUFFERS, which frees OpenSSL's record buffers after every
    // record and allocates them again for the next: 100 times a second on a call. The connection
    // keeps them instead (the load run's RSS per call did not move measurably).
    SSL_clear_mode(tls.native_handle(), SSL_MODE_RELEASE_BUFFERS);
    tls.set_verify_mode(asio::ssl::verify_peer);
    auto [tls_error] = co_await tls.async_handshake(asio::ssl::stream_base::client, kUseTuple);
    if (tls_error || state_ != State::kConnecting) co_return tls_error;

    // The websocket's own timeouts take over from the connect deadline.
    connect_deadline_ = Clock::time_point::max();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = limits_.connect_timeout;
    timeouts.idle_timeout = limits_.idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator(
        [auth = "Bearer " + api_key_.reveal()](websocket::request_type& request) {
            request.set(http::field::authorization, auth);
            request.set(http::field::user_agent, "frontdesk");
        }));
    ws_.read_message_max(limits_.read_message_max);
    auto [upgrade_error] =
        co_await ws_.async_handshake(endpoint_.host_header, endpoint_.target, kUseTuple);
    co_return upgrade_error;
}

RealtimeClient::Awaitable<> RealtimeClient::read_loop() {
    for (;;) {
        auto [ec, bytes] = co_await ws_.async_read(read_buffer_, kUseTuple);
        if (ec) {
            if (state_ != State::kOpen) {
                log().debug("{} model connection closed: {}", log_context_, ec.message());
                shut_down();
            } else if (ec == beast::error::timeout) {
                fail(ModelEnd::kTimedOut, "nothing from the model for " +
                                              std::to_string(limits_.idle_timeout.count()) +
                                              " ms, keep-alive ping unanswered");
            } else {
                fail(ModelEnd::kDropped,
                     is_normal_ending(ec) ? "closed by the server" : ec.message());
            }
            co_return;
        }
        if (state_ == State::kOpen && ws_.got_text()) {
            handle_text({static_cast<const char*>(read_buffer_.data().data()), bytes});
        }
        read_buffer_.consume(read_buffer_.size());
    }
}

void RealtimeClient::handle_text(std::string_view text) {
    auto event = parse_server_event(text);
    if (!event) {
        // Tolerated now and then (logged at debug); a sustained run means the peer is broken.
        log().debug("{} unparseable model event ({} bytes)", log_context_, text.size());
        if (++bad_events_in_a_row_ >= limits_.max_bad_events) {
            fail(ModelEnd::kProtocolError, "too many unparseable events");
        }
        return;
    }
    bad_events_in_a_row_ = 0;
    if (listener_ != nullptr) listener_->on_model_event(std::move(*event));
}

RealtimeClient::Clock::time_point RealtimeClient::next_deadline() const noexcept {
    if (state_ == State::kConnecting) return connect_deadline_;
    if (state_ == State::kOpen) return write_deadline_;
    if (state_ == State::kClosing) return std::min(write_deadline_, close_deadline_);
    return Clock::time_point::max();
}

RealtimeClient::Awaitable<> RealtimeClient::watchdog(std::shared_ptr<RealtimeClient> self) {
    while (self->state_ != State::kClosed) {
        // With no write in flight, tick every write_stall rather than sleep forever: a write that
        // starts later has its deadline after this tick, so writes need not wake the watchdog.
        // Costs one wake-up per write_stall per connection.
        const auto deadline = self->next_deadline();
        self->watchdog_.expires_at(deadline != Clock::time_point::max()
                                       ? deadline
                                       : Clock::now() + self->limits_.write_stall);
        std::ignore = co_await self->watchdog_.async_wait(kUseTuple);
        // Woken early (a cancel) or late: either way decide from the deadlines, not the error.
        if (Clock::now() >= self->next_deadline()) self->on_watchdog_expired();
    }
}

void RealtimeClient::on_watchdog_expired() noexcept {
    if (state_ == State::kConnecting) {
        fail(ModelEnd::kConnectFailed, "TCP and TLS connect timed out");
        return;
    }
    if (state_ == State::kClosing) {
        log().debug("{} model close handshake timed out; cutting the socket", log_context_);
        shut_down();
        return;
    }
    // A server that still sends but stopped reading: Beast's idle timeout cannot see it.
    try {
        fail(ModelEnd::kWriteStalled,
             "model write stalled for " + std::to_string(limits_.write_stall.count()) + " ms");
    } catch (const std::exception&) {
        fail(ModelEnd::kWriteStalled, "model write stalled");  // the detail did not fit in memory
    }
}

RealtimeConnector make_realtime_connector(asio::ssl::context& tls, RealtimeEndpoint endpoint,
                                          Secret api_key, RealtimeClientLimits limits) {
    // Called from many call strands at once: the captures are only read.
    return [&tls, endpoint = std::move(endpoint), api_key = std::move(api_key), limits](
               asio::any_io_executor strand, SendQueueLimits queue, std::string log_context) {
        auto connection_limits = limits;
        connection_limits.queue = queue;
        return std::shared_ptr<RealtimeConnection>{std::make_shared<RealtimeClient>(
            std::move(strand), tls, endpoint, api_key, connection_limits, std::move(log_context))};
    };
}

}  // namespace frontdesk::realtime
