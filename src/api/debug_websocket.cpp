// The /realtime debug websocket: the hub (upgrade handler, shutdown) and each session's I/O.
// Requests and their pool work are in debug_socket_requests.cpp.
#include "api/debug_websocket.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>

#include "api/debug_socket_session.hpp"
#include "chat/chat_service.hpp"
#include "core/logging.hpp"
#include "net/websocket_upgrade.hpp"
#include "net/worker_pool.hpp"

namespace frontdesk::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable);
// A websocket close reason is at most 123 bytes (RFC 6455 §5.5).
constexpr std::size_t kMaxCloseReason = 120;

spdlog::logger& log() {
    static const auto instance = logger("api");
    return *instance;
}

websocket::close_code close_code_for(DebugSocketEnd reason) noexcept {
    switch (reason) {
        case DebugSocketEnd::kClientClosed:
            return websocket::close_code::normal;
        case DebugSocketEnd::kUnknownFacility:
        case DebugSocketEnd::kSlowConsumer:
            return websocket::close_code::policy_error;
        case DebugSocketEnd::kShutdown:
            return websocket::close_code::service_restart;
        case DebugSocketEnd::kTransportError:
        case DebugSocketEnd::kInternalError:
            return websocket::close_code::internal_error;
    }
    return websocket::close_code::internal_error;
}

const char* end_reason_text(DebugSocketEnd reason) noexcept {
    switch (reason) {
        case DebugSocketEnd::kClientClosed:
            return "client_closed";
        case DebugSocketEnd::kUnknownFacility:
            return "unknown_facility";
        case DebugSocketEnd::kSlowConsumer:
            return "slow_consumer";
        case DebugSocketEnd::kTransportError:
            return "transport_error";
        case DebugSocketEnd::kInternalError:
            return "internal_error";
        case DebugSocketEnd::kShutdown:
            return "shutdown";
    }
    return "internal_error";
}

}  // namespace

DebugSocketHub::DebugSocketHub(chat::ChatService& chat, net::WorkerPool& pool, const Clock& clock,
                               DebugSocketLimits limits)
    : chat_(chat), pool_(pool), clock_(clock), limits_(limits) {}

DebugSocketHub::~DebugSocketHub() = default;

void DebugSocketHub::accept(net::UpgradeContext&& context) {
    auto session =
        std::make_shared<DebugSocketSession>(std::move(context), chat_, pool_, clock_, limits_);
    {
        std::lock_guard lock{mutex_};
        std::erase_if(sockets_, [](const auto& weak) { return weak.expired(); });
        sockets_.push_back(session);
    }
    session->start();
}

void DebugSocketHub::close_all() noexcept {
    std::vector<std::shared_ptr<DebugSocketSession>> open;
    {
        std::lock_guard lock{mutex_};
        for (const auto& weak : sockets_) {
            if (auto session = weak.lock()) open.push_back(std::move(session));
        }
    }
    // Posted after the lock is released: each session closes on its own strand.
    for (auto& session : open) {
        try {
            asio::post(session->executor(), [session] {
                session->close(DebugSocketEnd::kShutdown, "server restarting");
            });
        } catch (const std::exception& e) {
            log().warn("debug socket: close at shutdown failed: {}", e.what());
        }
    }
}

std::size_t DebugSocketHub::open_count() const {
    std::lock_guard lock{mutex_};
    return static_cast<std::size_t>(std::count_if(sockets_.begin(), sockets_.end(),
                                                  [](const auto& w) { return !w.expired(); }));
}

DebugSocketSession::DebugSocketSession(net::UpgradeContext&& context, chat::ChatService& chat,
                                       net::WorkerPool& pool, const Clock& clock,
                                       const DebugSocketLimits& limits)
    : ws_(std::move(context.stream)),
      request_(std::move(context.request)),
      log_prefix_("request_id=" + context.request_id),
      chat_(chat),
      pool_(pool),
      clock_(clock),
      limits_(limits),
      writer_wakeup_(ws_.get_executor()) {}

DebugSocketSession::~DebugSocketSession() = default;

asio::any_io_executor DebugSocketSession::executor() { return ws_.get_executor(); }

void DebugSocketSession::spawn(asio::awaitable<void> coroutine, const char* what) {
    // An exception escaping a coroutine ends this socket only, never the io_context.
    asio::co_spawn(ws_.get_executor(), std::move(coroutine),
                   [self = shared_from_this(), what](const std::exception_ptr& error) {
                       if (!error) return;
                       try {
                           std::rethrow_exception(error);
                       } catch (const std::exception& e) {
                           log().error("{} debug socket {} failed: {}", self->log_prefix_, what,
                                       e.what());
                       } catch (...) {
                           log().error("{} debug socket {} failed", self->log_prefix_, what);
                       }
                       self->close(DebugSocketEnd::kInternalError, "internal error");
                   });
}

void DebugSocketSession::start() {
    auto options = websocket::stream_base::timeout::suggested(beast::role_type::server);
    // A person at wscat may sit quiet for a while: ping them rather than drop them.
    options.keep_alive_pings = true;
    ws_.set_option(options);
    ws_.read_message_max(limits_.read_message_max);
    spawn(run(shared_from_this()), "read loop");
}

asio::awaitable<void> DebugSocketSession::run(std::shared_ptr<DebugSocketSession> self) {
    auto [accept_ec] = co_await self->ws_.async_accept(self->request_, kAwaitTuple);
    if (accept_ec) {
        log().debug("{} debug socket handshake failed: {}", self->log_prefix_, accept_ec.message());
        self->close(DebugSocketEnd::kTransportError);
        co_return;
    }
    self->accepted_ = true;
    self->spawn(write_loop(self), "write loop");
    if (!self->resolve_facility()) co_return;
    self->queue_request({.kind = Request::Kind::kOpen});
    while (!self->closed_) {
        auto [ec, size] = co_await self->ws_.async_read(self->read_buffer_, kAwaitTuple);
        if (self->closed_) co_return;
        if (ec) {
            const bool normal = ec == websocket::error::closed || ec == asio::error::eof ||
                                ec == asio::error::connection_reset;
            self->close(normal ? DebugSocketEnd::kClientClosed : DebugSocketEnd::kTransportError,
                        ec.message());
            co_return;
        }
        ++self->frames_in_;
        if (!self->ws_.got_text()) {
            self->send_error("BINARY_NOT_SUPPORTED", "Send JSON text messages.");
        } else {
            const auto data = self->read_buffer_.cdata();
            self->handle_text({static_cast<const char*>(data.data()), data.size()});
        }
        self->read_buffer_.consume(size);
    }
}

asio::awaitable<void> DebugSocketSession::write_loop(std::shared_ptr<DebugSocketSession> self) {
    while (!self->closed_) {
        if (self->send_queue_.empty()) {
            self->writer_wakeup_.expires_at(asio::steady_timer::time_point::max());
            co_await self->writer_wakeup_.async_wait(kAwaitTuple);
            continue;
        }
        auto frame = std::move(self->send_queue_.front());
        self->send_queue_.pop_front();
        self->queued_bytes_ -= frame.size();
        self->ws_.text(true);
        auto [ec, written] = co_await self->ws_.async_write(asio::buffer(frame), kAwaitTuple);
        if (self->closed_) co_return;
        if (ec) {
            self->close(DebugSocketEnd::kTransportError, "write failed: " + ec.message());
            co_return;
        }
        ++self->frames_out_;
    }
}

void DebugSocketSession::send(std::string frame) {
    if (closed_) return;
    // Answers are never dropped: no room means the client stopped reading.
    if (frame.size() > limits_.send_queue_bytes - queued_bytes_) {
        close(DebugSocketEnd::kSlowConsumer, "slow consumer");
        return;
    }
    queued_bytes_ += frame.size();
    send_queue_.push_back(std::move(frame));
    writer_wakeup_.cancel();
}

void DebugSocketSession::close(DebugSocketEnd reason, std::string detail) noexcept {
    if (std::exchange(closed_, true)) return;
    send_queue_.clear();
    queued_bytes_ = 0;
    pending_.clear();
    writer_wakeup_.cancel();
    finish_chat_session(end_reason_text(reason));
    log().info("{} debug socket closed ({}{}{}): {} frames in, {} out", log_prefix_,
               end_reason_text(reason), detail.empty() ? "" : ": ", detail, frames_in_,
               frames_out_);
    const bool peer_gone =
        reason == DebugSocketEnd::kClientClosed || reason == DebugSocketEnd::kTransportError;
    if (!accepted_ || peer_gone || !ws_.is_open()) {
        cut_socket();
        return;
    }
    if (detail.size() > kMaxCloseReason) detail.resize(kMaxCloseReason);
    try {
        spawn(close_handshake(shared_from_this(),
                              websocket::close_reason{close_code_for(reason), detail}),
              "close");
    } catch (...) {
        cut_socket();
    }
}

asio::awaitable<void> DebugSocketSession::close_handshake(std::shared_ptr<DebugSocketSession> self,
                                                          websocket::close_reason why) {
    // Bounded by the handshake timeout of timeout::suggested (a peer that never answers).
    auto [ec] = co_await self->ws_.async_close(why, kAwaitTuple);
    if (ec && ec != asio::error::operation_aborted && ec != websocket::error::closed) {
        log().debug("{} debug socket close: {}", self->log_prefix_, ec.message());
    }
    self->cut_socket();
}

void DebugSocketSession::cut_socket() noexcept {
    if (std::exchange(socket_cut_, true)) return;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
    writer_wakeup_.cancel();
}

void DebugSocketSession::finish_chat_session(std::string_view reason) noexcept {
    if (session_id_.empty()) return;
    try {
        // The log write blocks on the store: the pool does it. If the pool refuses, the idle
        // sweep finishes the session later.
        auto& chat = chat_;
        if (!pool_.try_post([&chat, id = session_id_, why = std::string{reason}] {
                try {
                    (void)chat.close_session(id, why);
                } catch (const std::exception& e) {
                    log().warn("session={} close failed: {}", id, e.what());
                }
            })) {
            log().warn("{} pool busy: chat session left to the idle sweep", log_prefix_);
        }
    } catch (const std::exception& e) {
        log().warn("{} chat session not closed: {}", log_prefix_, e.what());
    }
}

}  // namespace frontdesk::api
