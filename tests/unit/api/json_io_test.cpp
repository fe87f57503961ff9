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
