// The owner's booking API over real HTTP: auth, manual idempotent bookings, list filters,
// reschedule, notes, cancel.
#include <gtest/gtest.h>

#include "integration/integration_fixture.hpp"

namespace frontdesk::test {
namespace {

class OwnerApiTest : public ServerTest {
protected:
    nlohmann::json manual(const std::string& date, const std::string& start) const {
        return {{"facility_id", "pickle_x_mysore"},
                {"date", date},
                {"start_time", start},
                {"duration_minutes", 60},
                {"resource_ids", {"2"}},
                {"customer_name", "Walk-in"},
                {"customer_phone", "+919800000003"}};
    }
};

TEST_F(OwnerApiTest, NeedsTheBearerToken) {
    auto http = client();
    EXPECT_EQ(http.get("/owner/bookings").status, 401);
    EXPECT_EQ(http.get("/owner/bookings", {{"Authorization", "Bearer wrong"}}).status, 401);
    EXPECT_EQ(http.get("/owner/bookings", {{"X-API-Key", kPublicKey}}).status, 401);
    EXPECT_EQ(http.get("/owner/bookings", owner_auth()).status, 200);
}

TEST_F(OwnerApiTest, ManualBookingWithIdempotencyKeyIsCreatedOnce) {
    auto http = client();
    const auto date = local_date_in("Asia/Kolkata", 4);
    auto body = manual(date, "09:00");
    body["idempotency_key"] = "front-desk-123";
    auto first = http.post_json("/owner/bookings", body, owner_auth());
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = http.post_json("/owner/bookings", body, owner_auth());
    ASSERT_LT(again.status, 300) << again.body;
    EXPECT_EQ(first.json()["booking_id"], again.json()["booking_id"]);
    EXPECT_EQ(first.json()["source"], "owner");

    auto listed =
        http.get("/owner/bookings?facility_id=pickle_x_mysore&date=" + date, owner_auth());
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json()["count"], 1);
}

TEST_F(OwnerApiTest, RescheduleNotesAndCancel) {
    auto http = client();
    const auto date = local_date_in("Asia/Kolkata", 4);
    auto created = http.post_json("/owner/bookings", manual(date, "09:00"), owner_auth());
    ASSERT_EQ(created.status, 201) << created.body;
    const auto id = created.json()["booking_id"].get<std::string>();
    auto blocker = http.post_json("/owner/bookings", manual(date, "11:00"), owner_auth());
    ASSERT_EQ(blocker.status, 201) << blocker.body;

    // Moving onto a taken court fails and leaves the booking where it was.
    auto clash =
        http.request("PATCH", "/owner/bookings/" + id,
                     nlohmann::json{{"start_time", "11:00"}, {"resource_ids", {"2"}}}.dump(),
                     {{"Authorization", std::string{"Bearer "} + kOwnerKey},
                      {"Content-Type", "application/json"}});
    EXPECT_EQ(clash.status, 409) << clash.body;
    EXPECT_EQ(http.get("/owner/bookings/" + id, owner_auth()).json()["start_time"], "09:00");

    auto moved =
        http.request("PATCH", "/owner/bookings/" + id,
                     nlohmann::json{{"start_time", "10:00"}, {"notes", "bring rackets"}}.dump(),
                     {{"Authorization", std::string{"Bearer "} + kOwnerKey},
                      {"Content-Type", "application/json"}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["start_time"], "10:00");
    EXPECT_EQ(moved.json()["notes"], "bring rackets");
    EXPECT_EQ(moved.json()["booking_id"], id);

    auto cancelled = http.request("DELETE", "/owner/bookings/" + id, {}, owner_auth());
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json()["status"], "cancelled");
    auto active = http.get(
        "/owner/bookings?facility_id=pickle_x_mysore&status=confirmed&date=" + date, owner_auth());
    EXPECT_EQ(active.json()["count"], 1);
}

TEST_F(OwnerApiTest, BadFiltersAre400) {
    auto http = client();
    EXPECT_EQ(http.get("/owner/bookings?status=maybe", owner_auth()).status, 400);
    EXPECT_EQ(http.get("/owner/bookings?from=yesterday", owner_auth()).status, 400);
    EXPECT_EQ(http.get("/owner/bookings?date=2026-11-22", owner_auth()).status, 400);
    EXPECT_EQ(http.get("/owner/bookings/bk_missing", owner_auth()).status, 404);
}

}  // namespace
}  // namespace frontdesk::test
