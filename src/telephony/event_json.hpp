#pragma once
// Internal to telephony: tolerant, non-throwing readers for carrier event JSON. Every reader
// checks types before reading (at(), get<T>() and value() throw) and tries each spelling given.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace frontdesk::telephony::detail {

using Names = std::initializer_list<std::string_view>;

/// The first member of `object` named in `names`, or nullptr (also when `object` is no object).
[[nodiscard]] const nlohmann::json* member(const nlohmann::json& object, Names names) noexcept;

/// A string member, or nullopt when missing or not a string.
[[nodiscard]] std::optional<std::string> string_member(const nlohmann::json& object, Names names);

/// An integer given as a JSON number or a decimal string ("3"), or nullopt.
[[nodiscard]] std::optional<std::int64_t> integer_member(const nlohmann::json& object,
                                                         Names names) noexcept;

/// A flat object of strings; non-string values are kept as their JSON text.
[[nodiscard]] std::map<std::string, std::string> string_map_member(const nlohmann::json& object,
                                                                   Names names);

/// `value` as JSON string text (quoted and escaped), for building outbound frames by hand.
[[nodiscard]] std::string json_quote(std::string_view value);

}  // namespace frontdesk::telephony::detail
