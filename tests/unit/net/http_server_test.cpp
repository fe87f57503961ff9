#include "net/http_server.hpp"

#include <future>
#include <stdexcept>
#include <string>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "net_test_support.hpp"

namespace frontdesk::net::test {
namespace {

using http::verb;
using nlohmann::json;

HttpResponse text(std::string body) {
    HttpResponse response;
    response.content_type = "text/plain";
    response.body = std::move(body);
    return response;
}

HttpHandler echo_query(std::string name) {
    return [name = std::move(name)](HttpRequest& request) {
        return text(request.query_param(name).value_or("-"));
    };
}

std::string request_id_of(const Response& response) {
    return std::string{response["X-Request-Id"]};
}

bool ready(std::future<void>& future, std::chrono::seconds within) {
    return future.wait_for(within) == std::future_status::ready;
}

TEST(HttpServer, RoutesPathParamsDecodedQueryAndHeaders) {
    ServerHarness harness;
    harness.router().add("GET", "/facilities/{id}/slots", [](HttpRequest& request) {
        return json_response(json{
            {"id", request.path_param("id")},
            {"path", request.path},
            {"date", request.query_param("date").value_or("-")},
            {"name", request.query_param("name").value_or("-")},
            {"flag", request.query_param("flag").value_or("<none>")},
            {"custom", std::string{request.header("x-custom").value_or("-")}},
            {"remote", request.remote_address},
            {"request_id", request.request_id},
        });
    });
    TestClient client{harness.start()};

    const auto response =
        client.request(verb::get, "/facilities/pickle%20x/slots?date=2026-11-22&name=a+b%26c&flag",
                       {}, {{"X-Custom", "yes"}});
    ASSERT_EQ(response.result_int(), 200) << response.body();
    EXPECT_EQ(response[http::field::content_type], "application/json");
    EXPECT_EQ(response[http::field::server], "frontdesk");
    const auto body = json::parse(response.body());
    EXPECT_EQ(body["id"], "pickle x");
    EXPECT_EQ(body["path"], "/facilities/pickle x/slots");
    EXPECT_EQ(body["date"], "2026-11-22");
    EXPECT_EQ(body["name"], "a b&c");
    EXPECT_EQ(body["flag"], "");
    EXPECT_EQ(body["custom"], "yes");
    EXPECT_EQ(body["remote"], "127.0.0.1");
    EXPECT_EQ(request_id_of(response).rfind("req_", 0), 0U);
    EXPECT_EQ(body["request_id"], request_id_of(response));
}

TEST(HttpServer, ReusesASaneClientRequestIdAndReplacesOthers) {
    ServerHarness harness;
    harness.router().add("GET", "/id",
                         [](HttpRequest& request) { return text(request.request_id); });
    TestClient client{harness.start()};

    auto response = client.request(verb::get, "/id", {}, {{"X-Request-Id", "trace-42.a_b"}});
    EXPECT_EQ(request_id_of(response), "trace-42.a_b");
    EXPECT_EQ(response.body(), "trace-42.a_b");

    for (const std::string& bad :
         {std::string{"has space"}, std::string(65, 'a'), std::string{"a\"b"}}) {
        response = client.request(verb::get, "/id", {}, {{"X-Request-Id", bad}});
        EXPECT_EQ(request_id_of(response).rfind("req_", 0), 0U) << bad;
        EXPECT_EQ(response.body(), request_id_of(response));
    }
}

TEST(HttpServer, UnknownPathIs404AndWrongMethodIs405InJson) {
    ServerHarness harness;
    harness.router().add("POST", "/public/booking/quote", echo_query("x"));
    TestClient client{harness.start()};

    const auto missing = client.request(verb::get, "/nowhere");
    EXPECT_EQ(missing.result_int(), 404);
    EXPECT_EQ(missing[http::field::content_type], "application/json");
    EXPECT_EQ(error_code_of(missing), "NOT_FOUND");
    EXPECT_EQ(json::parse(missing.body())["error"]["request_id"], request_id_of(missing));

    const auto wrong = client.request(verb::get, "/public/booking/quote");
    EXPECT_EQ(wrong.result_int(), 405);
    EXPECT_EQ(error_code_of(wrong), "METHOD_NOT_ALLOWED");
    EXPECT_EQ(wrong[http::field::allow], "POST");
    EXPECT_TRUE(wrong.keep_alive());
}

TEST(HttpServer, OversizedBodyIs413AndTheConnectionCloses) {
    auto settings = test_settings();
    settings.body_limit = 1024;
    ServerHarness harness{settings};
    harness.router().add("POST", "/upload", [](HttpRequest& request) {
        return text(std::to_string(request.body.size()));
    });
    const auto port = harness.start();

    TestClient small{port};
    EXPECT_EQ(small.request(verb::post, "/upload", std::string(1024, 'x')).body(), "1024");

    TestClient large{port};
    const auto response = large.request(verb::post, "/upload", std::string(64 * 1024, 'x'));
    EXPECT_EQ(response.result_int(), 413);
    EXPECT_EQ(error_code_of(response), "PAYLOAD_TOO_LARGE");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_EQ(large.read_error(), http::error::end_of_stream);
}

TEST(HttpServer, MalformedRequestIs400AndTheConnectionCloses) {
    ServerHarness harness;
    const auto port = harness.start();
    for (const char* garbage : {"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
                                "\x01\x02 nonsense\r\n\r\n", "GET /\r\n\r\n"}) {
        TestClient client{port};
        client.send(garbage);
        const auto response = client.read();
        EXPECT_EQ(response.result_int(), 400) << garbage;
        EXPECT_EQ(error_code_of(response), "BAD_REQUEST");
        EXPECT_FALSE(response.keep_alive());
        EXPECT_EQ(client.read_error(), http::error::end_of_stream);
    }
}

TEST(HttpServer, OversizedHeadersAre431) {
    auto settings = test_settings();
    settings.header_limit = 1024;
    ServerHarness harness{settings};
    TestClient client{harness.start()};
    const auto response =
        client.request(verb::get, "/", {}, {{"X-Filler", std::string(4096, 'f')}});
    EXPECT_EQ(response.result_int(), 431);
    EXPECT_EQ(error_code_of(response), "HEADERS_TOO_LARGE");
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
    auto settings = test_settings();
    settings.max_requests_per_connection = 3;
    ServerHarness harness{settings};
    harness.router().add("GET", "/echo", echo_query("i"));
    TestClient client{harness.start()};

    for (int i = 1; i <= 3; ++i) {
        const auto response = client.request(verb::get, "/echo?i=" + std::to_string(i));
        EXPECT_EQ(response.body(), std::to_string(i));
        // The last request allowed on this connection is answered with "Connection: close".
        EXPECT_EQ(response.keep_alive(), i < 3) << i;
    }
    EXPECT_EQ(client.read_error(), http::error::end_of_stream);
}

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
    ServerHarness harness;
    harness.router().add("GET", "/echo", echo_query("i"));
    harness.router().add("POST", "/echo", [](HttpRequest& request) { return text(request.body); });
    TestClient client{harness.start()};

    client.send(
        "GET /echo?i=1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: p1\r\n\r\n"
        "POST /echo HTTP/1.1\r\nHost: x\r\nX-Request-Id: p2\r\nContent-Length: 5\r\n\r\nsec=2"
        "GET /echo?i=3 HTTP/1.1\r\nHost: x\r\nX-Request-Id: p3\r\n\r\n");
    const auto first = client.read();
    const auto second = client.read();
    const auto third = client.read();
    EXPECT_EQ(first.body(), "1");
    EXPECT_EQ(request_id_of(first), "p1");
    EXPECT_EQ(second.body(), "sec=2");
    EXPECT_EQ(request_id_of(second), "p2");
    EXPECT_EQ(third.body(), "3");
    EXPECT_EQ(request_id_of(third), "p3");
    EXPECT_TRUE(third.keep_alive());
}

TEST(HttpServer, ExpectContinueGetsA100BeforeTheBodyIsSent) {
    ServerHarness harness;
    harness.router().add("POST", "/echo", [](HttpRequest& request) { return text(request.body); });
    TestClient client{harness.start()};

    client.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    EXPECT_EQ(client.read().result(), http::status::continue_);
    client.send("hello");
    const auto response = client.read();
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "hello");
}

TEST(HttpServer, HandlerExceptionsBecomeJsonErrorsAndTheConnectionStaysUsable) {
    ServerHarness harness;
    harness.router().add("GET", "/missing", [](HttpRequest&) -> HttpResponse {
        throw NotFound("BOOKING_NOT_FOUND", "No booking with that id.");
    });
    harness.router().add("GET", "/boom", [](HttpRequest&) -> HttpResponse {
        throw std::runtime_error("password=hunter2");
    });
    harness.router().add("GET", "/ok", echo_query("i"));
    TestClient client{harness.start()};

    const auto missing = client.request(verb::get, "/missing");
    EXPECT_EQ(missing.result_int(), 404);
    EXPECT_EQ(error_code_of(missing), "BOOKING_NOT_FOUND");

    const auto boom = client.request(verb::get, "/boom");
    EXPECT_EQ(boom.result_int(), 500);
    EXPECT_EQ(error_code_of(boom), "INTERNAL_ERROR");
    EXPECT_EQ(boom.body().find("hunter2"), std::string::npos);
    EXPECT_FALSE(request_id_of(boom).empty());

    EXPECT_EQ(client.request(verb::get, "/ok?i=7").body(), "7");
}

TEST(HttpServer, HeadSendsTheHeadersOfGetWithoutTheBody) {
    ServerHarness harness;
    harness.router().add("GET", "/health", [](HttpRequest&) { return text("healthy"); });
    TestClient client{harness.start()};

    const auto head = client.request(verb::head, "/health");
    EXPECT_EQ(head.result_int(), 200);
    EXPECT_EQ(head[http::field::content_length], "7");
    EXPECT_TRUE(head.body().empty());
    // Framing held: the next response on the same connection parses.
    EXPECT_EQ(client.request(verb::get, "/health").body(), "healthy");
}

TEST(HttpServer, SaturatedPoolAnswers503AtOnce) {
    // Declared before the harness: pool threads may still touch them while it shuts down.
    Gate entered;
    Gate release;
    ServerHarness harness{test_settings(), 1, 0};
    harness.router().add("GET", "/slow", [&](HttpRequest&) {
        entered.open();
        (void)release.wait();
        return text("slow");
    });
    harness.router().add("GET", "/fast", [](HttpRequest&) { return text("fast"); });
    const auto port = harness.start();

    TestClient slow{port};
    slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(entered.wait()) << "the slow handler never started";

    TestClient fast{port};
    const auto busy = fast.request(verb::get, "/fast");
    EXPECT_EQ(busy.result_int(), 503);
    EXPECT_EQ(error_code_of(busy), "SERVER_BUSY");
    EXPECT_EQ(busy[http::field::retry_after], "1");
    EXPECT_FALSE(release.is_open());  // answered while the pool was still full

    release.open();
    EXPECT_EQ(slow.read().body(), "slow");
}

TEST(HttpServer, IdleKeepAliveConnectionIsClosedAfterTheTimeout) {
    auto settings = test_settings();
    settings.keep_alive_timeout = std::chrono::milliseconds{100};
    ServerHarness harness{settings};
    harness.router().add("GET", "/echo", echo_query("i"));
    TestClient client{harness.start()};
    EXPECT_TRUE(client.request(verb::get, "/echo?i=1").keep_alive());
    EXPECT_EQ(client.read_error(), http::error::end_of_stream);
}

TEST(HttpServer, RequestThatStallsHalfWayIsDroppedAfterTheRequestTimeout) {
    auto settings = test_settings();
    settings.request_timeout = std::chrono::milliseconds{100};
    ServerHarness harness{settings};
    TestClient client{harness.start()};
    client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part");
    EXPECT_EQ(client.read_error(), http::error::end_of_stream);
}

TEST(HttpServer, GracefulStopFinishesInFlightRequestsClosesIdleOnesRefusesNewOnes) {
    // Declared before the harness: pool threads may still touch them while it shuts down.
    Gate entered;
    Gate release;
    ServerHarness harness;
    harness.router().add("GET", "/slow", [&](HttpRequest&) {
        entered.open();
        (void)release.wait();
        return text("done");
    });
    harness.router().add("GET", "/fast", [](HttpRequest&) { return text("fast"); });
    const auto port = harness.start();

    TestClient idle{port};
    ASSERT_EQ(idle.request(verb::get, "/fast").result_int(), 200);
    TestClient busy{port};
    busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(entered.wait()) << "the slow handler never started";

    auto stopped = harness.stop();
    EXPECT_EQ(idle.read_error(), http::error::end_of_stream);
    // The listener closes before sessions are told to stop, so this cannot race the idle close.
    EXPECT_EQ(TestClient::try_connect(port), asio::error::connection_refused);
    EXPECT_FALSE(ready(stopped, std::chrono::seconds{0})) << "stopped with a request in flight";

    release.open();
    const auto response = busy.read();
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "done");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_EQ(busy.read_error(), http::error::end_of_stream);
    EXPECT_TRUE(ready(stopped, kDeadline)) << "on_stopped never ran";
}

TEST(HttpServer, StopCutsOffRequestsThatOutliveTheGrace) {
    // Declared before the harness: pool threads may still touch them while it shuts down.
    Gate entered;
    Gate release;
    auto settings = test_settings();
    settings.shutdown_grace = std::chrono::milliseconds{100};
    ServerHarness harness{settings};
    harness.router().add("GET", "/stuck", [&](HttpRequest&) {
        entered.open();
        (void)release.wait();
        return text("too late");
    });
    TestClient client{harness.start()};
    client.send("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(entered.wait());

    auto stopped = harness.stop();
    EXPECT_TRUE(ready(stopped, kDeadline)) << "the grace period did not cut the request off";
    EXPECT_FALSE(release.is_open());
    EXPECT_TRUE(client.read_error()) << "a response arrived after the cut-off";
    release.open();
}

TEST(HttpServer, StopIsIdempotentAndEveryCallerIsNotified) {
    ServerHarness harness;
    harness.start();
    auto first = harness.stop();
    auto second = harness.stop();
    EXPECT_TRUE(ready(first, kDeadline));
    EXPECT_TRUE(ready(second, kDeadline));
}

TEST(HttpServer, StartReportsAPortInUse) {
    ServerHarness first;
    const auto port = first.start();
    auto settings = test_settings();
    settings.port = port;
    ServerHarness second{settings};
    try {
        second.start();
        ADD_FAILURE() << "bound a port already in use";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "LISTEN_FAILED");
        EXPECT_NE(std::string{e.what()}.find(std::to_string(port)), std::string::npos);
    }
}

}  // namespace
}  // namespace frontdesk::net::test
