// The /realtime debug websocket: the hub (upgrade handler, shutdown) and each session's side of
// its net::WebsocketSession (messages, send queue, errors, close). Requests and their pool work
// are in debug_socket_requests.cpp.
#include "api/debug_websocket.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket/error.hpp>

#include "api/debug_socket_session.hpp"
#include "chat/chat_service.hpp"
#include "core/logging.hpp"
#include "net/strand.hpp"
#include "net/websocket_upgrade.hpp"
#include "net/worker_pool.hpp"

namespace frontdesk::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

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

net::WebsocketSettings websocket_settings(const DebugSocketLimits& limits) {
    auto timeout = websocket::stream_base::timeout::suggested(beast::role_type::server);
    // A person at wscat may sit quiet for a while: ping them rather than drop them.
    timeout.keep_alive_pings = true;
    // Our close is bounded like the opening handshake.
    const auto close_timeout =
        std::chrono::duration_cast<std::chrono::milliseconds>(timeout.handshake_timeout);
    return {.read_message_max = limits.read_message_max,
            .timeout = timeout,
            .close_timeout = close_timeout};
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
    // The bare socket on its concrete strand, as the call's websockets.
    : ws_(*this, net::to_strand_socket(context.stream.release_socket()), std::move(context.request),
          websocket_settings(limits)),
      log_prefix_("request_id=" + context.request_id),
      chat_(chat),
      pool_(pool),
      clock_(clock),
      limits_(limits) {}

DebugSocketSession::~DebugSocketSession() = default;

asio::any_io_executor DebugSocketSession::executor() { return ws_.executor(); }

void DebugSocketSession::start() { ws_.start(); }

void DebugSocketSession::on_accepted(const net::WebsocketSession::Request& request) {
    if (!resolve_facility(request)) return;
    queue_request({.kind = Request::Kind::kOpen});
}

void DebugSocketSession::on_message(std::string_view payload, bool is_text) {
    ++frames_in_;
    if (!is_text) {
        send_error("BINARY_NOT_SUPPORTED", "Send JSON text messages.");
    } else {
        handle_text(payload);
    }
}

std::optional<std::string> DebugSocketSession::next_frame() {
    if (send_queue_.empty()) return std::nullopt;
    auto frame = std::move(send_queue_.front());
    send_queue_.pop_front();
    queued_bytes_ -= frame.size();
    return frame;
}

void DebugSocketSession::on_io_error(net::WebsocketOp op, const beast::error_code& ec) {
    switch (op) {
        case net::WebsocketOp::kAccept:
            log().debug("{} debug socket handshake failed: {}", log_prefix_, ec.message());
            close(DebugSocketEnd::kTransportError);
            return;
        case net::WebsocketOp::kRead: {
            const bool normal = ec == websocket::error::closed || ec == asio::error::eof ||
                                ec == asio::error::connection_reset;
            close(normal ? DebugSocketEnd::kClientClosed : DebugSocketEnd::kTransportError,
                  ec.message());
            return;
        }
        case net::WebsocketOp::kWrite:
            close(DebugSocketEnd::kTransportError, "write failed: " + ec.message());
            return;
        case net::WebsocketOp::kClose:
            log().debug("{} debug socket close: {}", log_prefix_, ec.message());
            return;
    }
}

void DebugSocketSession::on_exception(const char* what, std::string_view error) noexcept {
    try {
        log().error("{} debug socket {} failed{}{}", log_prefix_, what, error.empty() ? "" : ": ",
                    error);
    } catch (...) {  // NOLINT(bugprone-empty-catch): a log line must not stop the close
    }
    close(DebugSocketEnd::kInternalError, "internal error");
}

void DebugSocketSession::send(std::string frame) {
    if (ws_.is_closed()) return;
    // Answers are never dropped: no room means the client stopped reading.
    if (frame.size() > limits_.send_queue_bytes - queued_bytes_) {
        close(DebugSocketEnd::kSlowConsumer, "slow consumer");
        return;
    }
    queued_bytes_ += frame.size();
    send_queue_.push_back(std::move(frame));
    ws_.write_pending();
}

void DebugSocketSession::close(DebugSocketEnd reason, std::string detail) noexcept {
    if (ws_.is_closed()) return;
    send_queue_.clear();
    queued_bytes_ = 0;
    pending_.clear();
    finish_chat_session(end_reason_text(reason));
    log().info("{} debug socket closed ({}{}{}): {} frames in, {} out", log_prefix_,
               end_reason_text(reason), detail.empty() ? "" : ": ", detail, frames_in_,
               frames_out_);
    const bool peer_gone =
        reason == DebugSocketEnd::kClientClosed || reason == DebugSocketEnd::kTransportError;
    if (peer_gone) {
        ws_.cut();
    } else {
        ws_.close(close_code_for(reason), detail);
    }
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
