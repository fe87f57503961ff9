#include "core/json_fields.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace frontdesk {
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

TEST(JsonFields, FieldsAreTypeChecked) {
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

TEST(JsonFields, DatesAndTimesNameTheField) {
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

}  // namespace
}  // namespace frontdesk
