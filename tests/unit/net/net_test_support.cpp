#include "net_test_support.hpp"

#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

namespace frontdesk::net::test {
namespace {

using tcp = asio::ip::tcp;

constexpr std::size_t kIoThreads = 2;
constexpr auto kTestLinger = std::chrono::milliseconds{200};

tcp::endpoint loopback(std::uint16_t port) {
    return {asio::ip::make_address_v4("127.0.0.1"), port};
}

void throw_if(const beast::error_code& ec, std::string_view what) {
    if (ec) throw std::runtime_error(std::string{what} + ": " + ec.message());
}

/// Starts an operation through `start(handler)` and runs `ioc` until it completes. The caller has
/// armed a deadline on the stream, so run() cannot block longer than that.
template <class Start>
beast::error_code run_one(asio::io_context& ioc, Start&& start) {
    std::optional<beast::error_code> result;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result.value_or(asio::error::timed_out);
}

}  // namespace

HttpServerSettings test_settings() {
    HttpServerSettings settings;
    settings.host = "127.0.0.1";
    settings.port = 0;
    settings.linger_timeout = kTestLinger;
    settings.shutdown_grace = kDeadline;
    return settings;
}

ServerHarness::ServerHarness(HttpServerSettings settings, std::size_t pool_threads,
                             std::size_t pool_queue)
    : work_(asio::make_work_guard(ioc_)),
      pool_(pool_threads, pool_queue),
      server_(std::make_unique<HttpServer>(ioc_, router_, pool_, std::move(settings))) {}

ServerHarness::~ServerHarness() {
    if (!threads_.empty() && !stopped_) {
        // Bounded: a test that failed half-way must not hang the rest of the run.
        (void)stop().wait_for(kDeadline);
    }
    pool_.stop_and_join();
    work_.reset();
    ioc_.stop();
    for (auto& thread : threads_) thread.join();
}

std::uint16_t ServerHarness::start() {
    port_ = server_->start();
    for (std::size_t i = 0; i < kIoThreads; ++i) threads_.emplace_back([this] { ioc_.run(); });
    return port_;
}

std::future<void> ServerHarness::stop() {
    stopped_ = true;
    auto done = std::make_shared<std::promise<void>>();
    auto future = done->get_future();
    asio::post(ioc_, [this, done] { server_->stop([done] { done->set_value(); }); });
    return future;
}

TestClient::TestClient(std::uint16_t port) : stream_(ioc_) {
    stream_.expires_after(kDeadline);
    throw_if(run([&](auto handler) { stream_.async_connect(loopback(port), std::move(handler)); }),
             "connect");
}

beast::error_code TestClient::try_connect(std::uint16_t port) {
    asio::io_context ioc;
    beast::tcp_stream stream{ioc};
    stream.expires_after(kDeadline);
    return run_one(ioc,
                   [&](auto handler) { stream.async_connect(loopback(port), std::move(handler)); });
}

template <class Start>
beast::error_code TestClient::run(Start&& start) {
    return run_one(ioc_, std::forward<Start>(start));
}

void TestClient::send(std::string_view bytes) {
    stream_.expires_after(kDeadline);
    throw_if(run([&](auto handler) {
                 asio::async_write(stream_, asio::buffer(bytes), std::move(handler));
             }),
             "send");
}

Response TestClient::request(http::verb method, std::string_view target, std::string body,
                             const Headers& headers) {
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::move(body);
    request.prepare_payload();
    stream_.expires_after(kDeadline);
    throw_if(run([&](auto handler) { http::async_write(stream_, request, std::move(handler)); }),
             "write request");
    return method == http::verb::head ? read_head_response() : read();
}

Response TestClient::read() {
    Response response;
    stream_.expires_after(kDeadline);
    throw_if(run([&](auto handler) {
                 http::async_read(stream_, buffer_, response, std::move(handler));
             }),
             "read response");
    return response;
}

Response TestClient::read_head_response() {
    http::response_parser<http::string_body> parser;
    parser.skip(true);  // a response to HEAD has Content-Length but no body
    stream_.expires_after(kDeadline);
    throw_if(
        run([&](auto handler) { http::async_read(stream_, buffer_, parser, std::move(handler)); }),
        "read HEAD response");
    return parser.release();
}

beast::error_code TestClient::read_error() {
    Response response;
    stream_.expires_after(kDeadline);
    return run(
        [&](auto handler) { http::async_read(stream_, buffer_, response, std::move(handler)); });
}

WsClient::WsClient(std::uint16_t port) : ws_(ioc_) {
    auto& tcp_layer = beast::get_lowest_layer(ws_);
    tcp_layer.expires_after(kDeadline);
    throw_if(
        run([&](auto handler) { tcp_layer.async_connect(loopback(port), std::move(handler)); }),
        "connect");
}

template <class Start>
beast::error_code WsClient::run(Start&& start) {
    beast::get_lowest_layer(ws_).expires_after(kDeadline);
    return run_one(ioc_, std::forward<Start>(start));
}

beast::error_code WsClient::handshake(std::string_view target, websocket::response_type& response) {
    return run([&](auto handler) {
        ws_.async_handshake(response, "127.0.0.1", target, std::move(handler));
    });
}

void WsClient::write(std::string_view text) {
    ws_.text(true);
    throw_if(run([&](auto handler) { ws_.async_write(asio::buffer(text), std::move(handler)); }),
             "ws write");
}

std::string WsClient::read() {
    beast::flat_buffer buffer;
    throw_if(run([&](auto handler) { ws_.async_read(buffer, std::move(handler)); }), "ws read");
    return beast::buffers_to_string(buffer.data());
}

void WsClient::close() {
    throw_if(run([&](auto handler) {
                 ws_.async_close(websocket::close_code::normal, std::move(handler));
             }),
             "ws close");
}

std::string error_code_of(const Response& response) {
    const auto body = nlohmann::json::parse(response.body(), nullptr, false);
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) {
        return "<not a JSON error: " + response.body() + ">";
    }
    return body["error"].value("code", std::string{"<no code>"});
}

}  // namespace frontdesk::net::test
