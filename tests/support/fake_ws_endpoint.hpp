#pragma once
// Internal to tests/support (fake_wss_server.cpp): the server end of one fake websocket,
// driven synchronously from its script thread through a private io_context.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "support/fake_wss_server.hpp"

namespace frontdesk::test {

namespace fake_ws {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;
using UpgradeRequest = http::request<http::string_body>;

// Bounds on every step, so a silent client cannot hold a script thread forever.
constexpr auto kHandshakeTimeout = std::chrono::seconds{10};
constexpr auto kWriteTimeout = std::chrono::seconds{10};
constexpr auto kCloseTimeout = std::chrono::seconds{2};
constexpr std::uint64_t kMaxMessageBytes = std::uint64_t{16} << 20U;

/// One connection's private loop, run only by its script thread; `stopping` and posts to
/// `ioc` are how the server's destructor reaches it from another thread.
struct ConnectionLoop {
    asio::io_context ioc{1};
    std::atomic<bool> stopping{false};
};

enum class RunResult { kDone, kDeadline, kStopping };

/// Runs the loop until `done()`, the deadline, or a stop request.
template <class Done>
RunResult run_until(ConnectionLoop& loop, Done done, Clock::time_point deadline) {
    while (!done()) {
        if (loop.stopping.load()) return RunResult::kStopping;
        if (loop.ioc.stopped()) loop.ioc.restart();
        if (loop.ioc.run_one_until(deadline) == 0 && (Clock::now() >= deadline || loop.ioc.stopped())) {
            return done() ? RunResult::kDone : RunResult::kDeadline;
        }
    }
    return RunResult::kDone;
}

/// After the socket was closed every pending operation completes promptly (aborted).
template <class Done>
void run_to_completion(asio::io_context& ioc, Done done) {
    while (!done()) {
        if (ioc.stopped()) ioc.restart();
        if (ioc.run_one() == 0) return;
    }
}

}  // namespace fake_ws

/// The operations behind FakeWsConnection.
struct FakeWsConnection::Impl {
    virtual ~Impl() = default;
    virtual std::optional<std::string> read_text(std::chrono::milliseconds deadline) = 0;
    virtual bool send_text(std::string text) = 0;
    virtual void close(std::uint16_t code, std::string_view reason) = 0;
    virtual void drop() = 0;
    [[nodiscard]] virtual bool closed() const noexcept = 0;

    FakeWsUpgrade upgrade;
};

namespace fake_ws {

/// Next is beast::tcp_stream (plain) or beast::ssl_stream<beast::tcp_stream> (TLS).
template <class Next>
class Endpoint final : public FakeWsConnection::Impl {
public:
    template <class... Args>
    explicit Endpoint(ConnectionLoop& loop, Args&&... next_args)
        : loop_(loop), ws_(std::forward<Args>(next_args)...) {}
    ~Endpoint() override { finish(); }
    Endpoint(const Endpoint&) = delete;
    Endpoint& operator=(const Endpoint&) = delete;

    bool tls_handshake() {
        if constexpr (std::is_same_v<Next, beast::tcp_stream>) {
            return true;
        } else {
            return !run_op([this](auto handler) {
                ws_.next_layer().async_handshake(asio::ssl::stream_base::server,
                                                 std::move(handler));
            }, kHandshakeTimeout);
        }
    }

    std::optional<UpgradeRequest> read_upgrade() {
        UpgradeRequest request;
        if (run_op([&](auto handler) {
                http::async_read(ws_.next_layer(), buffer_, request, std::move(handler));
            }, kHandshakeTimeout)) {
            return std::nullopt;
        }
        return request;
    }

    void refuse(unsigned status, unsigned version) {
        http::response<http::string_body> response{static_cast<http::status>(status), version};
        response.body() = "refused by the fake";
        response.keep_alive(false);
        response.prepare_payload();
        (void)run_op([&](auto handler) {
            http::async_write(ws_.next_layer(), response, std::move(handler));
        }, kWriteTimeout);
        drop();
    }

    bool accept(const UpgradeRequest& request) {
        ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        ws_.read_message_max(kMaxMessageBytes);
        if (run_op([&](auto handler) { ws_.async_accept(request, std::move(handler)); },
                   kHandshakeTimeout)) {
            return false;
        }
        // The websocket has its own timeouts now (see set_option above).
        beast::get_lowest_layer(ws_).expires_never();
        open_ = true;
        start_read();
        return true;
    }

    std::optional<std::string> read_text(std::chrono::milliseconds deadline) override {
        const auto until = Clock::now() + deadline;
        while (inbox_.empty() && reading_) {
            const auto result = run_until(loop_, [this] { return !inbox_.empty() || !reading_; },
                                          until);
            if (result == RunResult::kStopping) drop();
            if (result != RunResult::kDone) break;
        }
        if (inbox_.empty()) return std::nullopt;
        std::string text = std::move(inbox_.front());
        inbox_.pop_front();
        return text;
    }

    bool send_text(std::string text) override {
        if (closed_) return false;
        ws_.text(true);
        if (run_op([&](auto handler) { ws_.async_write(asio::buffer(text), std::move(handler)); },
                   kWriteTimeout)) {
            closed_ = true;
            return false;
        }
        return true;
    }

    void close(std::uint16_t code, std::string_view reason) override {
        if (std::exchange(closed_, true) || !open_) return;
        const websocket::close_reason why(static_cast<websocket::close_code>(code), reason);
        (void)run_op([&](auto handler) { ws_.async_close(why, std::move(handler)); },
                     kCloseTimeout);
    }

    void drop() override {
        closed_ = true;
        beast::get_lowest_layer(ws_).close();
    }

    [[nodiscard]] bool closed() const noexcept override { return closed_; }

private:
    // Starts one operation and runs the loop until it completes. On timeout or a stop request
    // the connection is dropped, which completes the operation at once. Returns its error.
    template <class Start>
    beast::error_code run_op(Start start, Clock::duration timeout) {
        std::optional<beast::error_code> result;
        start([&result](beast::error_code error, auto&&...) { result = error; });
        const auto done = [&result] { return result.has_value(); };
        if (run_until(loop_, done, Clock::now() + timeout) != RunResult::kDone) {
            drop();
            run_to_completion(loop_.ioc, done);
        }
        return result.value_or(asio::error::operation_aborted);
    }

    void start_read() {
        reading_ = true;
        ws_.async_read(buffer_, [this](beast::error_code error, std::size_t) {
            reading_ = false;
            if (error) {
                closed_ = true;  // a close frame, a reset, or our own drop()
                return;
            }
            if (ws_.got_text()) inbox_.push_back(beast::buffers_to_string(buffer_.data()));
            buffer_.consume(buffer_.size());
            start_read();
        });
    }

    // Ends the connection and runs the loop until no handler refers to this object.
    void finish() noexcept {
        if (!closed_) close(1000, {});
        if (reading_ && run_until(loop_, [this] { return !reading_; },
                                  Clock::now() + kCloseTimeout) != RunResult::kDone) {
            drop();
        }
        run_to_completion(loop_.ioc, [this] { return !reading_; });
    }

    ConnectionLoop& loop_;  // outlives this: owned by the script thread's frame
    websocket::stream<Next> ws_;
    beast::flat_buffer buffer_;
    std::deque<std::string> inbox_;
    bool open_ = false;  // the websocket handshake completed
    bool reading_ = false;
    bool closed_ = false;
};

}  // namespace fake_ws
}  // namespace frontdesk::test
