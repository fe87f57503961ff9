// The libcurl client against a real loopback HTTPS fake presenting the test CA's certificate.
#include "net/https_client.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "support/fake_https_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::net {
namespace {

using test::FakeHttpRequest;
using test::FakeHttpResponse;
using test::FakeHttpsServer;
using namespace std::chrono_literals;

// curl_global_init for this executable (reference-counted, so other files may hold one too).
const CurlGlobal kCurlGlobal;

class HttpsClientTest : public testing::Test {
protected:
    HttpsRequest request_to(const FakeHttpsServer& fake, const std::string& target) const {
        HttpsRequest request;
        request.url = fake.url() + target;
        request.connect_timeout = 2s;
        request.total_timeout = 5s;
        return request;
    }

    test::ScopedSslCertFile trust_test_ca_{test::test_certificates().ca_cert};
    std::unique_ptr<HttpsClient> client_ = make_curl_https_client();
};

TEST_F(HttpsClientTest, GetReturnsStatusHeadersAndBody) {
    FakeHttpsServer fake([](const FakeHttpRequest&) {
        auto response = FakeHttpResponse::json(200, R"({"ok":true})");
        response.headers.emplace_back("X-Request-Id", "req_123");
        return response;
    });
    auto request = request_to(fake, "/v1/things?name=a%20b&page=2");
    request.headers = {{"Authorization", "Bearer sk-test"}};

    const HttpsResponse response = client_->send(request);

    ASSERT_FALSE(response.transport_failed()) << response.error;
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"ok":true})");
    EXPECT_EQ(response.header("x-request-id"), "req_123");
    EXPECT_EQ(response.header("content-type"), "application/json");
    EXPECT_EQ(response.header("absent"), "");
    const auto requests = fake.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, "/v1/things");
    EXPECT_EQ(requests[0].query_param("name"), "a b");
    EXPECT_EQ(requests[0].query_param("page"), "2");
    EXPECT_EQ(requests[0].header("authorization"), "Bearer sk-test");
}

TEST_F(HttpsClientTest, PostBodyRoundTrips) {
    FakeHttpsServer fake([](const FakeHttpRequest& request) {
        FakeHttpResponse response;
        response.status = 201;
        response.body = "got:" + request.body;
        return response;
    });
    auto request = request_to(fake, "/2010-04-01/Accounts/AC1/Calls.json");
    request.method = "POST";
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "To=%2B15551234567&Twiml=%3CResponse%2F%3E&Note=hi+there";

    const HttpsResponse response = client_->send(request);

    ASSERT_FALSE(response.transport_failed()) << response.error;
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.body, "got:" + request.body);
    const auto received = fake.requests().at(0);
    EXPECT_EQ(received.method, "POST");
    EXPECT_EQ(received.form_param("To"), "+15551234567");
    EXPECT_EQ(received.form_param("Twiml"), "<Response/>");
    EXPECT_EQ(received.form_param("Note"), "hi there");
    EXPECT_FALSE(received.header("expect").has_value());
}

TEST_F(HttpsClientTest, OtherMethodsAndErrorStatusesAreAnswers) {
    FakeHttpsServer fake([](const FakeHttpRequest& request) {
        return FakeHttpResponse::json(404, R"({"method":")" + request.method + "\"}");
    });
    auto request = request_to(fake, "/calendars/c1/events/e1");
    request.method = "DELETE";

    const HttpsResponse response = client_->send(request);

    EXPECT_FALSE(response.transport_failed()) << response.error;
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body, R"({"method":"DELETE"})");
    EXPECT_EQ(response.transport_error, TransportError::kNone);
}

TEST_F(HttpsClientTest, SlowAnswerIsATimeout) {
    FakeHttpsServer fake([](const FakeHttpRequest&) {
        auto response = FakeHttpResponse::json(200, "{}");
        response.delay = 10s;
        return response;
    });
    auto request = request_to(fake, "/slow");
    request.total_timeout = 300ms;
    const auto started = std::chrono::steady_clock::now();

    const HttpsResponse response = client_->send(request);

    EXPECT_TRUE(response.transport_failed());
    EXPECT_EQ(response.transport_error, TransportError::kTimeout) << response.error;
    EXPECT_FALSE(response.error.empty());
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_EQ(fake.request_count(), 1U);
}

TEST_F(HttpsClientTest, UntrustedCertificateIsRefused) {
    const test::ScopedSslCertFile trust_wrong_ca(test::test_certificates().other_ca_cert);
    FakeHttpsServer fake([](const FakeHttpRequest&) { return FakeHttpResponse::json(200, "{}"); });

    const HttpsResponse response = client_->send(request_to(fake, "/secret"));

    EXPECT_TRUE(response.transport_failed());
    EXPECT_EQ(response.transport_error, TransportError::kTls) << response.error;
    EXPECT_EQ(fake.request_count(), 0U) << "no request may be sent over an unverified connection";
}

TEST_F(HttpsClientTest, OversizedBodyFails) {
    FakeHttpsServer fake([](const FakeHttpRequest&) {
        return FakeHttpResponse::json(200, std::string(4096, 'x'));
    });
    auto request = request_to(fake, "/big");
    request.max_response_bytes = 1024;

    const HttpsResponse response = client_->send(request);

    EXPECT_TRUE(response.transport_failed());
    EXPECT_EQ(response.transport_error, TransportError::kTooLarge) << response.error;
    EXPECT_TRUE(response.body.empty());
}

TEST_F(HttpsClientTest, PlainHttpOnlyToLoopback) {
    FakeHttpsServer plain([](const FakeHttpRequest&) { return FakeHttpResponse::json(200, "{}"); },
                          test::FakeTransport::kPlain);
    EXPECT_EQ(client_->send(request_to(plain, "/ok")).status, 200);

    HttpsRequest outside;
    outside.url = "http://api.example.com/v1/things";
    const HttpsResponse refused = client_->send(outside);
    EXPECT_EQ(refused.transport_error, TransportError::kRefused) << refused.error;

    outside.url = "ftp://127.0.0.1/file";
    EXPECT_EQ(client_->send(outside).transport_error, TransportError::kRefused);
}

TEST_F(HttpsClientTest, ClosedPortIsAConnectError) {
    std::string url;
    {
        FakeHttpsServer gone([](const FakeHttpRequest&) { return FakeHttpResponse{}; });
        url = gone.url();
    }
    HttpsRequest request;
    request.url = url + "/";
    request.connect_timeout = 2s;

    const HttpsResponse response = client_->send(request);

    EXPECT_EQ(response.transport_error, TransportError::kConnect) << response.error;
}

TEST_F(HttpsClientTest, DroppedConnectionIsATransportError) {
    FakeHttpsServer fake([](const FakeHttpRequest&) {
        FakeHttpResponse response;
        response.drop_connection = true;
        return response;
    });

    const HttpsResponse response = client_->send(request_to(fake, "/drop"));

    EXPECT_TRUE(response.transport_failed());
    EXPECT_NE(response.transport_error, TransportError::kNone);
}

}  // namespace
}  // namespace frontdesk::net
