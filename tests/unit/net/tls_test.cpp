// A Beast websocket client over TLS, built the way the Realtime client builds its model leg
// (make_client_tls_context + set_tls_host), against the loopback fake_wss_server.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <gtest/gtest.h>

#include "net/tls_context.hpp"
#include "net/tls_stream.hpp"
#include "support/fake_wss_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using test::FakeWsConnection;
using test::FakeWssServer;
using namespace std::chrono_literals;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kTestDeadline = 10s;
constexpr auto kStepTimeout = 5s;

struct Exchange {
    std::string host;  // used for SNI, verification and the Host header
    std::string message = "hello";
    bool close_first = true;  // the client closes; otherwise it waits for the server's close
};

struct Outcome {
    beast::error_code error;  // first failure, if any
    unsigned status = 0;      // of the upgrade response
    std::string reply;
    std::uint16_t close_code = 0;  // from the server's close frame, when it closed first
};

asio::awaitable<Outcome> talk(asio::ssl::context& tls, std::uint16_t port, Exchange plan) {
    Outcome out;
    websocket::stream<TlsStream> ws(co_await asio::this_coro::executor, tls);
    auto& tcp = beast::get_lowest_layer(ws);
    tcp.expires_after(kStepTimeout);
    const asio::ip::tcp::endpoint loopback(asio::ip::make_address_v4("127.0.0.1"), port);
    if (std::tie(out.error) = co_await tcp.async_connect(loopback, kUseTuple); out.error) co_return out;
    if ((out.error = set_tls_host(ws.next_layer(), plan.host))) co_return out;
    std::tie(out.error) =
        co_await ws.next_layer().async_handshake(asio::ssl::stream_base::client, kUseTuple);
    if (out.error) co_return out;
    tcp.expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
        request.set(http::field::authorization, "Bearer sk-test");
    }));
    websocket::response_type response;
    const std::string host_header = plan.host + ":" + std::to_string(port);
    std::tie(out.error) = co_await ws.async_handshake(response, host_header,
                                                      "/v1/realtime?model=m", kUseTuple);
    out.status = response.result_int();
    if (out.error) co_return out;
    std::size_t ignored = 0;
    std::tie(out.error, ignored) = co_await ws.async_write(asio::buffer(plan.message), kUseTuple);
    beast::flat_buffer buffer;
    if (!out.error) std::tie(out.error, ignored) = co_await ws.async_read(buffer, kUseTuple);
    if (out.error) co_return out;
    out.reply = beast::buffers_to_string(buffer.data());
    if (!plan.close_first) {
        buffer.clear();
        auto [closed, n] = co_await ws.async_read(buffer, kUseTuple);
        if (closed == websocket::error::closed) {
            out.close_code = static_cast<std::uint16_t>(ws.reason().code);
        }
        co_return out;
    }
    std::tie(out.error) = co_await ws.async_close(websocket::close_code::normal, kUseTuple);
    co_return out;
}

Outcome run_client(std::uint16_t port, Exchange plan) {
    asio::io_context ioc;
    asio::ssl::context tls = make_client_tls_context();
    auto result = asio::co_spawn(ioc, talk(tls, port, std::move(plan)), asio::use_future);
    ioc.run_for(kTestDeadline);
    if (result.wait_for(0s) != std::future_status::ready) {
        throw std::runtime_error("websocket client did not finish before the test deadline");
    }
    return result.get();
}

void echo_script(FakeWsConnection& connection) {
    while (auto text = connection.read_text(kTestDeadline)) {
        if (!connection.send_text("echo: " + *text)) return;
    }
}

class TlsTest : public testing::Test {
protected:
    test::ScopedSslCertFile trust_test_ca_{test::test_certificates().ca_cert};
};

TEST_F(TlsTest, HandshakeVerifiesHostNameAndEchoes) {
    FakeWssServer fake(echo_script);

    const Outcome out = run_client(fake.port(), {.host = "localhost"});

    EXPECT_FALSE(out.error) << out.error.message();
    EXPECT_EQ(out.status, 101U);
    EXPECT_EQ(out.reply, "echo: hello");
    const auto upgrades = fake.upgrades();
    ASSERT_EQ(upgrades.size(), 1U);
    EXPECT_EQ(upgrades[0].target, "/v1/realtime?model=m");
    EXPECT_EQ(upgrades[0].header("authorization"), "Bearer sk-test");
    EXPECT_TRUE(fake.wait_for_scripts_done(kTestDeadline));
}

TEST_F(TlsTest, IpLiteralIsVerifiedAgainstIpSubjectAltName) {
    FakeWssServer fake(echo_script);

    const Outcome out = run_client(fake.port(), {.host = "127.0.0.1"});

    EXPECT_FALSE(out.error) << out.error.message();
    EXPECT_EQ(out.reply, "echo: hello");
}

TEST_F(TlsTest, WrongHostNameIsRefused) {
    FakeWssServer fake(echo_script);

    const Outcome out = run_client(fake.port(), {.host = "api.openai.com"});

    EXPECT_EQ(out.error.category(), asio::error::get_ssl_category()) << out.error.message();
    EXPECT_NE(out.error.message().find("certificate verify failed"), std::string::npos)
        << out.error.message();
    EXPECT_TRUE(fake.upgrades().empty());
}

TEST_F(TlsTest, UntrustedCaIsRefused) {
    const test::ScopedSslCertFile trust_wrong_ca(test::test_certificates().other_ca_cert);
    FakeWssServer fake(echo_script);

    const Outcome out = run_client(fake.port(), {.host = "localhost"});

    EXPECT_NE(out.error.message().find("certificate verify failed"), std::string::npos)
        << out.error.message();
    EXPECT_TRUE(fake.upgrades().empty());
}

TEST_F(TlsTest, ContextHonoursSslCertFile) {
    EXPECT_EQ(trusted_ca_file(), test::test_certificates().ca_cert.string());
    const test::ScopedSslCertFile missing("/nonexistent/ca.pem");
    EXPECT_THROW((void)make_client_tls_context(), boost::system::system_error);
}

TEST_F(TlsTest, RefusedUpgradeReportsTheStatus) {
    FakeWssServer fake(echo_script);
    fake.refuse_upgrades_with(401);

    const Outcome out = run_client(fake.port(), {.host = "localhost"});

    EXPECT_TRUE(out.error);
    EXPECT_EQ(out.status, 401U);
    EXPECT_EQ(fake.upgrades().size(), 1U);
}

TEST_F(TlsTest, ScriptCanCloseFirst) {
    std::atomic<bool> script_saw_close{false};
    FakeWssServer fake([&script_saw_close](FakeWsConnection& connection) {
        const auto first = connection.read_text(kTestDeadline);
        connection.send_text("bye " + first.value_or("?"));
        connection.close(4000, "scripted");
        script_saw_close = connection.closed() && !connection.read_text(10ms).has_value();
    });

    const Outcome out = run_client(fake.port(), {.host = "localhost", .close_first = false});

    EXPECT_EQ(out.reply, "bye hello");
    EXPECT_EQ(out.close_code, 4000U);
    ASSERT_TRUE(fake.wait_for_scripts_done(kTestDeadline));
    EXPECT_TRUE(script_saw_close.load());
}

TEST_F(TlsTest, DestructorEndsABlockedScript) {
    std::atomic<bool> script_returned{false};
    auto fake = std::make_unique<FakeWssServer>([&script_returned](FakeWsConnection& connection) {
        (void)connection.read_text(std::chrono::minutes{5});  // the client never sends
        script_returned = connection.closed();
    });
    asio::io_context ioc;
    asio::ssl::context tls = make_client_tls_context();
    websocket::stream<TlsStream> ws(ioc, tls);
    auto& tcp = beast::get_lowest_layer(ws);
    tcp.connect(asio::ip::tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), fake->port()));
    ASSERT_FALSE(set_tls_host(ws.next_layer(), "localhost"));
    ws.next_layer().handshake(asio::ssl::stream_base::client);
    ws.handshake("localhost", "/");
    ASSERT_TRUE(fake->wait_for_upgrades(1, kTestDeadline));

    const auto started = std::chrono::steady_clock::now();
    fake.reset();

    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_TRUE(script_returned.load());
}

TEST_F(TlsTest, PlainFakeNeedsNoTls) {
    FakeWssServer fake(echo_script, test::FakeTransport::kPlain);
    EXPECT_EQ(fake.url().rfind("ws://127.0.0.1:", 0), 0U);
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(
        asio::ip::tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), fake.port()));
    ws.handshake("127.0.0.1", "/plain");
    ws.write(asio::buffer(std::string("ping")));
    beast::flat_buffer buffer;
    ws.read(buffer);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), "echo: ping");
    ws.close(websocket::close_code::normal);
}

}  // namespace
}  // namespace frontdesk::net
