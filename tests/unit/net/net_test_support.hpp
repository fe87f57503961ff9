#pragma once
// Loopback harness for the net tests: a real HttpServer on 127.0.0.1:0 with its own io threads,
// and Beast clients whose every operation has a deadline (the tcp_stream timer closes the socket
// when it passes, so no test can hang on I/O).

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "gate.hpp"
#include "net/http_server.hpp"
#include "net/router.hpp"
#include "net/worker_pool.hpp"

namespace frontdesk::net::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

using Response = http::response<http::string_body>;
using Headers = std::vector<std::pair<std::string, std::string>>;

/// Settings for tests: loopback, ephemeral port, short linger so closes are prompt.
[[nodiscard]] HttpServerSettings test_settings();

/// Router + WorkerPool + HttpServer + two io threads. Add routes and upgrade handlers, then
/// start(). The destructor stops everything within bounded time.
class ServerHarness {
public:
    explicit ServerHarness(HttpServerSettings settings = test_settings(),
                           std::size_t pool_threads = 2, std::size_t pool_queue = 16);
    ~ServerHarness();
    ServerHarness(const ServerHarness&) = delete;
    ServerHarness& operator=(const ServerHarness&) = delete;

    Router& router() { return router_; }
    HttpServer& server() { return *server_; }
    [[nodiscard]] std::uint16_t port() const { return port_; }

    std::uint16_t start();
    /// Calls HttpServer::stop from an io thread, as a signal handler's callback would; the
    /// future is ready once on_stopped ran.
    std::future<void> stop();

private:
    asio::io_context ioc_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    Router router_;
    WorkerPool pool_;
    std::unique_ptr<HttpServer> server_;
    std::vector<std::thread> threads_;
    std::uint16_t port_ = 0;
    bool stopped_ = false;
};

/// One client connection. Throws std::runtime_error when an operation fails or times out.
class TestClient {
public:
    explicit TestClient(std::uint16_t port);

    /// The error of a connection attempt (success: empty), e.g. refused after stop().
    [[nodiscard]] static beast::error_code try_connect(std::uint16_t port);

    void send(std::string_view bytes);
    Response request(http::verb method, std::string_view target, std::string body = {},
                     const Headers& headers = {});
    Response read();
    Response read_head_response();  // a response to HEAD: headers only
    /// Reads expecting no response; returns the error (end_of_stream when the server closed).
    beast::error_code read_error();

private:
    template <class Start>
    beast::error_code run(Start&& start);

    asio::io_context ioc_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

/// A websocket client for the upgrade tests.
class WsClient {
public:
    explicit WsClient(std::uint16_t port);

    /// Performs the handshake; `response` receives the server's answer even when it declines.
    beast::error_code handshake(std::string_view target, websocket::response_type& response);
    void write(std::string_view text);
    std::string read();
    void close();

private:
    template <class Start>
    beast::error_code run(Start&& start);

    asio::io_context ioc_;
    websocket::stream<beast::tcp_stream> ws_;
};

/// The "error.code" of a JSON error body, or a "<not a JSON error: …>" text that fails comparisons.
[[nodiscard]] std::string error_code_of(const Response& response);

}  // namespace frontdesk::net::test
