#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "booking/calendar_sync_store.hpp"
#include "booking/facility.hpp"
#include "booking/facility_directory.hpp"
#include "booking/model.hpp"
#include "calendar/calendar_client.hpp"
#include "calendar/calendar_config.hpp"

// How bookings become events and events become blocks. Pure; any thread.
namespace frontdesk::calendar {

/// The event id of a booking: base32hex (lower case, unpadded) of its id's bytes, so every
/// retry of an insert names the same event and Google answers 409 instead of duplicating it.
[[nodiscard]] std::string event_id_for(std::string_view booking_id);

/// The calendar a booking's event goes to: its first resource's calendar_id, else the
/// facility's, else `default_calendar_id`; nullopt when none is configured.
[[nodiscard]] std::optional<std::string> calendar_for(
    const booking::Booking& booking, const booking::Facility& facility,
    const std::optional<std::string>& default_calendar_id);

/// The full event: id, "Court 3 Booking - Asha Rao", a description with customer, phone,
/// facility, courts, date, times, duration and price, start/end in the facility's zone, and
/// extendedProperties.private {booking_id, facility_id, court}.
[[nodiscard]] nlohmann::json booking_event(const booking::Booking& booking,
                                           const booking::Facility& facility);

/// A calendar watched for staff blocks, seen from one facility. `resource_id` set: a per-court
/// calendar, where every event blocks that court.
struct CalendarSource {
    std::string calendar_id;
    std::string facility_id;
    std::optional<std::string> resource_id;
};

/// Every (calendar, facility) pair: per-court calendars, facility calendars, and the default
/// calendar for facilities that name none of their own.
[[nodiscard]] std::vector<CalendarSource> calendar_sources(
    const booking::FacilityDirectory& facilities,
    const std::optional<std::string>& default_calendar_id);

/// What `event` blocks for `source`, or nullopt: our own events (private booking_id),
/// cancelled or transparent ones, unreadable times, and (by policy) shared-calendar events
/// naming no court block nothing. On a shared calendar "Court 3" (or a resource's name) in the
/// title blocks that resource; anything else the whole facility (resource_id "").
[[nodiscard]] std::optional<booking::ExternalBlock> block_for(const CalendarEvent& event,
                                                              const CalendarSource& source,
                                                              const booking::Facility& facility,
                                                              UnmatchedEventPolicy unmatched,
                                                              Instant now);

}  // namespace frontdesk::calendar
