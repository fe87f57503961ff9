#include "net/http_session.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <tuple>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "core/ids.hpp"
#include "core/logging.hpp"
#include "net/router.hpp"
#include "net/websocket_upgrade.hpp"
#include "net/worker_pool.hpp"

namespace frontdesk::net::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable);
// The first read of a request only has to see that one is coming; the parser reads the rest.
constexpr std::size_t kFirstReadBytes = 4096;
constexpr std::size_t kLingerReadBytes = 4096;

const auto& net_log() {
    static const auto log = logger("net");
    return log;
}

std::string remote_of(const asio::ip::tcp::socket& socket) {
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string{"unknown"} : endpoint.address().to_string();
}

struct ReadFailure {
    int status = 400;
    std::string_view code;
    std::string_view message;
};

/// The read errors that deserve an answer; the others (peer gone, timeout, our own close) are
/// normal endings of a connection.
std::optional<ReadFailure> classify(const beast::error_code& ec) {
    if (ec == http::error::body_limit) {
        return ReadFailure{413, "PAYLOAD_TOO_LARGE", "The request body is too large."};
    }
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        return ReadFailure{431, "HEADERS_TOO_LARGE", "The request headers are too large."};
    }
    const bool parse_error =
        ec.category() == http::make_error_code(http::error::bad_method).category();
    if (parse_error && ec != http::error::end_of_stream && ec != http::error::partial_message) {
        return ReadFailure{400, "BAD_REQUEST", "The request is not valid HTTP/1.1."};
    }
    return std::nullopt;
}

std::int64_t micros_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 started)
        .count();
}

}  // namespace

HttpSession::HttpSession(asio::ip::tcp::socket&& socket, std::uint64_t id,
                         std::shared_ptr<const SessionConfig> config)
    : executor_(socket.get_executor()),
      id_(id),
      config_(std::move(config)),
      stream_(std::move(socket)),
      handler_done_(executor_),
      remote_address_(remote_of(stream_.socket())) {}

asio::awaitable<void> HttpSession::run(std::shared_ptr<HttpSession> self) {
    // The member coroutines awaited here cannot outlive the session: `self` holds it until the end.
    // Plain statements around co_await: GCC 12 miscompiles it inside loop conditions.
    bool keep_going = true;
    while (keep_going) keep_going = co_await self->serve_one();
    co_await self->linger_and_close();
}

void HttpSession::request_stop() {
    stopping_ = true;
    if (state_ == State::kIdle || state_ == State::kLingering) close();
}

void HttpSession::close() noexcept {
    if (state_ == State::kClosed || state_ == State::kHandedOff) return;
    state_ = State::kClosed;
    try {
        handler_done_.cancel();
    } catch (...) {
        // Cancelling a timer only fails on a broken reactor; the stream close below still ends us.
    }
    stream_.close();  // swallows its own errors; completes every pending read and write
}

asio::awaitable<bool> HttpSession::serve_one() {
    if (stopping_) co_return false;
    const bool request_coming = co_await wait_for_request();
    if (!request_coming) co_return false;
    const auto& settings = config_->settings;
    const auto started = Clock::now();
    state_ = State::kReading;

    RequestParser parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(settings.header_limit, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(std::uint64_t{settings.body_limit});
    // One deadline for the whole request, header to last body byte (slow-loris guard).
    stream_.expires_after(settings.request_timeout);
    const auto ec = co_await read_request(parser);
    // Named values rather than temporaries inside co_await expressions: GCC 12 has had bugs there.
    if (ec) {
        auto rejected = rejected_exchange(parser, started);
        co_return co_await answer_read_error(ec, std::move(rejected));
    }
    auto request = parser.release();
    co_return co_await serve_request(std::move(request), started);
}

asio::awaitable<beast::error_code> HttpSession::read_request(RequestParser& parser) {
    auto [header_ec, header_bytes] =
        co_await http::async_read_header(stream_, buffer_, parser, kAwaitTuple);
    if (header_ec) co_return header_ec;  // an over-long Content-Length fails here: no 100 sent
    const auto& header = parser.get();
    // Clients that wait for "100 Continue" (curl does for large bodies) would stall a second.
    if (header.version() == 11 && beast::iequals(header[http::field::expect], "100-continue")) {
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        auto [continue_ec, written] = co_await http::async_write(stream_, go_on, kAwaitTuple);
        if (continue_ec) co_return continue_ec;
    }
    if (parser.is_done()) co_return beast::error_code{};
    auto [body_ec, body_bytes] = co_await http::async_read(stream_, buffer_, parser, kAwaitTuple);
    co_return body_ec;
}

HttpSession::Exchange HttpSession::rejected_exchange(const RequestParser& parser,
                                                     Clock::time_point started) {
    Exchange exchange;
    exchange.started = started;
    if (!parser.is_header_done()) {
        exchange.request_id = new_id("req");
        return exchange;
    }
    const auto& header = parser.get();
    exchange.request_id = request_id_for(header);
    exchange.method = std::string{header.method_string()};
    exchange.path = path_for_log(header.target());
    return exchange;
}

asio::awaitable<bool> HttpSession::serve_request(BeastRequest request, Clock::time_point started) {
    Exchange exchange;
    exchange.request_id = request_id_for(request);
    exchange.started = started;
    if (auto route = find_upgrade(request)) {
        hand_off(std::move(request), std::move(*route), exchange.request_id);
        co_return false;
    }
    exchange.method = std::string{request.method_string()};
    exchange.version = request.version();
    exchange.head = request.method() == http::verb::head;
    const bool client_keep_alive = request.keep_alive();
    auto converted = to_http_request(std::move(request), exchange.request_id, remote_address_);
    if (!converted) {
        auto bad_target = json_error(400, "BAD_REQUEST", "The request target is not a valid path.",
                                     exchange.request_id);
        co_await respond(std::move(bad_target), std::move(exchange));
        co_return false;
    }
    exchange.path = path_for_log(converted->target);

    auto response = co_await handle(std::move(*converted));
    if (!response) co_return false;  // closed while the handler ran: nobody to answer
    ++served_;
    exchange.keep_alive =
        client_keep_alive && !stopping_ && served_ < config_->settings.max_requests_per_connection;
    co_return co_await respond(std::move(*response), std::move(exchange));
}

asio::awaitable<bool> HttpSession::wait_for_request() {
    if (buffer_.size() > 0) co_return true;  // a pipelined request is already here
    state_ = State::kIdle;
    stream_.expires_after(config_->settings.keep_alive_timeout);
    auto [ec, bytes] =
        co_await stream_.async_read_some(buffer_.prepare(kFirstReadBytes), kAwaitTuple);
    buffer_.commit(bytes);
    if (ec) {
        net_log()->debug("conn={} remote={} idle connection ends: {}", id_, remote_address_,
                         ec.message());
        co_return false;
    }
    co_return state_ != State::kClosed;
}

asio::awaitable<bool> HttpSession::answer_read_error(beast::error_code ec, Exchange exchange) {
    const auto failure = classify(ec);
    if (!failure) {
        net_log()->debug("conn={} remote={} read ends: {}", id_, remote_address_, ec.message());
        co_return false;
    }
    net_log()->debug("conn={} request_id={} rejected: {}", id_, exchange.request_id, ec.message());
    // The stream is no longer in sync with message boundaries: answer, then close.
    auto answer = json_error(failure->status, failure->code, failure->message, exchange.request_id);
    co_await respond(std::move(answer), std::move(exchange));
    co_return false;
}

asio::awaitable<std::optional<HttpResponse>> HttpSession::handle(HttpRequest request) {
    state_ = State::kHandling;
    response_.reset();
    const std::string request_id = request.request_id;
    auto job = [self = shared_from_this(), request = std::move(request)]() mutable {
        HttpResponse response = self->config_->router->dispatch(request);
        // Back to the connection's strand: only there may the session be touched.
        asio::post(self->executor_, [self, response = std::move(response)]() mutable {
            self->on_handled(std::move(response));
        });
    };
    if (!config_->pool->try_post(std::move(job))) {
        auto busy =
            json_error(503, "SERVER_BUSY", "The server is busy. Try again shortly.", request_id);
        busy.headers.emplace_back("Retry-After", "1");
        co_return busy;
    }
    // on_handled() cannot run before this wait starts: it is posted to this very strand.
    handler_done_.expires_at(Clock::time_point::max());
    co_await handler_done_.async_wait(kAwaitTuple);
    co_return std::move(response_);
}

void HttpSession::on_handled(HttpResponse response) {
    if (state_ != State::kHandling) return;  // closed meanwhile
    response_ = std::move(response);
    handler_done_.cancel();
}

asio::awaitable<bool> HttpSession::respond(HttpResponse response, Exchange exchange) {
    if (state_ == State::kClosed) co_return false;
    state_ = State::kWriting;
    auto message = to_beast_response(
        std::move(response),
        ResponseFraming{exchange.version, exchange.keep_alive, exchange.head, exchange.request_id});
    stream_.expires_after(config_->settings.write_timeout);
    auto [ec, bytes] = co_await http::async_write(stream_, message, kAwaitTuple);
    // Path only: query strings may carry personal data. Never headers or bodies (API keys).
    net_log()->info("request_id={} {} {} {} {}us{}", exchange.request_id, exchange.method,
                    exchange.path, message.result_int(), micros_since(exchange.started),
                    ec ? " (not delivered)" : "");
    if (ec) {
        net_log()->debug("conn={} request_id={} write failed: {}", id_, exchange.request_id,
                         ec.message());
        co_return false;
    }
    co_return exchange.keep_alive;
}

asio::awaitable<void> HttpSession::linger_and_close() {
    if (state_ == State::kHandedOff || state_ == State::kClosed) co_return;
    state_ = State::kLingering;
    // Closing with unread input makes the kernel send a reset, which can destroy a response still
    // on its way (a 413 while the body is arriving): half-close, drain until the peer closes.
    beast::error_code ec;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    stream_.expires_after(config_->settings.linger_timeout);
    std::array<char, kLingerReadBytes> discard{};
    while (!ec && state_ == State::kLingering) {
        std::size_t bytes = 0;
        std::tie(ec, bytes) = co_await stream_.async_read_some(asio::buffer(discard), kAwaitTuple);
    }
    close();
}

std::optional<HttpSession::UpgradeRoute> HttpSession::find_upgrade(
    const BeastRequest& request) const {
    const auto& upgrades = config_->upgrades;
    if (upgrades.empty() || !websocket::is_upgrade(request)) return std::nullopt;
    auto path = decoded_path(request.target());
    if (!path) return std::nullopt;
    const auto it = upgrades.find(*path);
    if (it == upgrades.end()) return std::nullopt;
    return UpgradeRoute{std::move(*path), &it->second};
}

void HttpSession::hand_off(BeastRequest&& request, UpgradeRoute route,
                           const std::string& request_id) {
    state_ = State::kHandedOff;
    stream_.expires_never();  // websocket streams bring their own timeouts
    net_log()->info("request_id={} GET {} upgraded conn={} remote={}", request_id,
                    path_for_log(request.target()), id_, remote_address_);
    try {
        (*route.handler)(UpgradeContext{std::move(stream_), std::move(request),
                                        std::move(route.path), request_id, remote_address_});
    } catch (const std::exception& e) {
        // The context, and with it the socket, is gone: the client sees the connection close.
        net_log()->error("request_id={} upgrade handler threw: {}", request_id, e.what());
    }
}

}  // namespace frontdesk::net::detail
