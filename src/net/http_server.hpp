#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace frontdesk::net {

class Router;
class WorkerPool;
struct UpgradeContext;  // net/websocket_upgrade.hpp (includes Beast)

struct HttpServerSettings {
    std::string host = "0.0.0.0";  // an IP address (v4 or v6), not a name
    std::uint16_t port = 8080;                         // 0: an ephemeral port, returned by start()
    std::size_t body_limit = std::size_t{1} << 20;     // larger bodies: 413 PAYLOAD_TOO_LARGE
    std::size_t header_limit = std::size_t{16} << 10;  // larger headers: 431 HEADERS_TOO_LARGE
    /// From the first byte of a request to its last (slow-loris guard).
    std::chrono::milliseconds request_timeout = std::chrono::seconds{30};
    /// Writing one response; a client that stops reading is dropped after this.
    std::chrono::milliseconds write_timeout = std::chrono::seconds{30};
    /// Waiting for the next request on a kept-alive connection (and the first on a new one).
    std::chrono::milliseconds keep_alive_timeout = std::chrono::seconds{60};
    /// Requests served on one connection before it is answered with "Connection: close". Requests
    /// are handled one at a time per connection, so this bounds what one client can pipeline
    /// through a single connection; pipelined bytes beyond the current request wait in the read
    /// buffer and the kernel (TCP backpressure).
    std::size_t max_requests_per_connection = 1000;
    /// After answering with "Connection: close", how long unread client bytes are drained so the
    /// peer gets the response rather than a reset.
    std::chrono::milliseconds linger_timeout = std::chrono::seconds{2};
    /// stop(): how long in-flight requests may take before their connections are cut.
    std::chrono::milliseconds shutdown_grace = std::chrono::seconds{10};
    std::size_t listen_backlog = 1024;
};

/// Takes over an upgraded connection; see net/websocket_upgrade.hpp. Runs on the connection's
/// strand and must return promptly (start async work, do not block).
using UpgradeHandler = std::function<void(UpgradeContext&&)>;

/// The Beast HTTP/1.1 server: accepts on one endpoint, gives each connection its own strand and
/// coroutine, runs Router handlers on the WorkerPool and writes the responses back in order.
/// Keep-alive, pipelining-safe (one request at a time per connection), JSON errors for 400, 404,
/// 405, 413, 431, 500 and 503 (SERVER_BUSY when the pool is saturated), one access-log line per
/// request, graceful stop, websocket hand-off per path.
///
/// Threads: the io_context may be run by any number of threads. set_upgrade_handler() and
/// start() are called once at start-up; stop() from any thread (e.g. a signal handler's
/// callback). Borrows the io_context, router and pool: all three must outlive every connection,
/// so stop() and wait for on_stopped (or stop the io_context) before destroying them, and
/// drain the pool before destroying the io_context (queued handlers post back to it).
class HttpServer {
public:
    HttpServer(boost::asio::io_context& ioc, const Router& router, WorkerPool& pool,
               HttpServerSettings settings);
    ~HttpServer();

    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;
    HttpServer(HttpServer&&) = delete;
    HttpServer& operator=(HttpServer&&) = delete;

    /// A websocket upgrade request (GET with "Upgrade: websocket") for exactly this decoded path
    /// is handed to `handler` with its socket; other upgrades are routed as plain requests.
    /// Throws std::logic_error after start().
    void set_upgrade_handler(std::string path, UpgradeHandler handler);

    /// Binds, listens and starts accepting; returns the bound port.
    /// Throws frontdesk::Error (kUnavailable, "LISTEN_FAILED") naming the endpoint.
    std::uint16_t start();

    /// Graceful stop: closes the listener, closes idle keep-alive connections, lets in-flight
    /// requests finish (answered with "Connection: close"), cuts off what remains after
    /// shutdown_grace, then calls `on_stopped` on an io_context thread. Upgraded connections
    /// belong to their upgrade handler and are not waited for. Idempotent: every caller's
    /// `on_stopped` runs once the server has stopped.
    void stop(std::function<void()> on_stopped);

private:
    class Impl;
    std::shared_ptr<Impl> impl_;  // shared with the accept loop and the sessions' completions
};

}  // namespace frontdesk::net
