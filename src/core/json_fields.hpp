#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/local_time.hpp"

namespace frontdesk {

/// Typed readers for fields of JSON objects that came from outside (HTTP bodies, tool-call
/// arguments). A missing required field is InvalidArgument MISSING_FIELD, a field of the wrong
/// type INVALID_FIELD; each message names the field. `null` counts as missing.
[[nodiscard]] std::string required_string(const nlohmann::json& object, std::string_view field);
[[nodiscard]] std::optional<std::string> optional_string(const nlohmann::json& object,
                                                         std::string_view field);
[[nodiscard]] std::optional<int> optional_int(const nlohmann::json& object, std::string_view field,
                                              int min, int max);
/// An array of strings; integers are accepted and turned into strings (court numbers).
[[nodiscard]] std::vector<std::string> optional_string_list(const nlohmann::json& object,
                                                            std::string_view field);

/// "YYYY-MM-DD" / "HH:MM" from a field, else INVALID_DATE / INVALID_TIME naming the field and
/// the expected format.
[[nodiscard]] LocalDate parse_date_field(std::string_view field, const std::string& text);
[[nodiscard]] TimeOfDay parse_time_field(std::string_view field, const std::string& text);

}  // namespace frontdesk
