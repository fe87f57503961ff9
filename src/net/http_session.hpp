#pragma once
// Internal to net: one HTTP connection. Only http_server.cpp and http_session.cpp include it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include "net/http_convert.hpp"
#include "net/http_message.hpp"
#include "net/http_server.hpp"

namespace frontdesk::net::detail {

/// What every session of one server shares; frozen by HttpServer::start(), then read-only.
struct SessionConfig {
    HttpServerSettings settings;
    const Router* router = nullptr;  // borrowed: the server's owner keeps it alive
    WorkerPool* pool = nullptr;      // borrowed: likewise
    std::map<std::string, UpgradeHandler, std::less<>> upgrades;  // decoded path → handler
};

/// Server side of one HTTP/1.1 connection: reads a request, runs its handler on the worker pool,
/// writes the response, repeats while the connection is kept alive.
/// Strand: the one its socket was accepted on; every member is used only there, except
/// `executor_`, which pool threads read to post results back.
/// Owns its stream and buffers; borrows the SessionConfig through a shared_ptr. Kept alive by
/// run() and by a handler still running on the pool.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(boost::asio::ip::tcp::socket&& socket, std::uint64_t id,
                std::shared_ptr<const SessionConfig> config);

    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;
    HttpSession(HttpSession&&) = delete;
    HttpSession& operator=(HttpSession&&) = delete;

    /// The connection's whole life; co_spawn it on executor(). Ends after close() at the latest.
    static boost::asio::awaitable<void> run(std::shared_ptr<HttpSession> self);

    /// Graceful stop: an idle connection closes now, one mid-request answers with
    /// "Connection: close" and then closes.
    void request_stop();

    /// Idempotent; the only way the socket closes. After it nothing more is read or written.
    void close() noexcept;

    [[nodiscard]] const boost::asio::any_io_executor& executor() const noexcept {
        return executor_;
    }

private:
    enum class State : std::uint8_t {
        kIdle,  // waiting for the first byte of a request
        kReading,
        kHandling,  // the handler runs on the pool
        kWriting,
        kLingering,  // half-closed, draining the client's last bytes
        kHandedOff,  // the stream belongs to an upgrade handler
        kClosed,
    };
    using Clock = std::chrono::steady_clock;
    using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

    /// One request/response as the access log and the response framing see it.
    struct Exchange {
        std::string request_id;
        std::string method = "-";
        std::string path = "-";
        Clock::time_point started;
        unsigned version = 11;
        bool keep_alive = false;
        bool head = false;
    };
    struct UpgradeRoute {
        std::string path;
        const UpgradeHandler* handler = nullptr;  // points into config_->upgrades
    };

    boost::asio::awaitable<bool> serve_one();
    boost::asio::awaitable<bool> serve_request(BeastRequest request, Clock::time_point started);
    boost::asio::awaitable<bool> wait_for_request();
    boost::asio::awaitable<boost::beast::error_code> read_request(RequestParser& parser);
    boost::asio::awaitable<bool> answer_read_error(boost::beast::error_code ec, Exchange exchange);
    [[nodiscard]] static Exchange rejected_exchange(const RequestParser& parser,
                                                    Clock::time_point started);
    boost::asio::awaitable<std::optional<HttpResponse>> handle(HttpRequest request);
    boost::asio::awaitable<bool> respond(HttpResponse response, Exchange exchange);
    boost::asio::awaitable<void> linger_and_close();
    [[nodiscard]] std::optional<UpgradeRoute> find_upgrade(const BeastRequest& request) const;
    void hand_off(BeastRequest&& request, UpgradeRoute route, const std::string& request_id);
    void on_handled(HttpResponse response);

    const boost::asio::any_io_executor executor_;  // the connection's strand
    const std::uint64_t id_;
    const std::shared_ptr<const SessionConfig> config_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    boost::asio::steady_timer handler_done_;  // cancelled when the pool's answer (or close) comes
    std::optional<HttpResponse> response_;    // the pool's answer, set by on_handled()
    std::string remote_address_;
    std::size_t served_ = 0;
    State state_ = State::kIdle;
    bool stopping_ = false;
};

}  // namespace frontdesk::net::detail
