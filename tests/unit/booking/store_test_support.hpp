#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "booking/model.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"

// Builders and a scratch folder for the store and service tests.
namespace frontdesk::booking::test {

using namespace std::chrono_literals;

/// 2030-06-01T10:00:00Z: far enough ahead that nothing is "in the past" by accident.
inline Instant at_hour(int hour, int minute = 0) {
    return std::chrono::sys_days{std::chrono::year{2030} / 6 / 1} + std::chrono::hours{hour} +
           std::chrono::minutes{minute};
}

inline const Instant kNow = std::chrono::sys_days{std::chrono::year{2030} / 5 / 31};

inline Booking make_booking(std::vector<std::string> resources, Instant start, Instant end,
                            std::string facility = "club") {
    Booking b;
    b.id = new_id("bk");
    b.facility_id = std::move(facility);
    b.resource_ids = std::move(resources);
    b.start = start;
    b.end = end;
    b.customer = Contact{"Asha Rao", "+91 98765-43210", "Asha@Example.com"};
    b.price = Price{60000, "INR", {{"Court 1, 10:00-11:00", "1", 60000}}};
    b.source = "owner";
    b.created_at = kNow;
    b.updated_at = kNow;
    return b;
}

inline Quote make_quote(std::vector<std::string> resources, Instant start, Instant end,
                        Instant expires_at = kNow + 10min, std::string facility = "club") {
    Quote q;
    q.id = new_id("qt");
    q.facility_id = std::move(facility);
    q.resource_ids = std::move(resources);
    q.start = start;
    q.end = end;
    q.customer = Contact{"Ravi", "", "ravi@example.com"};
    q.price = Price{30000, "INR", {{"Court 2", "2", 30000}}};
    q.source = "api";
    q.created_at = kNow;
    q.expires_at = expires_at;
    return q;
}

/// The booking confirm_quote is asked to write: a fresh id, the rest filled in by the store.
inline Booking booking_for(const Quote& quote) {
    Booking b;
    b.id = new_id("bk");
    b.source = quote.source;
    b.created_at = kNow;
    b.updated_at = kNow;
    return b;
}

/// A fresh folder under the system temp dir, removed on destruction.
class ScratchDir {
public:
    ScratchDir()
        : path_(std::filesystem::temp_directory_path() / ("frontdesk-test-" + new_id("d"))) {
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace frontdesk::booking::test
