// The public API and the generic HTTP behaviour of the real server over loopback.
#include <gtest/gtest.h>

#include "integration/integration_fixture.hpp"

namespace frontdesk::test {
namespace {

class HttpApiTest : public ServerTest {};

nlohmann::json quote_body(const std::string& date, const std::string& time) {
    return {{"facility_id", "pickle_x_mysore"},
            {"date", date},
            {"start_time", time},
            {"duration_minutes", 120},
            {"customer_name", "Asha"},
            {"customer_phone", "+919800000001"}};
}

TEST_F(HttpApiTest, HealthAndFacilitiesAnswerWithoutAuth) {
    auto http = client();
    auto health = http.get("/health");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.json()["status"], "ok");
    EXPECT_FALSE(health.header("X-Request-Id").empty());
    auto facilities = http.get("/facilities");
    ASSERT_EQ(facilities.status, 200);
    EXPECT_EQ(facilities.json()["facilities"].size(), 3u);
    auto one = http.get("/facilities/pickle_x_mysore");
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.json()["facility_name"], "Pickle X Mysore");
    EXPECT_EQ(one.json()["timezone"], "Asia/Kolkata");
}

TEST_F(HttpApiTest, UnknownPathsAndMethodsAnswerJson) {
    auto http = client();
    auto missing = http.get("/nope");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(missing.json()["error"]["code"].is_string());
    auto wrong_method = http.request("DELETE", "/health");
    EXPECT_EQ(wrong_method.status, 405);
    EXPECT_NE(wrong_method.header("Allow").find("GET"), std::string::npos);
    auto unknown_facility = http.get("/facilities/nope");
    EXPECT_EQ(unknown_facility.status, 404);
    EXPECT_EQ(unknown_facility.json()["error"]["code"], "FACILITY_NOT_FOUND");
}

TEST_F(HttpApiTest, OversizedBodyIs413) {
    auto http = client();
    auto result = http.request("POST", "/public/booking/quote", std::string(2 * 1024 * 1024, 'x'),
                               {{"X-API-Key", kPublicKey}, {"Content-Type", "application/json"}});
    EXPECT_EQ(result.status, 413);
    EXPECT_EQ(result.json()["error"]["code"], "PAYLOAD_TOO_LARGE");
}

TEST_F(HttpApiTest, PublicApiNeedsTheKey) {
    auto http = client();
    EXPECT_EQ(http.get("/public/business?facility_id=pickle_x_mysore").status, 401);
    auto wrong = http.get("/public/business?facility_id=pickle_x_mysore", {{"X-API-Key", "nope"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.json()["error"]["code"], "INVALID_API_KEY");
    EXPECT_EQ(http.get("/public/business?facility_id=pickle_x_mysore", public_auth()).status, 200);
}

TEST_F(HttpApiTest, QuoteHoldsTheSlotAndConfirmIsIdempotent) {
    auto http = client();
    const auto date = local_date_in("Asia/Kolkata", 2);
    auto quote = http.post_json("/public/booking/quote", quote_body(date, "18:00"), public_auth());
    ASSERT_EQ(quote.status, 200) << quote.body;
    const auto q = quote.json();
    EXPECT_EQ(q["start_time"], "18:00");
    EXPECT_EQ(q["end_time"], "20:00");
    EXPECT_EQ(q["price"]["currency"], "INR");
    EXPECT_GT(q["price"]["amount_minor"].get<long>(), 0);

    // The held court is not offered to anyone else.
    auto availability = http.get("/public/availability?facility_id=pickle_x_mysore&date=" + date +
                                     "&start_time=18:00&duration_minutes=120",
                                 public_auth());
    ASSERT_EQ(availability.status, 200);
    const auto held = q["resources"][0]["id"];
    const auto offered = availability.json();
    ASSERT_FALSE(offered["days"].empty());
    for (const auto& day : offered["days"]) {
        for (const auto& slot : day["slots"]) {
            for (const auto& free : slot["free_resources"]) EXPECT_NE(free["id"], held);
        }
    }

    auto first =
        http.post_json("/public/booking/confirm", {{"quote_id", q["quote_id"]}}, public_auth());
    ASSERT_EQ(first.status, 200) << first.body;
    auto second =
        http.post_json("/public/booking/confirm", {{"quote_id", q["quote_id"]}}, public_auth());
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(first.json()["booking_id"], second.json()["booking_id"]);

    auto fetched =
        http.get("/public/booking/" + first.json()["booking_id"].get<std::string>(), public_auth());
    ASSERT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json()["status"], "confirmed");
    EXPECT_EQ(fetched.json()["customer"]["name"], "Asha");
}

TEST_F(HttpApiTest, BadInputGetsPreciseCodes) {
    auto http = client();
    const auto date = local_date_in("Asia/Kolkata", 2);
    auto bad_json = http.request("POST", "/public/booking/quote", "{\"date\":",
                                 {{"X-API-Key", kPublicKey}, {"Content-Type", "application/json"}});
    EXPECT_EQ(bad_json.status, 400);
    EXPECT_EQ(bad_json.json()["error"]["code"], "INVALID_JSON");

    auto body = quote_body("2026-02-30", "18:00");
    EXPECT_EQ(http.post_json("/public/booking/quote", body, public_auth()).json()["error"]["code"],
              "INVALID_DATE");
    body = quote_body(date, "18:00");
    body.erase("customer_phone");
    auto no_contact = http.post_json("/public/booking/quote", body, public_auth());
    EXPECT_EQ(no_contact.status, 400);
    EXPECT_EQ(no_contact.json()["error"]["code"], "CONTACT_REQUIRED");
    auto past =
        http.post_json("/public/booking/quote", quote_body("2020-01-01", "18:00"), public_auth());
    EXPECT_EQ(past.status, 400);
    EXPECT_EQ(past.json()["error"]["code"], "PAST_TIME");
    auto missing =
        http.post_json("/public/booking/confirm", {{"quote_id", "q_nope"}}, public_auth());
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.json()["error"]["code"], "QUOTE_NOT_FOUND");
}

TEST_F(HttpApiTest, TakenSlotIs409WithAlternatives) {
    auto http = client();
    const auto date = local_date_in("Asia/Kolkata", 3);
    auto body = quote_body(date, "19:00");
    body["number_of_courts"] = 4;  // every court of pickle_x_mysore
    auto all = http.post_json("/public/booking/quote", body, public_auth());
    ASSERT_EQ(all.status, 200) << all.body;
    body["number_of_courts"] = 1;
    auto taken = http.post_json("/public/booking/quote", body, public_auth());
    ASSERT_EQ(taken.status, 409) << taken.body;
    EXPECT_EQ(taken.json()["error"]["code"], "SLOT_UNAVAILABLE");
    ASSERT_FALSE(taken.json()["alternatives"].empty());
    EXPECT_NE(taken.json()["alternatives"][0]["start_time"], "19:00");
}

TEST_F(HttpApiTest, PipelinedRequestsAreAnsweredInOrder) {
    auto http = client();
    const std::string one = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string two = "GET /facilities/nope HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string three = "GET /facilities HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const auto raw = http.raw_exchange(one + two + three);
    const auto first = raw.find("HTTP/1.1 200");
    const auto second = raw.find("HTTP/1.1 404");
    const auto third = raw.find("HTTP/1.1 200", second);
    ASSERT_NE(first, std::string::npos) << raw;
    ASSERT_NE(second, std::string::npos) << raw;
    ASSERT_NE(third, std::string::npos) << raw;
    EXPECT_LT(first, second);
}

TEST_F(HttpApiTest, MalformedHttpIs400) {
    auto http = client();
    const auto raw = http.raw_exchange("THIS IS NOT HTTP\r\n\r\n");
    EXPECT_NE(raw.find("400"), std::string::npos) << raw;
    // The server is still fine.
    EXPECT_EQ(client().get("/health").status, 200);
}

}  // namespace
}  // namespace frontdesk::test
