#pragma once

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "booking/money.hpp"
#include "core/local_time.hpp"
#include "core/secret.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::booking {

/// A half-open span of local wall time within one day, [start, end), in minutes since midnight.
struct DayInterval {
    TimeOfDay start{0};
    TimeOfDay end{0};
};

/// Something bookable: a court, a stylist, a room.
struct Resource {
    std::string id;    // stable, e.g. "court-1" ("1".."N" for facilities given a bare count)
    std::string name;  // "Court 1", "Maria"
    int number = 0;    // 1-based position; what callers say ("court 3")
    std::optional<std::string> calendar_id;  // per-resource Google calendar (later issue)
};

/// A bookable service with its own duration and price (the salon case). Courts have none: they
/// are booked by the hour at the facility's hourly rates.
struct Service {
    std::string id;
    std::string name;
    std::string description;
    int duration_minutes = 0;
    Money price = 0;
    std::vector<std::string> resource_ids;  // who can deliver it; empty means every resource
};

struct BookingRules {
    int minimum_duration_minutes = 60;
    int duration_multiple_minutes = 60;   // durations must be a multiple of this
    int slot_granularity_minutes = 60;    // starts fall on multiples of this from opening time
    int maximum_duration_minutes = 240;
    int minimum_notice_minutes = 0;
    int maximum_days_ahead = 60;
    int buffer_minutes = 0;               // kept free after each booking on the same resource
    int cancellation_notice_minutes = 0;  // cancel/reschedule allowed until start minus this
    bool quote_holds_slot = true;         // a live quote keeps its slot from everyone else
};

struct Pricing {
    Money weekday_per_hour = 0;
    Money weekend_per_hour = 0;
    std::set<unsigned> weekend_days{0, 6};  // weekday_index(): 0 = Sunday
};

struct PricedItem {
    std::string id;  // "racket"
    std::string name;
    Money price = 0;
};

struct Coaching {
    bool available = false;
    Money fee = 0;
    std::vector<std::string> timings;  // free text as the facility wrote it ("7-9 AM")
    std::optional<int> age_below;
};

struct AgentSettings {
    std::string greeting;      // the first sentence the voice agent says
    std::string instructions;  // appended to the generated system prompt
    std::string voice = "alloy";
    std::optional<std::string> transfer_number;  // E.164, where "talk to a person" goes
};

/// One facility as loaded from facilities/: immutable after start-up, shared read-only by
/// every thread.
struct Facility {
    std::string id;
    std::string name;
    std::vector<std::string> phone_numbers;  // E.164; the first is the main number
    TimeZone time_zone = TimeZone::locate("UTC");
    std::string currency = "INR";
    int currency_minor_digits = 2;

    std::array<std::vector<DayInterval>, 7> weekly_hours;  // by weekday_index(); empty = closed
    std::array<std::vector<DayInterval>, 7> breaks;        // closed spans within open hours
    std::set<std::string> closed_dates;                    // "YYYY-MM-DD" holidays

    std::vector<Resource> resources;
    std::string resource_kind = "court";  // "court", "stylist", "room": what the agent calls them
    std::vector<Service> services;
    BookingRules rules;
    Pricing pricing;
    std::vector<PricedItem> rentals;
    Coaching coaching;
    AgentSettings agent;
    Secret api_key;  // optional per-facility X-API-Key for the public API
    std::optional<std::string> calendar_id;  // the facility's shared Google calendar, if any

    [[nodiscard]] const Resource* find_resource(std::string_view id_or_number) const;
    [[nodiscard]] const Service* find_service(std::string_view id) const;
    [[nodiscard]] bool is_closed_on(LocalDate date) const;
};

}  // namespace frontdesk::booking
