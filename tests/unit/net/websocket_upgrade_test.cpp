#include "net/websocket_upgrade.hpp"

#include <exception>
#include <future>
#include <memory>
#include <string>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>

#include "net_test_support.hpp"

namespace frontdesk::net::test {
namespace {

using WsStream = websocket::stream<beast::tcp_stream>;

struct Upgraded {
    std::string path;
    std::string request_id;
    std::string remote_address;
};

/// The simplest owner of a handed-over connection: accept, then echo every message.
asio::awaitable<void> echo(std::shared_ptr<WsStream> ws, http::request<http::string_body> request) {
    constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable);
    ws->set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    auto [accept_ec] = co_await ws->async_accept(request, kAwaitTuple);
    if (accept_ec) co_return;
    beast::flat_buffer buffer;
    for (;;) {
        auto [read_ec, read] = co_await ws->async_read(buffer, kAwaitTuple);
        if (read_ec) co_return;
        ws->text(ws->got_text());
        auto [write_ec, written] = co_await ws->async_write(buffer.data(), kAwaitTuple);
        if (write_ec) co_return;
        buffer.consume(buffer.size());
    }
}

/// Registers the echo handler on "/echo"; `upgraded` receives what the context carried.
void install_echo(ServerHarness& harness, std::promise<Upgraded>& upgraded) {
    harness.server().set_upgrade_handler("/echo", [&upgraded](UpgradeContext&& context) {
        upgraded.set_value({context.path, context.request_id, context.remote_address});
        auto ws = std::make_shared<WsStream>(std::move(context.stream));
        asio::co_spawn(ws->get_executor(), echo(ws, std::move(context.request)),
                       [](const std::exception_ptr&) {});
    });
}

TEST(WebsocketUpgrade, RegisteredPathIsHandedOverWithItsSocket) {
    std::promise<Upgraded> upgraded;  // outlives the harness and its io threads
    ServerHarness harness;
    install_echo(harness, upgraded);
    WsClient client{harness.start()};

    websocket::response_type response;
    ASSERT_FALSE(client.handshake("/echo?call=1", response)) << response;
    EXPECT_EQ(response.result(), http::status::switching_protocols);
    client.write("hello");
    EXPECT_EQ(client.read(), "hello");
    client.write("again");
    EXPECT_EQ(client.read(), "again");

    auto seen = upgraded.get_future();
    ASSERT_EQ(seen.wait_for(kDeadline), std::future_status::ready);
    const auto context = seen.get();
    EXPECT_EQ(context.path, "/echo");
    EXPECT_EQ(context.request_id.rfind("req_", 0), 0U);
    EXPECT_EQ(context.remote_address, "127.0.0.1");
    client.close();
}

TEST(WebsocketUpgrade, HandedOverConnectionIsNotTheHttpServersToStop) {
    std::promise<Upgraded> upgraded;  // outlives the harness and its io threads
    ServerHarness harness;
    install_echo(harness, upgraded);
    WsClient client{harness.start()};
    websocket::response_type response;
    ASSERT_FALSE(client.handshake("/echo", response));

    auto stopped = harness.stop();
    EXPECT_EQ(stopped.wait_for(kDeadline), std::future_status::ready);
    client.write("still here");
    EXPECT_EQ(client.read(), "still here");
    client.close();
}

TEST(WebsocketUpgrade, UnregisteredUpgradeIsRoutedAsAPlainRequest) {
    std::promise<Upgraded> upgraded;  // outlives the harness and its io threads
    ServerHarness harness;
    install_echo(harness, upgraded);
    WsClient client{harness.start()};

    websocket::response_type response;
    EXPECT_EQ(client.handshake("/elsewhere", response), websocket::error::upgrade_declined);
    EXPECT_EQ(response.result_int(), 404);
    EXPECT_EQ(error_code_of(response), "NOT_FOUND");
}

TEST(WebsocketUpgrade, PlainRequestOnAnUpgradePathIsRouted) {
    std::promise<Upgraded> upgraded;  // outlives the harness and its io threads
    ServerHarness harness;
    install_echo(harness, upgraded);
    harness.router().add("GET", "/echo", [](HttpRequest&) {
        HttpResponse response;
        response.body = R"({"upgrade":"required"})";
        return response;
    });
    TestClient client{harness.start()};

    const auto response = client.request(http::verb::get, "/echo");
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), R"({"upgrade":"required"})");
    EXPECT_EQ(upgraded.get_future().wait_for(std::chrono::seconds{0}), std::future_status::timeout);
}

TEST(WebsocketUpgrade, RegisteringAfterStartIsRefused) {
    ServerHarness harness;
    harness.start();
    EXPECT_THROW(harness.server().set_upgrade_handler("/late", [](UpgradeContext&&) {}),
                 std::logic_error);
}

}  // namespace
}  // namespace frontdesk::net::test
