#include "api/json_io.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace frontdesk::api {
namespace {

template <typename F>
std::string code_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    return "no error";
}

net::HttpRequest with_body(std::string body) {
    net::HttpRequest request;
    request.body = std::move(body);
    return request;
}

TEST(JsonIo, BodyMustBeAJsonObject) {
    EXPECT_EQ(code_of([] { (void)parse_json_object(with_body("{\"a\":")); }), "INVALID_JSON");
    EXPECT_EQ(code_of([] { (void)parse_json_object(with_body("[1,2]")); }), "INVALID_BODY");
    EXPECT_EQ(code_of([] { (void)parse_json_object(with_body("")); }), "INVALID_JSON");
    EXPECT_EQ(parse_json_object(with_body(R"({"a":1})"))["a"], 1);
}

TEST(JsonIo, FieldsAreTypeChecked) {
    const auto body = nlohmann::json::parse(R"({"name":"Asha","n":3,"big":99999,"list":["1",2],
        "bad_list":[true],"null":null,"num_as_text":"3"})");
    EXPECT_EQ(required_string(body, "name"), "Asha");
    EXPECT_EQ(code_of([&] { (void)required_string(body, "missing"); }), "MISSING_FIELD");
    EXPECT_EQ(code_of([&] { (void)required_string(body, "null"); }), "MISSING_FIELD");
    EXPECT_EQ(code_of([&] { (void)required_string(body, "n"); }), "INVALID_FIELD");
    EXPECT_EQ(optional_int(body, "n", 1, 10), 3);
    EXPECT_EQ(code_of([&] { (void)optional_int(body, "big", 1, 10); }), "INVALID_FIELD");
    EXPECT_EQ(code_of([&] { (void)optional_int(body, "num_as_text", 1, 10); }), "INVALID_FIELD");
    EXPECT_EQ(optional_string_list(body, "list"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(code_of([&] { (void)optional_string_list(body, "bad_list"); }), "INVALID_FIELD");
}

TEST(JsonIo, DatesAndTimesNameTheField) {
    try {
        (void)parse_date_field("date", "2026-02-30");
        FAIL();
    } catch (const InvalidArgument& e) {
        EXPECT_EQ(e.code(), "INVALID_DATE");
        EXPECT_NE(std::string{e.what()}.find("'date'"), std::string::npos);
    }
    EXPECT_EQ(code_of([] { (void)parse_time_field("start_time", "7pm"); }), "INVALID_TIME");
    EXPECT_EQ(parse_time_field("start_time", "19:00"), std::chrono::minutes{19 * 60});
}

TEST(JsonIo, QueryIntegersAreRangeChecked) {
    net::HttpRequest request;
    request.query = {{"n", "4"}, {"bad", "4x"}, {"big", "100"}};
    EXPECT_EQ(query_int(request, "n", 1, 10), 4);
    EXPECT_EQ(query_int(request, "absent", 1, 10), std::nullopt);
    EXPECT_EQ(code_of([&] { (void)query_int(request, "bad", 1, 10); }), "INVALID_PARAMETER");
    EXPECT_EQ(code_of([&] { (void)query_int(request, "big", 1, 10); }), "INVALID_PARAMETER");
}

}  // namespace
}  // namespace frontdesk::api
