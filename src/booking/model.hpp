#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/money.hpp"
#include "core/clock.hpp"

namespace frontdesk::booking {

/// Who the booking is for. A name plus an email or a phone number is required.
struct Contact {
    std::string name;
    std::string phone;  // E.164 when known ("+919876543210")
    std::string email;
};

/// One line of a price breakdown, e.g. "Court 1, Sat 18:00-20:00, 2 h at 300.00/h".
struct PriceLine {
    std::string description;
    std::string resource_id;  // empty for lines not tied to a resource
    Money amount = 0;
};

struct Price {
    Money total = 0;
    std::string currency;
    std::vector<PriceLine> lines;
};

enum class QuoteStatus { kOpen, kConfirmed, kReleased };
enum class BookingStatus { kConfirmed, kCancelled };

/// A validated, priced offer that holds its resources until `expires_at` (when the facility's
/// rules say quotes hold) and becomes a Booking on confirm.
struct Quote {
    std::string id;
    std::string facility_id;
    std::vector<std::string> resource_ids;
    std::optional<std::string> service_id;
    Instant start;
    Instant end;
    Contact customer;
    Price price;
    std::string source;  // "api", "owner", "voice", "chat"
    std::string notes;
    bool holds_slot = true;
    Instant created_at;
    Instant expires_at;
    QuoteStatus status = QuoteStatus::kOpen;
    std::optional<std::string> booking_id;  // set once confirmed
};

struct Booking {
    std::string id;
    std::string facility_id;
    std::vector<std::string> resource_ids;
    std::optional<std::string> service_id;
    Instant start;
    Instant end;
    Contact customer;
    Price price;
    BookingStatus status = BookingStatus::kConfirmed;
    std::string source;
    std::string notes;
    std::optional<std::string> quote_id;
    Instant created_at;
    Instant updated_at;
    std::optional<Instant> cancelled_at;
};

/// Time a resource is taken: a confirmed booking or a live hold (later: a calendar block).
/// An empty resource_id blocks every resource of the facility.
struct Occupancy {
    std::string resource_id;
    Instant start;
    Instant end;
};

[[nodiscard]] std::string_view to_string(BookingStatus status) noexcept;
[[nodiscard]] std::optional<BookingStatus> parse_booking_status(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(QuoteStatus status) noexcept;
[[nodiscard]] std::optional<QuoteStatus> parse_quote_status(std::string_view text) noexcept;

}  // namespace frontdesk::booking
