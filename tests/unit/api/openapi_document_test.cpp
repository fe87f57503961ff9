#include "api/openapi_document.hpp"

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace frontdesk::api {
namespace {

TEST(OpenApiDocument, CarriesThePublicUrlAndEveryPublicOperation) {
    const auto document = nlohmann::json::parse(openapi_document("https://desk.example.com"));
    EXPECT_EQ(document["openapi"], "3.1.0");
    EXPECT_EQ(document["servers"][0]["url"], "https://desk.example.com");
    std::set<std::string> operations;
    for (const auto& [path, item] : document["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            operations.insert(operation["operationId"].get<std::string>());
        }
    }
    EXPECT_EQ(operations, (std::set<std::string>{"getBusinessInfo", "listServices", "listStylists",
                                                 "checkAvailability", "createBookingQuote",
                                                 "confirmBooking", "getBooking"}));
}

}  // namespace
}  // namespace frontdesk::api
