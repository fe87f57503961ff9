// BookingService: changes to existing bookings (cancel, reschedule, notes) and finding a
// customer's upcoming bookings.
#include <algorithm>
#include <tuple>
#include <utility>

#include "booking/booking_service.hpp"
#include "booking/booking_service_support.hpp"
#include "booking/pricing.hpp"
#include "core/logging.hpp"

namespace frontdesk::booking {
namespace {

using Kind = WriteOutcome::Kind;

spdlog::logger& service_log() {
    static const auto logger = frontdesk::logger("booking");
    return *logger;
}

// The booking's own shape with the requested changes applied. Named resources replace the
// current ones; otherwise the same number is needed, and the current ones are preferred.
SlotRequest moved_request(const Facility& facility, const Booking& current,
                          const RescheduleRequest& request) {
    SlotRequest wanted = detail::request_like(facility, current.start, current.end,
                                              current.service_id, current.resource_ids.size());
    if (request.date) wanted.date = *request.date;
    if (request.start_time) wanted.start_time = *request.start_time;
    if (request.duration_minutes) wanted.duration_minutes = *request.duration_minutes;
    if (!request.resource_ids.empty()) {
        wanted.resource_ids = request.resource_ids;
        wanted.number_of_resources = 1;  // resolve_slot: "1 or their count"
    }
    return wanted;
}

Booking moved_booking(const Facility& facility, const Booking& current, const ResolvedSlot& slot,
                      std::vector<std::string> resources, Instant now) {
    Booking moved = current;
    moved.price = price_slot(facility, slot.service, slot.start, slot.end, resources);
    moved.resource_ids = std::move(resources);
    moved.service_id = detail::service_id_of(slot);
    moved.start = slot.start;
    moved.end = slot.end;
    moved.updated_at = now;
    return moved;
}

void append_new(std::vector<Booking>& into, std::vector<Booking> more) {
    for (auto& booking : more) {
        const bool seen = std::any_of(into.begin(), into.end(),
                                      [&booking](const Booking& b) { return b.id == booking.id; });
        if (!seen) into.push_back(std::move(booking));
    }
}

}  // namespace

Booking BookingService::cancel_booking(std::string_view booking_id, bool enforce_notice) {
    auto booking = store_.find_booking(booking_id);
    if (!booking) throw detail::booking_not_found();
    // Idempotent: a retry after a lost answer gets the same cancelled booking back.
    if (booking->status == BookingStatus::kCancelled) return std::move(*booking);
    const Instant now = clock_.now();
    if (enforce_notice) {
        detail::check_change_notice(facilities_.find(booking->facility_id), booking->start, now,
                                    "CANCELLATION_TOO_LATE", "cancelled");
    }
    auto outcome = store_.cancel_booking(booking_id, now);
    if ((outcome.kind == Kind::kInserted || outcome.kind == Kind::kNotActive) && outcome.booking) {
        if (outcome.kind == Kind::kInserted) service_log().info("booking {} cancelled", booking_id);
        return std::move(*outcome.booking);
    }
    if (outcome.kind == Kind::kNotFound) throw detail::booking_not_found();
    throw detail::unexpected_outcome("cancelling a booking");
}

Booking BookingService::reschedule_booking(std::string_view booking_id,
                                           const RescheduleRequest& request, bool enforce_notice) {
    const auto current = store_.find_booking(booking_id);
    if (!current) throw detail::booking_not_found();
    if (current->status != BookingStatus::kConfirmed) throw detail::booking_cancelled();
    const Facility& facility = facilities_.get(current->facility_id);
    const Instant now = clock_.now();
    if (enforce_notice) {
        detail::check_change_notice(&facility, current->start, now, "RESCHEDULE_TOO_LATE", "moved");
    }
    const SlotRequest wanted = moved_request(facility, *current, request);
    const ResolvedSlot slot = resolve_slot(facility, wanted, now);
    auto moved = detail::place(
        store_, facility, slot, now, false,
        [&](std::vector<std::string> resources) -> std::optional<Booking> {
            auto outcome = store_.reschedule_booking(
                moved_booking(facility, *current, slot, std::move(resources), now),
                detail::buffer_of(facility), now);
            if (outcome.kind == Kind::kInserted && outcome.booking) {
                return std::move(*outcome.booking);
            }
            if (outcome.kind == Kind::kNotFound) throw detail::booking_not_found();
            if (outcome.kind == Kind::kNotActive) throw detail::booking_cancelled();
            return std::nullopt;
        },
        &*current);
    if (!moved) {
        throw detail::slot_unavailable(facility, store_, wanted, now, settings_.alternatives,
                                       &*current);
    }
    service_log().info("booking {} rescheduled", booking_id);
    return std::move(*moved);
}

Booking BookingService::update_notes(std::string_view booking_id, const std::string& notes) {
    detail::check_notes(notes);
    auto outcome = store_.update_notes(booking_id, notes, clock_.now());
    if (outcome.kind == Kind::kInserted && outcome.booking) return std::move(*outcome.booking);
    if (outcome.kind == Kind::kNotFound) throw detail::booking_not_found();
    throw detail::unexpected_outcome("updating booking notes");
}

std::vector<Booking> BookingService::find_upcoming(std::string_view facility_id,
                                                   const std::optional<std::string>& phone,
                                                   const std::optional<std::string>& email) {
    const Facility& facility = facilities_.get(facility_id);
    const std::string phone_text = phone ? detail::trimmed(*phone) : std::string{};
    const std::string email_text = email ? detail::trimmed(*email) : std::string{};
    if (phone_text.empty() && email_text.empty()) {
        throw InvalidArgument("CONTACT_REQUIRED",
                              "Tell me the phone number or email address the booking was made "
                              "with, and I'll look it up.");
    }
    BookingFilter upcoming;
    upcoming.facility_id = facility.id;
    upcoming.status = BookingStatus::kConfirmed;
    upcoming.starts_from = clock_.now();  // not yet ended
    std::vector<Booking> found;
    if (!phone_text.empty()) {
        auto normalised = detail::normalise_phone(phone_text);
        if (!normalised) {
            throw InvalidArgument("INVALID_PHONE",
                                  "That phone number doesn't look right. Could "
                                  "you say it again, with the country code?");
        }
        BookingFilter by_phone = upcoming;
        by_phone.phone = std::move(normalised);
        append_new(found, store_.list_bookings(by_phone));
    }
    if (!email_text.empty()) {
        BookingFilter by_email = upcoming;
        by_email.email = email_text;
        append_new(found, store_.list_bookings(by_email));
    }
    std::sort(found.begin(), found.end(), [](const Booking& a, const Booking& b) {
        return std::tie(a.start, a.id) < std::tie(b.start, b.id);
    });
    return found;
}

}  // namespace frontdesk::booking
