#include "booking/booking_service_support.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "booking/spoken.hpp"
#include "core/error.hpp"

namespace frontdesk::booking::detail {
namespace {

// E.164 allows at most 15 digits; fewer than 7 is no dialable number anywhere.
constexpr std::size_t kMinPhoneDigits = 7;
constexpr std::size_t kMaxPhoneDigits = 15;
constexpr std::size_t kMaxEmailLength = 254;  // RFC 5321 path limit
constexpr std::size_t kMaxNameLength = 200;

bool is_space(char c) noexcept { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool plausible_domain(std::string_view domain) {
    return domain.find('.') != std::string_view::npos && domain.front() != '.' &&
           domain.back() != '.' && domain.front() != '-' &&
           domain.find("..") == std::string_view::npos;
}

// "6 pm", "9 am on Sunday 2 June" for another day, "6 pm on Court 2" for the wanted time on
// another resource than the one the caller named.
std::string alternative_phrase(const Facility& facility, const SlotOption& option,
                               LocalDate wanted_date, bool named) {
    const auto local = facility.time_zone.to_local(option.start);
    std::string phrase = spoken_time(local.time);
    if (local.date != wanted_date) return phrase + " on " + spoken_date(local.date);
    if (named && !option.free_resource_ids.empty()) {
        const auto* resource = facility.find_resource(option.free_resource_ids.front());
        if (resource != nullptr) phrase += " on " + resource->name;
    }
    return phrase;
}

// The wanted time on other eligible resources, when the caller named taken ones (it is the
// answer they want first, and nearest_alternatives never offers the wanted start itself).
std::optional<SlotOption> same_time_elsewhere(const Facility& facility, const SlotRequest& wanted,
                                              std::span<const Occupancy> occupied, Instant now) {
    try {
        const auto slot = resolve_slot(facility, wanted, now);
        auto free = free_resources(facility, slot, occupied);
        if (free.size() < static_cast<std::size_t>(slot.number_of_resources)) return std::nullopt;
        return SlotOption{slot.start, slot.end, std::move(free)};
    } catch (const Error&) {
        return std::nullopt;
    }
}

// No two confirmed bookings or holds share a resource and span, so an exact match on both is
// the ignored booking itself.
void drop_spans_of(std::vector<Occupancy>& occupied, const Booking* ignore) {
    if (ignore == nullptr) return;
    std::erase_if(occupied, [ignore](const Occupancy& o) {
        return o.start == ignore->start && o.end == ignore->end &&
               std::find(ignore->resource_ids.begin(), ignore->resource_ids.end(), o.resource_id) !=
                   ignore->resource_ids.end();
    });
}

// Named resources widen to any eligible ones, so "court 3 is taken at 6, court 2 is free" can
// be offered.
std::vector<SlotOption> find_alternatives(const Facility& facility, BookingStore& store,
                                          SlotRequest wanted, Instant now, std::size_t limit,
                                          const Booking* ignore) {
    const bool named = !wanted.resource_ids.empty();
    if (named) {
        wanted.number_of_resources = static_cast<int>(wanted.resource_ids.size());
        wanted.resource_ids.clear();
    }
    const auto today = facility.time_zone.today(now);
    const auto horizon = add_days(today, facility.rules.maximum_days_ahead);
    const auto span = day_span(facility, wanted.date, std::max(wanted.date, horizon));
    const auto buffer = buffer_of(facility);
    auto occupied = store.occupancy(facility.id, span.from - buffer, span.to + buffer, now);
    drop_spans_of(occupied, ignore);
    std::vector<SlotOption> options;
    if (named && limit > 0) {
        if (auto same_time = same_time_elsewhere(facility, wanted, occupied, now)) {
            options.push_back(std::move(*same_time));
        }
    }
    auto nearest = nearest_alternatives(facility, wanted, occupied, now, limit - options.size());
    options.insert(options.end(), std::make_move_iterator(nearest.begin()),
                   std::make_move_iterator(nearest.end()));
    return options;
}

}  // namespace

std::string trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return std::string{text};
}

std::optional<std::string> normalise_phone(std::string_view phone) {
    std::string digits;
    bool plus = false;  // allowed once, before any digit: "+91 …", "(+91) …"
    for (const char c : phone) {
        if (is_digit(c)) {
            digits += c;
        } else if (c == '+' && !plus && digits.empty()) {
            plus = true;
        } else if (std::string_view{" .-()"}.find(c) == std::string_view::npos) {
            return std::nullopt;
        }
    }
    if (digits.size() < kMinPhoneDigits || digits.size() > kMaxPhoneDigits) return std::nullopt;
    return plus ? "+" + digits : digits;
}

bool plausible_email(std::string_view email) {
    if (email.size() > kMaxEmailLength) return false;
    if (std::any_of(email.begin(), email.end(), [](char c) {
            return is_space(c) || std::iscntrl(static_cast<unsigned char>(c)) != 0;
        })) {
        return false;
    }
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 ||
        email.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const auto domain = email.substr(at + 1);
    return !domain.empty() && plausible_domain(domain);
}

Contact checked_contact(const Contact& given) {
    Contact contact{trimmed(given.name), trimmed(given.phone), trimmed(given.email)};
    if (contact.name.empty() || (contact.phone.empty() && contact.email.empty())) {
        throw InvalidArgument("CONTACT_REQUIRED",
                              "I need a name and a phone number or email address for the booking.");
    }
    if (contact.name.size() > kMaxNameLength) {
        throw InvalidArgument("INVALID_NAME", "That name is too long; a shorter one will do.");
    }
    if (!contact.email.empty() && !plausible_email(contact.email)) {
        throw InvalidArgument("INVALID_EMAIL",
                              "That email address doesn't look right. Could you spell it again?");
    }
    if (!contact.phone.empty()) {
        auto phone = normalise_phone(contact.phone);
        if (!phone) {
            throw InvalidArgument("INVALID_PHONE",
                                  "That phone number doesn't look right. Could you say it again, "
                                  "with the country code?");
        }
        contact.phone = std::move(*phone);
    }
    return contact;
}

void check_notes(std::string_view notes) {
    if (notes.size() > kMaxNotesLength) {
        throw InvalidArgument(
            "NOTES_TOO_LONG",
            "Notes can be at most " + std::to_string(kMaxNotesLength) + " characters long.");
    }
}

std::optional<std::string> service_id_of(const ResolvedSlot& slot) {
    if (slot.service == nullptr) return std::nullopt;
    return slot.service->id;
}

std::chrono::minutes buffer_of(const Facility& facility) {
    return std::chrono::minutes{facility.rules.buffer_minutes};
}

std::vector<Occupancy> occupancy_around(BookingStore& store, const Facility& facility,
                                        const ResolvedSlot& slot, Instant now,
                                        const Booking* ignore) {
    const auto buffer = buffer_of(facility);
    auto occupied = store.occupancy(facility.id, slot.start - buffer, slot.end + buffer, now);
    drop_spans_of(occupied, ignore);
    return occupied;
}

std::optional<std::vector<std::string>> pick_resources(const Facility& facility,
                                                       const ResolvedSlot& slot,
                                                       std::span<const Occupancy> occupied,
                                                       std::span<const std::string> preferred) {
    auto free = free_resources(facility, slot, occupied);
    const auto count = static_cast<std::size_t>(slot.number_of_resources);
    const auto is_free = [&free](const std::string& id) {
        return std::find(free.begin(), free.end(), id) != free.end();
    };
    if (preferred.size() == count && std::all_of(preferred.begin(), preferred.end(), is_free)) {
        return std::vector<std::string>(preferred.begin(), preferred.end());
    }
    if (free.size() < count) return std::nullopt;
    free.resize(count);
    return free;
}

SlotRequest request_like(const Facility& facility, Instant start, Instant end,
                         const std::optional<std::string>& service_id, std::size_t count) {
    const auto local = facility.time_zone.to_local(start);
    SlotRequest request;
    request.date = local.date;
    request.start_time = local.time;
    request.duration_minutes =
        service_id ? 0
                   : static_cast<int>(
                         std::chrono::duration_cast<std::chrono::minutes>(end - start).count());
    request.service_id = service_id;
    request.number_of_resources = static_cast<int>(count);
    return request;
}

SlotUnavailable slot_unavailable(const Facility& facility, BookingStore& store, SlotRequest wanted,
                                 Instant now, std::size_t limit, const Booking* ignore) {
    const bool named = !wanted.resource_ids.empty();
    std::vector<SlotOption> alternatives;
    try {
        alternatives = find_alternatives(facility, store, wanted, now, limit, ignore);
    } catch (const Error&) {
        // Alternatives are a courtesy: failing to find them must not hide the conflict.
    }
    std::string message = "Sorry, that time is already taken.";
    if (alternatives.empty()) {
        message += " I couldn't find another free time soon.";
    } else {
        std::vector<std::string> phrases;
        for (const auto& option : alternatives) {
            phrases.push_back(alternative_phrase(facility, option, wanted.date, named));
        }
        message +=
            phrases.size() == 1 ? " The nearest free time is " : " The nearest free times are ";
        message += spoken_list(phrases) + ".";
    }
    return SlotUnavailable{message, std::move(alternatives)};
}

void check_change_notice(const Facility* facility, Instant start, Instant now, const char* code,
                         std::string_view verb) {
    const int notice = facility != nullptr ? facility->rules.cancellation_notice_minutes : 0;
    if (now <= start - std::chrono::minutes{notice}) return;
    if (notice == 0 || now >= start) {
        throw InvalidArgument(code, "This booking has already started, so it can no longer be " +
                                        std::string{verb} + ".");
    }
    throw InvalidArgument(code, "Bookings can be " + std::string{verb} + " up to " +
                                    spoken_duration(notice) +
                                    " before they start, so it's too late for this one. Please "
                                    "call the facility if you need help.");
}

NotFound booking_not_found() {
    return NotFound{"BOOKING_NOT_FOUND", "I couldn't find a booking with that reference."};
}

NotFound quote_not_found() {
    return NotFound{
        "QUOTE_NOT_FOUND",
        "I couldn't find that quote. Please ask for a new quote for the time you want."};
}

Conflict booking_cancelled() {
    return Conflict{
        "BOOKING_CANCELLED",
        "That booking was cancelled, so it can't be changed. Please make a new booking."};
}

InternalError unexpected_outcome(std::string_view operation) {
    return InternalError{"STORE_ERROR", "The booking system gave an unexpected answer while " +
                                            std::string{operation} + "."};
}

}  // namespace frontdesk::booking::detail
