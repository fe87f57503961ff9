// kill -9 during a confirm storm, restart on the same database: every confirm that was answered
// 200 is still there.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "integration/integration_fixture.hpp"

namespace frontdesk::test {
namespace {

constexpr int kWriters = 8;
constexpr std::size_t kConfirmsBeforeKill = 150;

class CrashTest : public ServerTest {};

TEST_F(CrashTest, AnsweredConfirmsSurviveKillDashNine) {
    std::mutex mutex;
    std::vector<std::string> answered;  // booking ids answered 200
    std::atomic<bool> stop{false};
    std::condition_variable progress;
    std::size_t count = 0;  // guarded by mutex
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            auto http = new_client();
            // Writer w owns court (w % 4) + 1 on days 1 + w / 4, 3 + w / 4, …: no overlaps.
            for (int n = 0; !stop.load(); ++n) {
                const auto date = local_date_in("Asia/Kolkata", 1 + w / 4 + 2 * (n / 17));
                const auto hour = 6 + n % 17;
                char start[6];
                std::snprintf(start, sizeof start, "%02d:00", hour);
                try {
                    auto quote = http->post_json("/public/booking/quote",
                                                 {{"facility_id", "pickle_x_mysore"},
                                                  {"date", date},
                                                  {"start_time", start},
                                                  {"resource_ids", {std::to_string(1 + w % 4)}},
                                                  {"customer_name", "Storm"},
                                                  {"customer_phone", "+919800000002"}},
                                                 public_auth());
                    if (quote.status != 200) continue;
                    auto booked =
                        http->post_json("/public/booking/confirm",
                                        {{"quote_id", quote.json()["quote_id"]}}, public_auth());
                    if (booked.status != 200) continue;
                    std::lock_guard lock{mutex};
                    answered.push_back(booked.json()["booking_id"]);
                    if (++count == kConfirmsBeforeKill) progress.notify_one();
                } catch (const std::exception&) {
                    return;  // the server died under us: expected
                }
            }
        });
    }
    // Kill while confirms are in flight: wait until enough were answered, then pull the plug.
    {
        std::unique_lock lock{mutex};
        ASSERT_TRUE(progress.wait_for(lock, std::chrono::seconds{60},
                                      [&] { return count >= kConfirmsBeforeKill; }))
            << "only " << count << " confirms answered within the deadline";
    }
    server_->kill_hard();
    stop = true;
    for (auto& t : writers) t.join();

    std::vector<std::string> survivors;
    {
        std::lock_guard lock{mutex};
        survivors = answered;
    }
    ASSERT_GE(survivors.size(), kConfirmsBeforeKill);

    start_server();  // same database file
    auto http = client();
    for (const auto& id : survivors) {
        auto found = http.get("/owner/bookings/" + id, owner_auth());
        ASSERT_EQ(found.status, 200)
            << "booking " << id << " answered 200 but lost: " << found.body;
        EXPECT_EQ(found.json()["status"], "confirmed");
    }
}

}  // namespace
}  // namespace frontdesk::test
