#include "net/http_server.hpp"

#include <algorithm>
#include <climits>
#include <exception>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/error.hpp"
#include "core/logging.hpp"
#include "net/http_session.hpp"
#include "net/strand.hpp"

namespace frontdesk::net {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable);
// After a failed accept (EMFILE, ENOBUFS) pause instead of spinning; the backlog keeps clients.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds{100};

const auto& net_log() {
    static const auto log = logger("net");
    return log;
}

/// co_spawn completion for coroutines whose exceptions have nowhere else to go.
void log_exception(const std::exception_ptr& error, std::string_view where) {
    if (!error) return;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        net_log()->error("{} ended by an exception: {}", where, e.what());
    } catch (...) {
        net_log()->error("{} ended by a non-standard exception", where);
    }
}

}  // namespace

/// The server's own state. Strand: strand_; every member below the constructor's arguments is
/// used only there (start() runs before the strand has work). Kept alive by HttpServer, by the
/// accept and drain coroutines and by the sessions' completion handlers.
class HttpServer::Impl : public std::enable_shared_from_this<Impl> {
public:
    Impl(asio::io_context& ioc, const Router& router, WorkerPool& pool, HttpServerSettings settings)
        : ioc_(ioc),
          strand_(asio::make_strand(ioc)),
          acceptor_(strand_),
          drain_timer_(strand_),
          config_(std::make_shared<detail::SessionConfig>()) {
        config_->settings = std::move(settings);
        config_->router = &router;
        config_->pool = &pool;
    }

    void set_upgrade_handler(std::string path, UpgradeHandler handler) {
        if (state_ != State::kCreated) {
            throw std::logic_error("HttpServer::set_upgrade_handler() after start()");
        }
        config_->upgrades.insert_or_assign(std::move(path), std::move(handler));
    }

    std::uint16_t start();

    void stop(std::function<void()> on_stopped) {
        asio::post(strand_, [self = shared_from_this(), cb = std::move(on_stopped)]() mutable {
            self->begin_stop(std::move(cb));
        });
    }

private:
    enum class State : std::uint8_t { kCreated, kRunning, kDraining, kStopped };

    static asio::awaitable<void> accept_loop(std::shared_ptr<Impl> self);
    static asio::awaitable<void> drain(std::shared_ptr<Impl> self);
    void spawn_session(tcp::socket&& socket);
    void on_session_done(std::uint64_t id);
    void begin_stop(std::function<void()> on_stopped);
    void post_to_sessions(void (detail::HttpSession::*action)());
    void run_stopped_callbacks();

    asio::io_context& ioc_;  // borrowed: outlives the server (see HttpServer)
    asio::strand<asio::io_context::executor_type> strand_;
    tcp::acceptor acceptor_;
    asio::steady_timer drain_timer_;  // grace period, then "all cut-off sessions are gone"
    std::shared_ptr<detail::SessionConfig> config_;  // frozen by start(), shared with sessions
    std::unordered_map<std::uint64_t, std::weak_ptr<detail::HttpSession>> sessions_;
    std::vector<std::function<void()>> on_stopped_;
    std::uint64_t next_session_id_ = 0;
    State state_ = State::kCreated;
};

std::uint16_t HttpServer::Impl::start() {
    if (state_ != State::kCreated) throw std::logic_error("HttpServer::start() called twice");
    const auto& settings = config_->settings;
    try {
        const tcp::endpoint endpoint{asio::ip::make_address(settings.host), settings.port};
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(static_cast<int>(std::min<std::size_t>(settings.listen_backlog, INT_MAX)));
    } catch (const boost::system::system_error& e) {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        throw Unavailable("LISTEN_FAILED", "Cannot listen on " + settings.host + ":" +
                                               std::to_string(settings.port) + ": " +
                                               e.code().message());
    }
    state_ = State::kRunning;
    const std::uint16_t port = acceptor_.local_endpoint().port();
    net_log()->info("listening on {}:{}", settings.host, port);
    asio::co_spawn(strand_, accept_loop(shared_from_this()),
                   [](const std::exception_ptr& e) { log_exception(e, "accept loop"); });
    return port;
}

asio::awaitable<void> HttpServer::Impl::accept_loop(std::shared_ptr<Impl> self) {
    for (;;) {
        // Each connection gets its own strand: its session needs no locks. A call's websockets
        // take it back out of the any_io_executor as a net::Strand (net/strand.hpp).
        auto [ec, socket] = co_await self->acceptor_.async_accept(
            asio::any_io_executor{Strand{asio::make_strand(self->ioc_)}}, kAwaitTuple);
        // A connection accepted as stop() ran is closed unanswered, like one in the backlog.
        if (self->state_ != State::kRunning || !self->acceptor_.is_open()) co_return;
        if (ec) {
            net_log()->warn("accept failed: {}", ec.message());
            asio::steady_timer pause{self->strand_, kAcceptRetryDelay};
            co_await pause.async_wait(kAwaitTuple);
            continue;
        }
        self->spawn_session(std::move(socket));
    }
}

void HttpServer::Impl::spawn_session(tcp::socket&& socket) {
    // Responses and websocket messages go out whole; small ones (a mark after a media frame)
    // must not wait for the peer's delayed ACK (Nagle), which cost media streams ~20 ms.
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    const std::uint64_t id = ++next_session_id_;
    auto session = std::make_shared<detail::HttpSession>(std::move(socket), id, config_);
    sessions_.emplace(id, session);
    auto on_done = [self = shared_from_this(), session, id](const std::exception_ptr& error) {
        if (error) {
            log_exception(error, "http session");
            session->close();
        }
        asio::post(self->strand_, [self, id] { self->on_session_done(id); });
    };
    // The completion runs on the session's strand, where close() may be called.
    asio::co_spawn(session->executor(), detail::HttpSession::run(session),
                   asio::bind_executor(session->executor(), std::move(on_done)));
}

void HttpServer::Impl::on_session_done(std::uint64_t id) {
    sessions_.erase(id);
    if (state_ == State::kDraining && sessions_.empty()) drain_timer_.cancel();
}

void HttpServer::Impl::begin_stop(std::function<void()> on_stopped) {
    if (on_stopped) on_stopped_.push_back(std::move(on_stopped));
    if (state_ == State::kDraining) return;  // the running drain will call it
    if (state_ != State::kRunning) {
        state_ = State::kStopped;
        run_stopped_callbacks();
        return;
    }
    state_ = State::kDraining;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    net_log()->info("stopping: {} connection(s) open, grace {} ms", sessions_.size(),
                    config_->settings.shutdown_grace.count());
    post_to_sessions(&detail::HttpSession::request_stop);
    asio::co_spawn(strand_, drain(shared_from_this()),
                   [](const std::exception_ptr& e) { log_exception(e, "http drain"); });
}

asio::awaitable<void> HttpServer::Impl::drain(std::shared_ptr<Impl> self) {
    // on_session_done() cancels the timer when the last session leaves. It runs on this strand,
    // so between an emptiness check and the wait that follows it nothing can slip in.
    auto& timer = self->drain_timer_;
    timer.expires_after(self->config_->settings.shutdown_grace);
    if (!self->sessions_.empty()) co_await timer.async_wait(kAwaitTuple);
    if (!self->sessions_.empty()) {
        net_log()->warn("shutdown grace over: cutting off {} connection(s)",
                        self->sessions_.size());
        self->post_to_sessions(&detail::HttpSession::close);
        timer.expires_at(asio::steady_timer::time_point::max());
        co_await timer.async_wait(kAwaitTuple);
    }
    self->state_ = State::kStopped;
    net_log()->info("http server stopped");
    self->run_stopped_callbacks();
}

void HttpServer::Impl::post_to_sessions(void (detail::HttpSession::*action)()) {
    for (const auto& [id, weak] : sessions_) {
        if (auto session = weak.lock()) {
            asio::post(session->executor(), [session, action] { ((*session).*action)(); });
        }
    }
}

void HttpServer::Impl::run_stopped_callbacks() {
    auto callbacks = std::exchange(on_stopped_, {});
    for (auto& callback : callbacks) {
        try {
            callback();
        } catch (const std::exception& e) {
            net_log()->error("on_stopped callback threw: {}", e.what());
        }
    }
}

HttpServer::HttpServer(asio::io_context& ioc, const Router& router, WorkerPool& pool,
                       HttpServerSettings settings)
    : impl_(std::make_shared<Impl>(ioc, router, pool, std::move(settings))) {}

HttpServer::~HttpServer() = default;

void HttpServer::set_upgrade_handler(std::string path, UpgradeHandler handler) {
    impl_->set_upgrade_handler(std::move(path), std::move(handler));
}

std::uint16_t HttpServer::start() { return impl_->start(); }

void HttpServer::stop(std::function<void()> on_stopped) { impl_->stop(std::move(on_stopped)); }

}  // namespace frontdesk::net
