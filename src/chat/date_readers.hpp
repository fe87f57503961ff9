#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "chat/interpretation.hpp"
#include "chat/scan.hpp"

// The forms of a date, each read from free tokens at one position. Used by extract_dates.
namespace frontdesk::chat::detail {

/// One date expression: its date (or a span), a part of the day it implies, the tokens it used.
struct DateRead {
    std::optional<LocalDate> date;  // unset when `invalid`
    std::optional<LocalDate> last;  // the end of a span ("this weekend")
    std::optional<DayPart> part;    // "tonight", "this evening"
    bool invalid = false;           // names a day that does not exist
    std::size_t length = 0;
};

/// A single date, or an invalid one when `date` is unset.
[[nodiscard]] DateRead dated(std::optional<LocalDate> date, std::size_t length) noexcept;

[[nodiscard]] std::optional<unsigned> month_of(std::string_view word) noexcept;
[[nodiscard]] std::optional<unsigned> weekday_of(std::string_view word) noexcept;  // 0 = Sunday
[[nodiscard]] std::optional<int> read_year(const Scan& scan, std::size_t i) noexcept;

// "today", "tonight", "tomorrow", "day after tomorrow", "in 3 days", "same day".
[[nodiscard]] std::optional<DateRead> read_relative(const Scan& scan, std::size_t i,
                                                    const InterpretContext& context) noexcept;
// "this morning", "this afternoon", "this evening".
[[nodiscard]] std::optional<DateRead> read_this_part(const Scan& scan, std::size_t i,
                                                     const InterpretContext& context) noexcept;
// "this weekend", "the weekend", "next weekend".
[[nodiscard]] std::optional<DateRead> read_weekend(const Scan& scan, std::size_t i,
                                                   const InterpretContext& context) noexcept;
// "Saturday", "this Saturday", "next Friday", "last Monday".
[[nodiscard]] std::optional<DateRead> read_weekday(const Scan& scan, std::size_t i,
                                                   const InterpretContext& context) noexcept;
// "2026-11-22".
[[nodiscard]] std::optional<DateRead> read_iso(const Scan& scan, std::size_t i) noexcept;
// "22/11", "22/11/2026", "22/11/26".
[[nodiscard]] std::optional<DateRead> read_slashed(const Scan& scan, std::size_t i,
                                                   const InterpretContext& context) noexcept;

}  // namespace frontdesk::chat::detail
