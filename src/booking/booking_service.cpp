// BookingService: availability, quotes, confirm, direct bookings, reads. Changes to existing
// bookings (cancel, reschedule, notes) and customer look-ups are in booking_service_changes.cpp.
#include "booking/booking_service.hpp"

#include <utility>

#include "booking/booking_service_support.hpp"
#include "booking/pricing.hpp"
#include "booking/spoken.hpp"
#include "core/ids.hpp"
#include "core/logging.hpp"

namespace frontdesk::booking {
namespace {

using Kind = WriteOutcome::Kind;

constexpr int kMaxAvailabilityDays = 31;
constexpr std::size_t kMaxIdempotencyKeyLength = 255;

spdlog::logger& service_log() {
    static const auto logger = frontdesk::logger("booking");
    return *logger;
}

struct Draft {
    const Facility& facility;
    const BookingRequest& request;
    const Contact& customer;
    const ResolvedSlot& slot;
    Instant now;
};

/// The fields a quote and a booking made from the same draft share.
template <typename Record>
Record from_draft(const Draft& d, std::string_view id_prefix, std::vector<std::string> resources) {
    Record record;
    record.id = new_id(id_prefix);
    record.facility_id = d.facility.id;
    record.price = price_slot(d.facility, d.slot.service, d.slot.start, d.slot.end, resources);
    record.resource_ids = std::move(resources);
    record.service_id = detail::service_id_of(d.slot);
    record.start = d.slot.start;
    record.end = d.slot.end;
    record.customer = d.customer;
    record.source = d.request.source;
    record.notes = d.request.notes;
    record.created_at = d.now;
    return record;
}

Quote new_quote(const Draft& d, std::vector<std::string> resources, std::chrono::minutes hold) {
    auto quote = from_draft<Quote>(d, "qt", std::move(resources));
    quote.holds_slot = d.facility.rules.quote_holds_slot;
    quote.expires_at = d.now + hold;
    return quote;
}

Booking new_booking(const Draft& d, std::vector<std::string> resources) {
    auto booking = from_draft<Booking>(d, "bk", std::move(resources));
    booking.updated_at = d.now;
    return booking;
}

// The store fills the slot, customer and price in from the stored quote (sqlite_store.hpp);
// they are copied here too so any BookingStore gets a complete booking.
Booking booking_from_quote(const Quote& quote, Instant now) {
    Booking booking;
    booking.id = new_id("bk");
    booking.facility_id = quote.facility_id;
    booking.resource_ids = quote.resource_ids;
    booking.service_id = quote.service_id;
    booking.start = quote.start;
    booking.end = quote.end;
    booking.customer = quote.customer;
    booking.price = quote.price;
    booking.source = quote.source;
    booking.notes = quote.notes;
    booking.quote_id = quote.id;
    booking.created_at = now;
    booking.updated_at = now;
    return booking;
}

NotFound quote_expired(const Facility& facility, const Quote& quote) {
    const auto local = facility.time_zone.to_local(quote.expires_at);
    return NotFound{"QUOTE_EXPIRED", "This quote expired at " + spoken_time(local.time) +
                                         ", so the time is no longer held. Please ask for a "
                                         "new quote."};
}

std::optional<std::string> checked_key(const std::optional<std::string>& key) {
    if (!key || key->empty()) return std::nullopt;
    if (key->size() > kMaxIdempotencyKeyLength) {
        throw InvalidArgument("INVALID_IDEMPOTENCY_KEY",
                              "The idempotency key can be at most 255 characters long.");
    }
    return key;
}

// A clear verdict when there is no guard.
GuardVerdict guard_check(ConfirmGuard* guard, const Facility& facility,
                         const std::vector<std::string>& resource_ids, Instant start, Instant end) {
    return guard != nullptr ? guard->check(facility, resource_ids, start, end) : GuardVerdict{};
}

void flag_if_unverified(ConfirmGuard* guard, const GuardVerdict& verdict,
                        const std::string& booking_id) {
    if (guard != nullptr && verdict.kind == GuardVerdict::Kind::kUnverified) {
        guard->flag(booking_id, verdict.note);
    }
}

}  // namespace

BookingService::BookingService(const FacilityDirectory& facilities, BookingStore& store,
                               const Clock& clock, ServiceSettings settings)
    : facilities_(facilities), store_(store), clock_(clock), settings_(settings) {}

std::vector<DayAvailability> BookingService::availability(std::string_view facility_id,
                                                          const SlotRequest& request,
                                                          LocalDate last_day) {
    const Facility& facility = facilities_.get(facility_id);
    if (!request.date.ok() || !last_day.ok()) {
        throw InvalidArgument("INVALID_DATE", "That isn't a valid date.");
    }
    const int days = days_between(request.date, last_day) + 1;
    if (days < 1 || days > kMaxAvailabilityDays) {
        throw InvalidArgument("INVALID_DATE_RANGE",
                              "I can check from 1 to 31 days at a time, and the last day can't "
                              "come before the first.");
    }
    const Instant now = clock_.now();
    const auto span = day_span(facility, request.date, last_day);
    const auto buffer = detail::buffer_of(facility);
    const auto occupied = store_.occupancy(facility.id, span.from - buffer, span.to + buffer, now);
    std::vector<DayAvailability> result;
    for (int i = 0; i < days; ++i) {
        SlotRequest day = request;
        day.date = add_days(request.date, i);
        result.push_back(compute_day_availability(facility, day, occupied, now));
    }
    return result;
}

Quote BookingService::create_quote(const BookingRequest& request) {
    const Facility& facility = facilities_.get(request.facility_id);
    const Contact customer = detail::checked_contact(request.customer);
    detail::check_notes(request.notes);
    const Instant now = clock_.now();
    const ResolvedSlot slot = resolve_slot(facility, request.slot, now);
    const Draft draft{facility, request, customer, slot, now};
    auto quote = detail::place(
        store_, facility, slot, now, false,
        [&](std::vector<std::string> resources) -> std::optional<Quote> {
            Quote candidate = new_quote(draft, std::move(resources), settings_.quote_hold);
            const auto outcome = store_.insert_quote(candidate, detail::buffer_of(facility), now);
            if (outcome.kind != Kind::kInserted) return std::nullopt;
            return candidate;
        });
    if (!quote) {
        throw detail::slot_unavailable(facility, store_, request.slot, now, settings_.alternatives);
    }
    service_log().debug("quote {} holds {} resource(s) at facility {}", quote->id,
                        quote->resource_ids.size(), facility.id);
    return std::move(*quote);
}

Quote BookingService::get_quote(std::string_view quote_id) {
    auto quote = store_.find_quote(quote_id);
    if (!quote) throw detail::quote_not_found();
    return std::move(*quote);
}

Booking BookingService::confirm_quote(std::string_view quote_id) {
    const auto quote = store_.find_quote(quote_id);
    if (!quote) throw detail::quote_not_found();
    const Facility& facility = facilities_.get(quote->facility_id);
    const Instant now = clock_.now();
    const auto verdict =
        quote->status == QuoteStatus::kOpen
            ? guard_check(guard_, facility, quote->resource_ids, quote->start, quote->end)
            : GuardVerdict{};
    auto outcome = verdict.kind == GuardVerdict::Kind::kBusy
                       ? WriteOutcome{Kind::kConflict, std::nullopt, verdict.busy_resource_ids}
                       : store_.confirm_quote(quote_id, booking_from_quote(*quote, now),
                                              detail::buffer_of(facility), now);
    switch (outcome.kind) {
        case Kind::kConfirmed:
        case Kind::kAlreadyConfirmed:
            if (!outcome.booking) break;
            if (outcome.kind == Kind::kConfirmed) {
                flag_if_unverified(guard_, verdict, outcome.booking->id);
                service_log().info("booking {} confirmed from quote {} at facility {}",
                                   outcome.booking->id, quote->id, facility.id);
            }
            return std::move(*outcome.booking);
        case Kind::kNotFound:
            throw detail::quote_not_found();
        case Kind::kExpired:
            throw quote_expired(facility, *quote);
        case Kind::kConflict:
            throw detail::slot_unavailable(
                facility, store_,
                detail::request_like(facility, quote->start, quote->end, quote->service_id,
                                     quote->resource_ids.size()),
                now, settings_.alternatives);
        default:
            break;
    }
    throw detail::unexpected_outcome("confirming a quote");
}

Booking BookingService::create_booking(const BookingRequest& request,
                                       const std::optional<std::string>& idempotency_key) {
    const Facility& facility = facilities_.get(request.facility_id);
    const Contact customer = detail::checked_contact(request.customer);
    detail::check_notes(request.notes);
    const auto key = checked_key(idempotency_key);
    const Instant now = clock_.now();
    const ResolvedSlot slot = resolve_slot(facility, request.slot, now);
    const Draft draft{facility, request, customer, slot, now};
    // With a key, a full slot is still written: the retry of a booking that succeeded finds its
    // own slot taken, and only the store knows the key was used.
    auto booking = detail::place(
        store_, facility, slot, now, key.has_value(),
        [&](std::vector<std::string> resources) -> std::optional<Booking> {
            Booking candidate = new_booking(draft, std::move(resources));
            const auto verdict = guard_check(guard_, facility, candidate.resource_ids,
                                             candidate.start, candidate.end);
            if (verdict.kind == GuardVerdict::Kind::kBusy) return std::nullopt;
            auto outcome = store_.insert_booking(candidate, key, detail::buffer_of(facility), now);
            if (outcome.kind == Kind::kInserted) flag_if_unverified(guard_, verdict, candidate.id);
            if (outcome.kind == Kind::kDuplicate && outcome.booking) {
                return std::move(*outcome.booking);
            }
            if (outcome.kind != Kind::kInserted) return std::nullopt;
            service_log().info("booking {} created directly at facility {}", candidate.id,
                               facility.id);
            return candidate;
        });
    if (!booking) {
        throw detail::slot_unavailable(facility, store_, request.slot, now, settings_.alternatives);
    }
    return std::move(*booking);
}

Booking BookingService::get_booking(std::string_view booking_id) {
    auto booking = store_.find_booking(booking_id);
    if (!booking) throw detail::booking_not_found();
    return std::move(*booking);
}

std::vector<Booking> BookingService::list_bookings(const BookingFilter& filter) {
    return store_.list_bookings(filter);
}

}  // namespace frontdesk::booking
