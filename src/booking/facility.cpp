#include "booking/facility.hpp"

#include <algorithm>
#include <charconv>

namespace frontdesk::booking {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
               return lower(x) == lower(y);
           });
}

std::optional<int> as_number(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

const Resource* Facility::find_resource(std::string_view id_or_number) const {
    // Exact ids first: a resource whose id is "2" wins over the resource numbered 2.
    for (const auto& resource : resources) {
        if (resource.id == id_or_number) return &resource;
    }
    if (const auto number = as_number(id_or_number)) {
        for (const auto& resource : resources) {
            if (resource.number == *number) return &resource;
        }
    }
    // Callers say names ("court 3", "maria"), so names match without regard to case.
    for (const auto& resource : resources) {
        if (equals_ignoring_case(resource.name, id_or_number)) return &resource;
    }
    return nullptr;
}

const Service* Facility::find_service(std::string_view id_or_name) const {
    for (const auto& service : services) {
        if (service.id == id_or_name) return &service;
    }
    for (const auto& service : services) {
        if (equals_ignoring_case(service.name, id_or_name)) return &service;
    }
    return nullptr;
}

bool Facility::is_closed_on(LocalDate date) const {
    return closed_dates.contains(format_date(date)) || weekly_hours[weekday_index(date)].empty();
}

}  // namespace frontdesk::booking
