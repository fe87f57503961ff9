#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "chat/scan.hpp"

namespace frontdesk::chat {

/// A number read from one or more tokens starting at some position.
struct NumberRead {
    int value = 0;
    std::size_t length = 0;  // tokens used
    bool digits = false;     // written with digits ("6"), not words ("six")
};

/// Plain digits, at most 9 of them (so no overflow); nullopt for anything else.
[[nodiscard]] std::optional<int> parse_digits(std::string_view text) noexcept;

/// "0".."999999999" or "zero".."ninety nine" ("twenty two", "twenty-two") from free tokens at
/// `i`. Not a number followed by an ordinal suffix ("22nd"): that is read_ordinal's.
[[nodiscard]] std::optional<NumberRead> read_cardinal(const Scan& scan, std::size_t i) noexcept;

/// "22nd", "3rd", "first", "twenty second", "thirty-first" from free tokens at `i`.
[[nodiscard]] std::optional<NumberRead> read_ordinal(const Scan& scan, std::size_t i) noexcept;

/// "zero"/"oh"/"o" .. "nine": one spoken digit (phone numbers, "six oh five").
[[nodiscard]] std::optional<int> digit_word(std::string_view word) noexcept;

/// "1.5" as hundredths (150); plain digits too ("2" is 200). At most two decimals.
[[nodiscard]] std::optional<int> parse_hundredths(std::string_view text) noexcept;

}  // namespace frontdesk::chat
