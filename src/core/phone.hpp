#pragma once

#include <string>
#include <string_view>

namespace frontdesk {

/// Only the digits of a phone number: "+1 (312) 555-0100" → "13125550100".
[[nodiscard]] std::string digits_only(std::string_view number);

/// Whether two spellings denote the same number. Exact on digits; when one side lacks the
/// country code, its national digits must match the other's last digits (10 or more).
[[nodiscard]] bool same_phone_number(std::string_view a, std::string_view b);

/// "…0100": the last four digits, the only part of a caller's number that may be logged.
[[nodiscard]] std::string redact_phone(std::string_view number);

}  // namespace frontdesk
