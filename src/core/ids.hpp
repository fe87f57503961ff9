#pragma once

#include <string>
#include <string_view>

namespace frontdesk {

/// A random identifier with a readable prefix, e.g. "bk_3f9c0a6d1e2b4c58a7d9e0f1".
/// 96 bits from the OS CSPRNG: unguessable, so a booking id can be shown to a customer.
/// Any thread.
[[nodiscard]] std::string new_id(std::string_view prefix);

}  // namespace frontdesk
