#include "net/websocket_session.hpp"

#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>

namespace frontdesk::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable_t<Strand>{});
// A websocket close reason is at most 123 bytes (RFC 6455 §5.5).
constexpr std::size_t kMaxCloseReason = 120;

}  // namespace

WebsocketSession::WebsocketSession(WebsocketOwner& owner, StrandSocket&& socket, Request&& request,
                                   const WebsocketSettings& settings)
    : owner_(owner),
      ws_(std::move(socket)),
      request_(std::move(request)),
      close_timeout_(settings.close_timeout),
      close_timer_(ws_.get_executor()) {
    ws_.set_option(settings.timeout);
    ws_.read_message_max(settings.read_message_max);
}

WebsocketSession::~WebsocketSession() = default;

std::shared_ptr<WebsocketSession> WebsocketSession::self() { return {owner_.keep_alive(), this}; }

void WebsocketSession::spawn(Awaitable<> coroutine, const char* what) {
    // An exception escaping a coroutine ends this session only, never the io_context.
    asio::co_spawn(ws_.get_executor(), std::move(coroutine),
                   [self = self(), what](const std::exception_ptr& error) {
                       if (error) self->report_exception(error, what);
                   });
}

void WebsocketSession::report_exception(const std::exception_ptr& error,
                                        const char* what) noexcept {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        owner_.on_exception(what, e.what());
    } catch (...) {
        owner_.on_exception(what, {});
    }
}

void WebsocketSession::start() { spawn(read_loop(self()), "read loop"); }

WebsocketSession::Awaitable<> WebsocketSession::read_loop(std::shared_ptr<WebsocketSession> self) {
    auto [accept_ec] = co_await self->ws_.async_accept(self->request_, kAwaitTuple);
    if (self->closed_) co_return;
    if (accept_ec) {
        self->owner_.on_io_error(WebsocketOp::kAccept, accept_ec);
        co_return;
    }
    self->accepted_ = true;
    self->owner_.on_accepted(self->request_);
    self->request_ = {};
    self->write_pending();
    while (!self->closed_) {
        auto [ec, size] = co_await self->ws_.async_read(self->read_buffer_, kAwaitTuple);
        if (self->closed_) co_return;
        if (ec) {
            self->owner_.on_io_error(WebsocketOp::kRead, ec);
            co_return;
        }
        const auto data = self->read_buffer_.cdata();
        self->owner_.on_message({static_cast<const char*>(data.data()), data.size()},
                                self->ws_.got_text());
        self->read_buffer_.consume(size);
    }
}

void WebsocketSession::write_pending() noexcept {
    if (writing_ || closed_ || !accepted_) return;
    try {
        auto frame = owner_.next_frame();
        if (!frame) return;
        in_flight_ = std::move(*frame);
        writing_ = true;
        ws_.text(true);
        ws_.async_write(asio::buffer(in_flight_),
                        [self = self()](const beast::error_code& ec, std::size_t /*bytes*/) {
                            try {
                                self->on_written(ec);
                            } catch (...) {
                                self->report_exception(std::current_exception(), "write");
                            }
                        });
    } catch (...) {
        report_exception(std::current_exception(), "write");
    }
}

void WebsocketSession::on_written(const beast::error_code& ec) {
    writing_ = false;
    if (closed_) return;
    if (ec) {
        owner_.on_io_error(WebsocketOp::kWrite, ec);
        return;
    }
    owner_.on_frame_written();
    write_pending();
}

void WebsocketSession::close(websocket::close_code code, std::string_view reason) noexcept {
    if (std::exchange(closed_, true)) return;
    // Before the handshake, or with the socket gone, there is no one to say goodbye to.
    if (!accepted_ || !ws_.is_open()) {
        cut();
        return;
    }
    try {
        spawn(close_handshake(self(), {code, reason.substr(0, kMaxCloseReason)}), "close");
        close_timer_.expires_after(close_timeout_);
        spawn(close_deadline(self()), "close deadline");
    } catch (...) {
        cut();
    }
}

WebsocketSession::Awaitable<> WebsocketSession::close_handshake(
    std::shared_ptr<WebsocketSession> self, websocket::close_reason why) {
    auto [ec] = co_await self->ws_.async_close(why, kAwaitTuple);
    // Aborted: close_deadline cut the socket first (and said so). Closed: the peer's close
    // crossed ours.
    if (ec && !self->socket_cut_ && ec != asio::error::operation_aborted &&
        ec != websocket::error::closed) {
        self->owner_.on_io_error(WebsocketOp::kClose, ec);
    }
    self->cut();
}

WebsocketSession::Awaitable<> WebsocketSession::close_deadline(
    std::shared_ptr<WebsocketSession> self) {
    // Only cut() cancels this timer: still uncut means the peer never answered our close.
    if (self->socket_cut_) co_return;
    co_await self->close_timer_.async_wait(kAwaitTuple);
    if (self->socket_cut_) co_return;
    self->owner_.on_io_error(WebsocketOp::kClose, asio::error::timed_out);
    self->cut();
}

void WebsocketSession::cut() noexcept {
    closed_ = true;
    if (std::exchange(socket_cut_, true)) return;
    beast::error_code ignored;
    auto& socket = beast::get_lowest_layer(ws_);
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    close_timer_.cancel();
}

}  // namespace frontdesk::net
