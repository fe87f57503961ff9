// Many clients confirm overlapping quotes at the same moment: exactly one booking per court and
// time survives; every other confirm is a 409.
#include <atomic>
#include <barrier>
#include <thread>

#include <gtest/gtest.h>

#include "integration/integration_fixture.hpp"

namespace frontdesk::test {
namespace {

constexpr int kClients = 32;
constexpr int kCourts = 4;

class RaceTest : public ServerTest {
protected:
    void SetUp() override { start_server(FRONTDESK_FIXTURES_DIR "/facilities/race_club.json"); }
};

TEST_F(RaceTest, ConcurrentConfirmsOfOverlappingQuotesBookEachCourtOnce) {
    const auto date = local_date_in("UTC", 5);
    // Each client quotes one court; quotes overlap by the hour but do not hold (race_club), so
    // the race is decided at confirm, inside the store's transaction.
    std::vector<std::string> quotes(kClients);
    for (int i = 0; i < kClients; ++i) {
        auto http = client();
        const std::string start = (i % 2 == 0) ? "10:00" : "11:00";
        auto quote =
            http.post_json("/public/booking/quote",
                           {{"date", date},
                            {"start_time", start},
                            {"duration_minutes", 120 - 60 * (i % 2)},
                            {"resource_ids", {std::to_string(1 + i % kCourts)}},
                            {"customer_name", "Racer " + std::to_string(i)},
                            {"customer_email", "racer" + std::to_string(i) + "@example.com"}},
                           public_auth());
        ASSERT_EQ(quote.status, 200) << quote.body;
        quotes[static_cast<std::size_t>(i)] = quote.json()["quote_id"];
    }

    std::barrier start_line{kClients};
    std::atomic<int> confirmed{0};
    std::atomic<int> conflicts{0};
    std::atomic<int> other{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.emplace_back([&, i] {
            auto http = new_client();
            (void)http->get("/health");  // connect before the start line
            start_line.arrive_and_wait();
            auto result =
                http->post_json("/public/booking/confirm",
                                {{"quote_id", quotes[static_cast<std::size_t>(i)]}}, public_auth());
            if (result.status == 200) {
                ++confirmed;
            } else if (result.status == 409 &&
                       result.json()["error"]["code"] == "SLOT_UNAVAILABLE") {
                ++conflicts;
            } else {
                ++other;
            }
        });
    }
    for (auto& t : clients) t.join();

    EXPECT_EQ(confirmed.load(), kCourts);
    EXPECT_EQ(conflicts.load(), kClients - kCourts);
    EXPECT_EQ(other.load(), 0);

    auto http = client();
    auto listed = http.get("/owner/bookings?facility_id=race_club&status=confirmed", owner_auth());
    ASSERT_EQ(listed.status, 200) << listed.body;
    std::set<std::string> courts;
    const auto body = listed.json();
    for (const auto& booking : body["bookings"]) {
        for (const auto& court : booking["resources"]) {
            EXPECT_TRUE(courts.insert(court["id"].get<std::string>()).second)
                << "court booked twice: " << court;
        }
    }
    EXPECT_EQ(courts.size(), static_cast<std::size_t>(kCourts)) << listed.body;
}

}  // namespace
}  // namespace frontdesk::test
