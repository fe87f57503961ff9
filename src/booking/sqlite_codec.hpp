#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "booking/model.hpp"

// Private to the booking module: how model values are spelled in SQLite columns. Deliberately
// separate from model.hpp's to_string()/parse_*(): those are the API's words, these are the
// schema's, and a wording change in the API must not silently change what is stored.
namespace frontdesk::booking::sqlite {

[[nodiscard]] std::string_view column_text(BookingStatus status) noexcept;
[[nodiscard]] BookingStatus booking_status_from_column(std::string_view text);
[[nodiscard]] std::string_view column_text(QuoteStatus status) noexcept;
[[nodiscard]] QuoteStatus quote_status_from_column(std::string_view text);

/// Price lines as a JSON array of {"description", "resource_id", "amount"}.
[[nodiscard]] std::string encode_price_lines(const std::vector<PriceLine>& lines);
/// Throws InternalError("STORE_ERROR") for text this build did not write.
[[nodiscard]] std::vector<PriceLine> decode_price_lines(std::string_view json_text);

}  // namespace frontdesk::booking::sqlite
