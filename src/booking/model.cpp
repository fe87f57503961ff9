#include "booking/model.hpp"

namespace frontdesk::booking {

std::string_view to_string(BookingStatus status) noexcept {
    switch (status) {
        case BookingStatus::kConfirmed:
            return "confirmed";
        case BookingStatus::kCancelled:
            return "cancelled";
    }
    return "confirmed";
}

std::optional<BookingStatus> parse_booking_status(std::string_view text) noexcept {
    if (text == "confirmed") return BookingStatus::kConfirmed;
    if (text == "cancelled") return BookingStatus::kCancelled;
    return std::nullopt;
}

std::string_view to_string(QuoteStatus status) noexcept {
    switch (status) {
        case QuoteStatus::kOpen:
            return "open";
        case QuoteStatus::kConfirmed:
            return "confirmed";
        case QuoteStatus::kReleased:
            return "released";
    }
    return "open";
}

std::optional<QuoteStatus> parse_quote_status(std::string_view text) noexcept {
    if (text == "open") return QuoteStatus::kOpen;
    if (text == "confirmed") return QuoteStatus::kConfirmed;
    if (text == "released") return QuoteStatus::kReleased;
    return std::nullopt;
}

}  // namespace frontdesk::booking
