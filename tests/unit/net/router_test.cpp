#include "net/router.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace frontdesk::net {
namespace {

using nlohmann::json;

HttpRequest make_request(std::string method, std::string path) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.target = request.path;
    request.request_id = "req_test";
    return request;
}

HttpHandler replies(std::string text) {
    return [text = std::move(text)](HttpRequest&) {
        HttpResponse response;
        response.content_type = "text/plain";
        response.body = text;
        return response;
    };
}

json error_of(const HttpResponse& response) { return json::parse(response.body).at("error"); }

std::string header_of(const HttpResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return "<missing>";
}

TEST(Router, MatchesLiteralAndCapturedSegments) {
    Router router;
    router.add("GET", "/", replies("root"));
    router.add("GET", "/facilities/{facility}/courts/{court}", [](HttpRequest& request) {
        HttpResponse response;
        response.body = request.path_param("facility") + "|" + request.path_param("court");
        return response;
    });

    auto root = make_request("GET", "/");
    EXPECT_EQ(router.dispatch(root).body, "root");

    auto court = make_request("GET", "/facilities/pickle_x/courts/3");
    const auto response = router.dispatch(court);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "pickle_x|3");
    EXPECT_EQ(court.path_params.size(), 2U);
}

TEST(Router, LiteralSegmentBeatsCaptureWhateverTheOrder) {
    Router router;
    router.add("GET", "/booking/{id}", replies("by-id"));
    router.add("GET", "/booking/search", replies("search"));

    auto search = make_request("GET", "/booking/search");
    EXPECT_EQ(router.dispatch(search).body, "search");
    auto by_id = make_request("GET", "/booking/bk_1");
    EXPECT_EQ(router.dispatch(by_id).body, "by-id");
}

TEST(Router, UnknownPathIsJson404WithRequestId) {
    Router router;
    router.add("GET", "/booking/{id}", replies("x"));

    for (const char* path : {"/nothing", "/booking", "/booking/", "/booking/a/b"}) {
        auto request = make_request("GET", path);
        const auto response = router.dispatch(request);
        EXPECT_EQ(response.status, 404) << path;
        EXPECT_EQ(response.content_type, "application/json");
        const auto error = error_of(response);
        EXPECT_EQ(error.at("code"), "NOT_FOUND");
        EXPECT_EQ(error.at("request_id"), "req_test");
        EXPECT_TRUE(error.at("message").is_string());
    }
}

TEST(Router, KnownPathWithOtherMethodIs405WithAllow) {
    Router router;
    router.add("POST", "/public/booking/quote", replies("q"));
    router.add("GET", "/public/booking/{id}", replies("g"));
    router.add("DELETE", "/public/booking/{id}", replies("d"));

    auto put = make_request("PUT", "/public/booking/bk_1");
    const auto response = router.dispatch(put);
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(error_of(response).at("code"), "METHOD_NOT_ALLOWED");
    EXPECT_EQ(header_of(response, "Allow"), "DELETE, GET, HEAD");

    auto get_quote = make_request("GET", "/public/booking/quote");  // also matches {id}
    EXPECT_EQ(router.dispatch(get_quote).body, "g");
}

TEST(Router, HeadFallsBackToGet) {
    Router router;
    router.add("GET", "/health", replies("ok"));
    auto head = make_request("HEAD", "/health");
    const auto response = router.dispatch(head);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "ok");  // the server, not the router, drops the body
}

TEST(Router, MapsFrontdeskErrorsToTheirStatusAndCode) {
    Router router;
    router.add("POST", "/conflict", [](HttpRequest&) -> HttpResponse {
        throw Conflict("SLOT_UNAVAILABLE", "That slot was just taken.");
    });
    router.add("GET", "/missing", [](HttpRequest&) -> HttpResponse {
        throw NotFound("BOOKING_NOT_FOUND", "No booking with that id.");
    });
    router.add("GET", "/busy",
               [](HttpRequest&) -> HttpResponse { throw Unavailable("STORE_BUSY", "Try again."); });

    auto conflict = make_request("POST", "/conflict");
    auto response = router.dispatch(conflict);
    EXPECT_EQ(response.status, 409);
    EXPECT_EQ(error_of(response).at("code"), "SLOT_UNAVAILABLE");
    EXPECT_EQ(error_of(response).at("message"), "That slot was just taken.");
    EXPECT_EQ(error_of(response).at("request_id"), "req_test");

    auto missing = make_request("GET", "/missing");
    EXPECT_EQ(router.dispatch(missing).status, 404);
    auto busy = make_request("GET", "/busy");
    EXPECT_EQ(router.dispatch(busy).status, 503);
}

TEST(Router, OtherExceptionsBecomeGeneric500WithoutDetails) {
    Router router;
    router.add("GET", "/boom", [](HttpRequest&) -> HttpResponse {
        throw std::runtime_error("sqlite: password=hunter2 /var/db");
    });
    router.add("GET", "/int", [](HttpRequest&) -> HttpResponse { throw 42; });

    for (const char* path : {"/boom", "/int"}) {
        auto request = make_request("GET", path);
        const auto response = router.dispatch(request);
        EXPECT_EQ(response.status, 500) << path;
        EXPECT_EQ(error_of(response).at("code"), "INTERNAL_ERROR");
        EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
    }
}

TEST(Router, RejectsMalformedPatternsAndDuplicates) {
    Router router;
    router.add("GET", "/a/{id}", replies("a"));
    EXPECT_THROW(router.add("GET", "/a/{other}", replies("b")), std::invalid_argument);
    EXPECT_NO_THROW(router.add("POST", "/a/{id}", replies("c")));
    EXPECT_THROW(router.add("GET", "no-slash", replies("x")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "/x/{}", replies("x")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "/x/{id}/{id}", replies("x")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "/x/{id", replies("x")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "/x", HttpHandler{}), std::invalid_argument);
}

TEST(JsonError, AddsExtraFieldsInsideTheErrorObject) {
    const auto response =
        json_error(409, "SLOT_UNAVAILABLE", "Taken.", "req_1",
                   json{{"alternatives", json::array({"10:00"})}, {"code", "IGNORED"}});
    EXPECT_EQ(response.status, 409);
    const auto error = error_of(response);
    EXPECT_EQ(error.at("code"), "SLOT_UNAVAILABLE");
    EXPECT_EQ(error.at("alternatives"), json::array({"10:00"}));
    EXPECT_EQ(error.at("request_id"), "req_1");
}

TEST(JsonError, InvalidUtf8InMessageDoesNotThrow) {
    const auto response = json_error(400, "BAD", std::string{"bad \xff byte"}, "req_1");
    EXPECT_EQ(response.status, 400);
    EXPECT_FALSE(json::parse(response.body, nullptr, false).is_discarded());
}

TEST(ParseJsonBody, AcceptsObjectsAndRejectsTheRestWithInvalidArgument) {
    HttpRequest request;
    request.body = R"({"date":"2026-11-22"})";
    EXPECT_EQ(parse_json_body(request).at("date"), "2026-11-22");

    for (const char* body : {"", "{", "[1,2]", "42"}) {
        request.body = body;
        try {
            (void)parse_json_body(request);
            ADD_FAILURE() << "accepted " << body;
        } catch (const InvalidArgument& e) {
            EXPECT_EQ(e.code(), "INVALID_JSON");
        }
    }
}

TEST(HttpRequest, AccessorsFindHeadersQueryAndPathParams) {
    HttpRequest request;
    request.headers.emplace("x-api-key", "k");
    request.query.emplace("date", "2026-11-22");
    request.query.emplace("court", "1");
    request.query.emplace("court", "2");
    request.path_params.emplace("id", "bk_1");

    EXPECT_EQ(request.header("x-api-key"), "k");
    EXPECT_FALSE(request.header("authorization").has_value());
    EXPECT_EQ(request.query_param("date"), "2026-11-22");
    EXPECT_EQ(request.query_param("court"), "1");  // the first occurrence
    EXPECT_FALSE(request.query_param("missing").has_value());
    EXPECT_EQ(request.path_param("id"), "bk_1");
    EXPECT_EQ(request.path_param("nope"), "");
}

}  // namespace
}  // namespace frontdesk::net
