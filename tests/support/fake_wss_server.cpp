#include "support/fake_wss_server.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "support/fake_server_tls.hpp"
#include "support/fake_ws_endpoint.hpp"

namespace frontdesk::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using fake_ws::ConnectionLoop;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr unsigned kNotAnUpgrade = 426;  // Upgrade Required
constexpr std::uint16_t kScriptFailed = 1011;

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

FakeWsUpgrade to_upgrade(const fake_ws::UpgradeRequest& request) {
    FakeWsUpgrade upgrade;
    upgrade.target = std::string(request.target());
    for (const auto& field : request) {
        upgrade.headers.emplace_back(to_lower(field.name_string()), std::string(field.value()));
    }
    return upgrade;
}

}  // namespace

struct FakeWssServer::Impl {
    Impl(Script initial, FakeTransport kind) : script(std::move(initial)), transport(kind) {}

    void start();
    void stop();
    asio::awaitable<void> accept_loop();
    void launch(std::shared_ptr<ConnectionLoop> loop, tcp::socket socket);
    template <class Next>
    void serve(ConnectionLoop& loop, tcp::socket socket);
    void run_script(FakeWsConnection& connection);
    unsigned record(FakeWsUpgrade upgrade);

    const Script script;
    const FakeTransport transport;
    asio::io_context ioc{1};  // the accept loop only
    std::optional<asio::ssl::context> tls;
    tcp::acceptor acceptor{ioc};
    std::uint16_t port = 0;
    std::thread accept_thread;

    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    std::vector<FakeWsUpgrade> upgrades;                 // guarded by mutex
    unsigned refuse_status = 0;                          // guarded by mutex
    std::size_t scripts_running = 0;                     // guarded by mutex
    bool stopping = false;                               // guarded by mutex
    std::vector<std::shared_ptr<ConnectionLoop>> loops;  // guarded by mutex
    std::vector<std::thread> connection_threads;         // guarded by mutex
};

unsigned FakeWssServer::Impl::record(FakeWsUpgrade upgrade) {
    unsigned status = 0;
    {
        const std::lock_guard lock(mutex);
        upgrades.push_back(std::move(upgrade));
        status = refuse_status;
    }
    changed.notify_all();
    return status;
}

void FakeWssServer::Impl::run_script(FakeWsConnection& connection) {
    try {
        script(connection);
    } catch (...) {
        // A failing script ends its connection visibly, not the test process.
        connection.close(kScriptFailed, "fake script threw");
    }
}

// Runs on the connection's own thread, from the TLS handshake to the end of the script.
template <class Next>
void FakeWssServer::Impl::serve(ConnectionLoop& loop, tcp::socket socket) {
    auto endpoint = [&] {
        if constexpr (std::is_same_v<Next, beast::tcp_stream>) {
            return std::make_unique<fake_ws::Endpoint<Next>>(loop, std::move(socket));
        } else {
            return std::make_unique<fake_ws::Endpoint<Next>>(loop, std::move(socket), *tls);
        }
    }();
    if (!endpoint->tls_handshake()) return;
    const auto request = endpoint->read_upgrade();
    if (!request) return;
    endpoint->upgrade = to_upgrade(*request);
    const unsigned refuse_with = record(endpoint->upgrade);
    if (refuse_with != 0 || !websocket::is_upgrade(*request)) {
        endpoint->refuse(refuse_with != 0 ? refuse_with : kNotAnUpgrade, request->version());
        return;
    }
    if (!endpoint->accept(*request)) return;
    FakeWsConnection connection(std::move(endpoint));
    run_script(connection);
}

void FakeWssServer::Impl::launch(std::shared_ptr<ConnectionLoop> loop, tcp::socket socket) {
    const std::lock_guard lock(mutex);
    if (stopping) return;
    loops.push_back(loop);
    ++scripts_running;
    connection_threads.emplace_back([this, loop, s = std::move(socket)]() mutable {
        if (tls) {
            serve<beast::ssl_stream<beast::tcp_stream>>(*loop, std::move(s));
        } else {
            serve<beast::tcp_stream>(*loop, std::move(s));
        }
        {
            const std::lock_guard done_lock(mutex);
            --scripts_running;
        }
        changed.notify_all();
    });
}

asio::awaitable<void> FakeWssServer::Impl::accept_loop() {
    for (;;) {
        // Each connection runs on its own loop, driven by its script thread.
        auto loop = std::make_shared<ConnectionLoop>();
        tcp::socket socket(loop->ioc);
        auto [error] = co_await acceptor.async_accept(socket, kUseTuple);
        if (error) co_return;  // closed by stop()
        launch(std::move(loop), std::move(socket));
    }
}

void FakeWssServer::Impl::start() {
    if (transport == FakeTransport::kTls) tls.emplace(make_fake_server_tls_context());
    port = listen_on_loopback(acceptor);
    asio::co_spawn(ioc, accept_loop(), asio::detached);
    accept_thread = std::thread([this] { ioc.run(); });
}

void FakeWssServer::Impl::stop() {
    if (!accept_thread.joinable()) return;
    asio::post(ioc, [this] {
        beast::error_code ignored;
        acceptor.close(ignored);
    });
    accept_thread.join();
    std::vector<std::thread> threads;
    {
        const std::lock_guard lock(mutex);
        stopping = true;
        for (const auto& loop : loops) {
            loop->stopping = true;
            // Wakes a script blocked in read_text so it sees the stop request.
            asio::post(loop->ioc, [] {});
        }
        threads.swap(connection_threads);
    }
    for (auto& thread : threads) thread.join();
}

FakeWssServer::FakeWssServer(Script script, FakeTransport transport)
    : impl_(std::make_unique<Impl>(std::move(script), transport)) {
    impl_->start();
}

FakeWssServer::~FakeWssServer() { impl_->stop(); }

std::uint16_t FakeWssServer::port() const noexcept { return impl_->port; }

std::string FakeWssServer::url() const {
    const char* scheme = impl_->transport == FakeTransport::kTls ? "wss" : "ws";
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(impl_->port);
}

void FakeWssServer::refuse_upgrades_with(int status) {
    const std::lock_guard lock(impl_->mutex);
    impl_->refuse_status = static_cast<unsigned>(status);
}

std::vector<FakeWsUpgrade> FakeWssServer::upgrades() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->upgrades;
}

bool FakeWssServer::wait_for_upgrades(std::size_t count,
                                      std::chrono::milliseconds deadline) const {
    std::unique_lock lock(impl_->mutex);
    return impl_->changed.wait_for(lock, deadline,
                                   [&] { return impl_->upgrades.size() >= count; });
}

bool FakeWssServer::wait_for_scripts_done(std::chrono::milliseconds deadline) const {
    std::unique_lock lock(impl_->mutex);
    return impl_->changed.wait_for(lock, deadline, [&] { return impl_->scripts_running == 0; });
}

std::optional<std::string> FakeWsUpgrade::header(std::string_view lower_name) const {
    return find_header(headers, lower_name);
}

FakeWsConnection::FakeWsConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FakeWsConnection::~FakeWsConnection() = default;

const FakeWsUpgrade& FakeWsConnection::upgrade() const noexcept { return impl_->upgrade; }

std::optional<std::string> FakeWsConnection::read_text(std::chrono::milliseconds deadline) {
    return impl_->read_text(deadline);
}

bool FakeWsConnection::send_text(std::string text) { return impl_->send_text(std::move(text)); }

void FakeWsConnection::close(std::uint16_t code, std::string_view reason) {
    impl_->close(code, reason);
}

void FakeWsConnection::drop() { impl_->drop(); }

bool FakeWsConnection::closed() const noexcept { return impl_->closed(); }

}  // namespace frontdesk::test
