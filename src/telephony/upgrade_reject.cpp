#include "telephony/upgrade_reject.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/write.hpp>

#include "net/websocket_upgrade.hpp"
#include "telephony/session_log.hpp"

namespace frontdesk::telephony {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr auto kRejectWriteTimeout = std::chrono::seconds{5};

struct Rejection {
    beast::tcp_stream stream;
    http::response<http::string_body> response;
};

asio::awaitable<void> write_rejection(std::shared_ptr<Rejection> rejection) {
    rejection->stream.expires_after(kRejectWriteTimeout);
    co_await http::async_write(rejection->stream, rejection->response,
                               asio::as_tuple(asio::use_awaitable));
    beast::error_code ignored;
    rejection->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    rejection->stream.socket().close(ignored);
}

}  // namespace

void reject_upgrade(net::UpgradeContext&& context, unsigned status, std::string_view reason) noexcept {
    try {
        detail::telephony_log().warn("request_id={} websocket upgrade to {} refused: {} {}",
                                     context.request_id, context.path, status, reason);
        auto rejection = std::make_shared<Rejection>(
            Rejection{std::move(context.stream), http::response<http::string_body>{}});
        auto& response = rejection->response;
        response.result(status);
        response.version(context.request.version());
        response.set(http::field::content_type, "text/plain");
        response.keep_alive(false);
        response.body() = std::string{reason} + "\n";
        response.prepare_payload();
        auto executor = rejection->stream.get_executor();
        asio::co_spawn(executor, write_rejection(std::move(rejection)), asio::detached);
    } catch (...) {  // NOLINT(bugprone-empty-catch): the connection is dropped with the context
    }
}

}  // namespace frontdesk::telephony
