#include "support/fake_https_server.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/url/parse.hpp>

#include "support/fake_server_tls.hpp"

namespace frontdesk::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Bounds every read and write, so a client that vanished cannot hold a connection forever.
constexpr auto kIoTimeout = std::chrono::seconds{30};
constexpr auto kTlsShutdownTimeout = std::chrono::seconds{1};
constexpr std::uint64_t kBodyLimit = std::uint64_t{16} << 20U;

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

FakeHttpRequest to_fake(const http::request<http::string_body>& request) {
    FakeHttpRequest fake;
    fake.method = std::string(request.method_string());
    fake.target = std::string(request.target());
    fake.body = request.body();
    for (const auto& field : request) {
        fake.headers.emplace_back(to_lower(field.name_string()), std::string(field.value()));
    }
    if (const auto parsed = boost::urls::parse_origin_form(fake.target)) {
        fake.path = parsed->path();
        fake.query = std::string(parsed->encoded_query());
    } else {
        fake.path = fake.target;
    }
    return fake;
}

http::response<http::string_body> to_beast(FakeHttpResponse answer, unsigned version,
                                           bool keep_alive) {
    http::response<http::string_body> response{static_cast<http::status>(answer.status),
                                                version};
    for (auto& [name, value] : answer.headers) response.insert(name, value);
    response.body() = std::move(answer.body);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    return response;
}

// A connection coroutine's handles, so stop() can end it wherever it waits.
struct LiveConnection {
    beast::tcp_stream* tcp = nullptr;
    asio::steady_timer* delay = nullptr;
};

}  // namespace

struct FakeHttpsServer::Impl {
    Impl(Handler initial, FakeTransport kind) : transport(kind), handler(std::move(initial)) {}

    FakeHttpResponse record_and_handle(FakeHttpRequest request);
    void start();
    void stop();
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> run_connection(tcp::socket socket);
    template <class Stream>
    asio::awaitable<void> serve(Stream& stream, LiveConnection& live);

    const FakeTransport transport;
    asio::io_context ioc{1};
    std::optional<asio::ssl::context> tls;
    tcp::acceptor acceptor{ioc};
    std::uint16_t port = 0;
    std::thread thread;
    std::set<LiveConnection*> live;  // io thread only
    bool stopping = false;           // io thread only

    mutable std::mutex mutex;
    mutable std::condition_variable arrived;
    Handler handler;                        // guarded by mutex
    std::vector<FakeHttpRequest> requests;  // guarded by mutex
    std::size_t connections = 0;            // guarded by mutex
};

FakeHttpResponse FakeHttpsServer::Impl::record_and_handle(FakeHttpRequest request) {
    Handler current;
    {
        const std::lock_guard lock(mutex);
        requests.push_back(request);
        current = handler;
    }
    arrived.notify_all();
    try {
        if (!current) throw std::logic_error("no handler");
        return current(request);
    } catch (const std::exception& error) {
        FakeHttpResponse failure;
        failure.status = 500;
        failure.headers = {{"Content-Type", "text/plain"}};
        failure.body = std::string("fake handler failed: ") + error.what();
        return failure;
    }
}

template <class Stream>
asio::awaitable<void> FakeHttpsServer::Impl::serve(Stream& stream, LiveConnection& conn) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(kBodyLimit);
        conn.tcp->expires_after(kIoTimeout);
        auto [read_error, read_bytes] = co_await http::async_read(stream, buffer, parser, kUseTuple);
        if (read_error) co_return;
        const auto request = parser.release();
        FakeHttpResponse answer = record_and_handle(to_fake(request));
        if (answer.delay.count() > 0) {
            asio::steady_timer timer(ioc, answer.delay);
            conn.delay = &timer;
            auto [wait_error] = co_await timer.async_wait(kUseTuple);
            conn.delay = nullptr;
            if (wait_error) co_return;  // stopping
        }
        if (answer.drop_connection) co_return;
        auto response = to_beast(std::move(answer), request.version(), request.keep_alive());
        conn.tcp->expires_after(kIoTimeout);
        auto [write_error, written] = co_await http::async_write(stream, response, kUseTuple);
        if (write_error || !response.keep_alive()) co_return;
    }
}

asio::awaitable<void> FakeHttpsServer::Impl::run_connection(tcp::socket socket) {
    if (stopping) co_return;  // accepted just before stop()
    LiveConnection conn;
    live.insert(&conn);
    struct Unregister {
        std::set<LiveConnection*>& set;
        LiveConnection* entry;
        ~Unregister() { set.erase(entry); }
    } unregister{live, &conn};

    if (!tls) {
        beast::tcp_stream stream(std::move(socket));
        conn.tcp = &stream;
        co_await serve(stream, conn);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
    conn.tcp = &beast::get_lowest_layer(stream);
    conn.tcp->expires_after(kIoTimeout);
    auto [handshake_error] =
        co_await stream.async_handshake(asio::ssl::stream_base::server, kUseTuple);
    if (handshake_error) co_return;  // e.g. a client that refused our certificate
    co_await serve(stream, conn);
    if (!conn.tcp->socket().is_open()) co_return;
    conn.tcp->expires_after(kTlsShutdownTimeout);
    co_await stream.async_shutdown(kUseTuple);
}

asio::awaitable<void> FakeHttpsServer::Impl::accept_loop() {
    for (;;) {
        auto [error, socket] = co_await acceptor.async_accept(kUseTuple);
        if (error) co_return;  // closed by stop()
        {
            const std::lock_guard lock(mutex);
            ++connections;
        }
        asio::co_spawn(ioc, run_connection(std::move(socket)), asio::detached);
    }
}

void FakeHttpsServer::Impl::start() {
    if (transport == FakeTransport::kTls) tls.emplace(make_fake_server_tls_context());
    port = listen_on_loopback(acceptor);
    asio::co_spawn(ioc, accept_loop(), asio::detached);
    thread = std::thread([this] { ioc.run(); });
}

// Closes the acceptor and every connection on the io thread; the coroutines then finish,
// run() runs out of work and returns.
void FakeHttpsServer::Impl::stop() {
    if (!thread.joinable()) return;
    asio::post(ioc, [this] {
        stopping = true;
        beast::error_code ignored;
        acceptor.close(ignored);
        for (LiveConnection* conn : live) {
            if (conn->tcp != nullptr) conn->tcp->close();
            if (conn->delay != nullptr) conn->delay->cancel();
        }
    });
    thread.join();
}

FakeHttpsServer::FakeHttpsServer(Handler handler, FakeTransport transport)
    : impl_(std::make_unique<Impl>(std::move(handler), transport)) {
    impl_->start();
}

FakeHttpsServer::~FakeHttpsServer() { impl_->stop(); }

std::uint16_t FakeHttpsServer::port() const noexcept { return impl_->port; }

std::string FakeHttpsServer::url() const {
    const char* scheme = impl_->transport == FakeTransport::kTls ? "https" : "http";
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(impl_->port);
}

void FakeHttpsServer::set_handler(Handler handler) {
    const std::lock_guard lock(impl_->mutex);
    impl_->handler = std::move(handler);
}

std::vector<FakeHttpRequest> FakeHttpsServer::requests() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->requests;
}

std::size_t FakeHttpsServer::request_count() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->requests.size();
}

bool FakeHttpsServer::wait_for_requests(std::size_t count,
                                        std::chrono::milliseconds deadline) const {
    std::unique_lock lock(impl_->mutex);
    return impl_->arrived.wait_for(lock, deadline,
                                   [&] { return impl_->requests.size() >= count; });
}

std::size_t FakeHttpsServer::connection_count() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->connections;
}

std::optional<std::string> FakeHttpRequest::header(std::string_view lower_name) const {
    return find_header(headers, lower_name);
}

std::optional<std::string> FakeHttpRequest::query_param(std::string_view name) const {
    return find_param(query, name, false);
}

std::optional<std::string> FakeHttpRequest::form_param(std::string_view name) const {
    return find_param(body, name, true);
}

FakeHttpResponse FakeHttpResponse::json(int status, std::string body) {
    FakeHttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = std::move(body);
    return response;
}

}  // namespace frontdesk::test
