#include "integration/integration_fixture.hpp"

#include <chrono>

#include <date/tz.h>

namespace frontdesk::test {

std::string local_date_in(const std::string& zone, int days) {
    const auto now = std::chrono::system_clock::now() + std::chrono::days{days};
    const date::zoned_time local{zone, std::chrono::floor<std::chrono::seconds>(now)};
    return date::format("%F", local.get_local_time());
}

}  // namespace frontdesk::test
