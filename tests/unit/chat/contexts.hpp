#pragma once

#include <array>
#include <string>
#include <vector>

#include "booking/facility.hpp"
#include "chat/interpretation.hpp"
#include "core/local_time.hpp"

// Fixed facilities and "now"s for the interpreter tests. Nothing here reads a clock.
namespace frontdesk::chat::testing {

inline LocalDate ymd(int y, unsigned m, unsigned d) {
    return LocalDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline TimeOfDay hm(int h, int m) { return TimeOfDay{h * 60 + m}; }

/// What a facility offers, owned here so contexts can borrow it for the whole test run.
struct Venue {
    std::string kind;
    std::vector<booking::Resource> resources;
    std::vector<booking::Service> services;
    std::array<std::vector<booking::DayInterval>, 7> hours;
};

/// Four numbered courts and Center Court (number 5). Mon–Sat 06:00–22:00, Sun 08:00–18:00.
inline const Venue& courts() {
    static const Venue venue = [] {
        Venue v;
        v.kind = "court";
        for (int n = 1; n <= 4; ++n) {
            v.resources.push_back(
                {"court-" + std::to_string(n), "Court " + std::to_string(n), n, std::nullopt});
        }
        v.resources.push_back({"center", "Center Court", 5, std::nullopt});
        for (std::size_t d = 1; d <= 6; ++d) v.hours[d] = {{hm(6, 0), hm(22, 0)}};
        v.hours[0] = {{hm(8, 0), hm(18, 0)}};
        return v;
    }();
    return venue;
}

/// Three stylists and five services. Mon–Fri 09:00–19:00, Sat 09:00–17:00, Sun closed.
inline const Venue& salon() {
    static const Venue venue = [] {
        Venue v;
        v.kind = "stylist";
        v.resources = {{"alex", "Alex", 1, std::nullopt},
                       {"jordan", "Jordan", 2, std::nullopt},
                       {"maria", "Maria", 3, std::nullopt}};
        for (const auto* name : {"Men's Haircut", "Women's Haircut", "Kids' Haircut", "Beard Trim",
                                 "Single-Process Color"}) {
            booking::Service service;
            service.name = name;
            v.services.push_back(service);
        }
        for (std::size_t d = 1; d <= 5; ++d) v.hours[d] = {{hm(9, 0), hm(19, 0)}};
        v.hours[6] = {{hm(9, 0), hm(17, 0)}};
        return v;
    }();
    return venue;
}

inline InterpretContext context_at(const Venue& venue, LocalDate today, TimeOfDay now,
                                   PendingSlot pending = {}) {
    InterpretContext context;
    context.today = today;
    context.now = now;
    context.resource_kind = venue.kind;
    context.resources = venue.resources;
    context.services = venue.services;
    context.weekly_hours = venue.hours;
    context.pending = pending;
    return context;
}

/// The reference "now": Saturday 2026-11-21 10:15 at the courts.
inline InterpretContext reference() { return context_at(courts(), ymd(2026, 11, 21), hm(10, 15)); }

}  // namespace frontdesk::chat::testing
