#include "booking/sqlite_codec.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace frontdesk::booking::sqlite {
namespace {

[[noreturn]] void corrupt(std::string_view what) {
    throw InternalError(
        "STORE_ERROR",
        "The booking database holds a value this build cannot read (" + std::string{what} + ").");
}

}  // namespace

std::string_view column_text(BookingStatus status) noexcept {
    switch (status) {
        case BookingStatus::kConfirmed:
            return "confirmed";
        case BookingStatus::kCancelled:
            return "cancelled";
    }
    return "confirmed";
}

BookingStatus booking_status_from_column(std::string_view text) {
    if (text == "confirmed") return BookingStatus::kConfirmed;
    if (text == "cancelled") return BookingStatus::kCancelled;
    corrupt("booking status");
}

std::string_view column_text(QuoteStatus status) noexcept {
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

QuoteStatus quote_status_from_column(std::string_view text) {
    if (text == "open") return QuoteStatus::kOpen;
    if (text == "confirmed") return QuoteStatus::kConfirmed;
    if (text == "released") return QuoteStatus::kReleased;
    corrupt("quote status");
}

std::string encode_price_lines(const std::vector<PriceLine>& lines) {
    auto array = nlohmann::json::array();
    for (const PriceLine& line : lines) {
        array.push_back({{"description", line.description},
                         {"resource_id", line.resource_id},
                         {"amount", line.amount}});
    }
    return array.dump();
}

std::vector<PriceLine> decode_price_lines(std::string_view json_text) {
    const auto array = nlohmann::json::parse(json_text, nullptr, false);
    if (array.is_discarded() || !array.is_array()) corrupt("price lines");
    std::vector<PriceLine> lines;
    lines.reserve(array.size());
    for (const auto& item : array) {
        if (!item.is_object()) corrupt("price line");
        const auto description = item.find("description");
        const auto resource_id = item.find("resource_id");
        const auto amount = item.find("amount");
        if (description == item.end() || !description->is_string() || resource_id == item.end() ||
            !resource_id->is_string() || amount == item.end() || !amount->is_number_integer()) {
            corrupt("price line");
        }
        lines.push_back(PriceLine{description->get<std::string>(), resource_id->get<std::string>(),
                                  amount->get<Money>()});
    }
    return lines;
}

}  // namespace frontdesk::booking::sqlite
