#include "core/phone.hpp"

#include <algorithm>

namespace frontdesk {
namespace {

// National significant numbers are at least this long in every plan we serve (US 10, IN 10).
constexpr std::size_t kMinNationalDigits = 10;
constexpr std::size_t kLoggedDigits = 4;

}  // namespace

std::string digits_only(std::string_view number) {
    std::string digits;
    for (char c : number) {
        if (c >= '0' && c <= '9') digits += c;
    }
    return digits;
}

bool same_phone_number(std::string_view a, std::string_view b) {
    const auto da = digits_only(a);
    const auto db = digits_only(b);
    if (da.empty() || db.empty()) return false;
    if (da == db) return true;
    const auto& shorter = da.size() < db.size() ? da : db;
    const auto& longer = da.size() < db.size() ? db : da;
    // A national number without its country code ("09800000001" or "9800000001").
    const auto national = shorter.substr(
        shorter.find_first_not_of('0') == std::string::npos ? 0 : shorter.find_first_not_of('0'));
    return national.size() >= kMinNationalDigits &&
           longer.compare(longer.size() - national.size(), national.size(), national) == 0;
}

std::string redact_phone(std::string_view number) {
    const auto digits = digits_only(number);
    if (digits.size() <= kLoggedDigits) return "…";
    return "…" + digits.substr(digits.size() - kLoggedDigits);
}

}  // namespace frontdesk
