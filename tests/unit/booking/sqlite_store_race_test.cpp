// SqliteStore under concurrent writers: threads on one store, two stores on one file, and
// separate processes. Exactly one booking per court and time may survive.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <latch>
#include <thread>

#include <gtest/gtest.h>

#include "booking/sqlite_store.hpp"
#include "unit/booking/store_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace test;
using Kind = WriteOutcome::Kind;

constexpr int kWriters = 16;
constexpr std::chrono::minutes kBuffer{10};

struct Tally {
    std::atomic<int> won{0};
    std::atomic<int> lost{0};
    std::atomic<int> failed{0};

    void count(Kind kind) {
        if (kind == Kind::kInserted || kind == Kind::kConfirmed) {
            ++won;
        } else if (kind == Kind::kConflict) {
            ++lost;
        } else {
            ++failed;
        }
    }
};

// Runs `attempt(i)` on kWriters threads released together.
template <typename Attempt>
void race(Attempt attempt) {
    std::latch start{kWriters};
    std::vector<std::jthread> writers;
    for (int i = 0; i < kWriters; ++i) {
        writers.emplace_back([&start, &attempt, i] {
            start.arrive_and_wait();
            attempt(i);
        });
    }
}

// Writer i wants court 1 from 18:00 + i*2 min for an hour: every pair overlaps.
Booking overlapping_booking(int i) {
    const Instant start = at_hour(18) + std::chrono::minutes{2 * i};
    return make_booking({"1"}, start, start + 1h);
}

std::size_t confirmed_on_court_1(BookingStore& store) {
    BookingFilter filter;
    filter.facility_id = "club";
    filter.status = BookingStatus::kConfirmed;
    return store.list_bookings(filter).size();
}

TEST(SqliteStoreRace, ThreadsInsertingOverlappingBookingsLeaveExactlyOne) {
    ScratchDir dir;
    SqliteStore store{dir.path() / "race.db"};
    Tally tally;
    race([&](int i) {
        tally.count(store.insert_booking(overlapping_booking(i), std::nullopt, kBuffer, kNow).kind);
    });
    EXPECT_EQ(tally.won, 1);
    EXPECT_EQ(tally.lost, kWriters - 1);
    EXPECT_EQ(tally.failed, 0);
    EXPECT_EQ(confirmed_on_court_1(store), 1U);
}

TEST(SqliteStoreRace, ThreadsConfirmingOverlappingQuotesLeaveExactlyOne) {
    SqliteStore store{":memory:"};
    std::vector<Quote> quotes;
    for (int i = 0; i < kWriters; ++i) {
        const Booking slot = overlapping_booking(i);
        Quote quote = make_quote(slot.resource_ids, slot.start, slot.end);
        quote.holds_slot = false;  // so all of them can exist before the race
        ASSERT_EQ(store.insert_quote(quote, kBuffer, kNow).kind, Kind::kInserted);
        quotes.push_back(quote);
    }
    Tally tally;
    race([&](int i) {
        const Quote& quote = quotes[static_cast<std::size_t>(i)];
        tally.count(store.confirm_quote(quote.id, booking_for(quote), kBuffer, kNow).kind);
    });
    EXPECT_EQ(tally.won, 1);
    EXPECT_EQ(tally.lost, kWriters - 1);
    EXPECT_EQ(confirmed_on_court_1(store), 1U);
}

TEST(SqliteStoreRace, ThreadsConfirmingTheSameQuoteGetOneBooking) {
    SqliteStore store{":memory:"};
    const Quote quote = make_quote({"1", "2"}, at_hour(18), at_hour(19));
    ASSERT_EQ(store.insert_quote(quote, kBuffer, kNow).kind, Kind::kInserted);
    std::atomic<int> confirmed{0};
    std::atomic<int> repeated{0};
    race([&](int) {
        const auto kind = store.confirm_quote(quote.id, booking_for(quote), kBuffer, kNow).kind;
        if (kind == Kind::kConfirmed) ++confirmed;
        if (kind == Kind::kAlreadyConfirmed) ++repeated;
    });
    EXPECT_EQ(confirmed, 1);
    EXPECT_EQ(repeated, kWriters - 1);
    EXPECT_EQ(store.list_bookings({}).size(), 1U);
}

TEST(SqliteStoreRace, TwoStoresOnOneFileCannotDoubleBook) {
    ScratchDir dir;
    SqliteStore first{dir.path() / "shared.db"};
    SqliteStore second{dir.path() / "shared.db"};
    Tally tally;
    race([&](int i) {
        SqliteStore& store = i % 2 == 0 ? first : second;
        tally.count(store.insert_booking(overlapping_booking(i), std::nullopt, kBuffer, kNow).kind);
    });
    EXPECT_EQ(tally.won, 1);
    EXPECT_EQ(tally.lost, kWriters - 1);
    EXPECT_EQ(tally.failed, 0);
    EXPECT_EQ(confirmed_on_court_1(first), 1U);
}

// Each child process opens its own store on the file and tries once; the exit status says how
// it went. A child never returns into GoogleTest: it ends with _exit.
[[noreturn]] void child_attempt(const std::filesystem::path& db, int i, int ready_fd) {
    int status = 3;
    try {
        SqliteStore store{db};
        char go = 0;
        if (read(ready_fd, &go, 1) == 1) {  // wait until every child has opened the file
            const auto kind =
                store.insert_booking(overlapping_booking(i), std::nullopt, kBuffer, kNow).kind;
            status = kind == Kind::kInserted ? 0 : kind == Kind::kConflict ? 1 : 2;
        }
    } catch (...) {
        status = 4;
    }
    _exit(status);
}

TEST(SqliteStoreRace, SeparateProcessesCannotDoubleBook) {
    constexpr int kProcesses = 8;
    ScratchDir dir;
    const auto db = dir.path() / "processes.db";
    { SqliteStore create{db}; }  // migrate once up front; children only race on bookings
    int gate[2] = {-1, -1};
    ASSERT_EQ(pipe(gate), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < kProcesses; ++i) {
        const pid_t pid = fork();
        ASSERT_NE(pid, -1);
        if (pid == 0) {
            close(gate[1]);
            child_attempt(db, i, gate[0]);
        }
        children.push_back(pid);
    }
    close(gate[0]);
    const std::string go(kProcesses, 'g');
    ASSERT_EQ(write(gate[1], go.data(), go.size()), static_cast<ssize_t>(go.size()));
    close(gate[1]);
    int won = 0;
    int lost = 0;
    for (const pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFEXITED(status));
        won += WEXITSTATUS(status) == 0 ? 1 : 0;
        lost += WEXITSTATUS(status) == 1 ? 1 : 0;
    }
    EXPECT_EQ(won, 1);
    EXPECT_EQ(lost, kProcesses - 1);
    SqliteStore check{db};
    EXPECT_EQ(confirmed_on_court_1(check), 1U);
}

}  // namespace
}  // namespace frontdesk::booking
