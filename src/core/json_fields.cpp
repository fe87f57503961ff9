#include "core/json_fields.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace frontdesk {
namespace {

const nlohmann::json* field_of(const nlohmann::json& body, std::string_view field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return nullptr;
    return &*it;
}

[[noreturn]] void invalid_field(std::string_view field, std::string_view expected) {
    throw InvalidArgument("INVALID_FIELD", "Field '" + std::string{field} + "' must be " +
                                               std::string{expected} + ".");
}

}  // namespace

std::string required_string(const nlohmann::json& body, std::string_view field) {
    auto value = optional_string(body, field);
    if (!value || value->empty()) {
        throw InvalidArgument("MISSING_FIELD", "Field '" + std::string{field} + "' is required.");
    }
    return *value;
}

std::optional<std::string> optional_string(const nlohmann::json& body, std::string_view field) {
    const auto* value = field_of(body, field);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) invalid_field(field, "a string");
    return value->get<std::string>();
}

std::optional<int> optional_int(const nlohmann::json& body, std::string_view field, int min,
                                int max) {
    const auto* value = field_of(body, field);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer()) invalid_field(field, "a whole number");
    const auto number = value->get<std::int64_t>();
    if (number < min || number > max) {
        invalid_field(field, "from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return static_cast<int>(number);
}

std::vector<std::string> optional_string_list(const nlohmann::json& body, std::string_view field) {
    const auto* value = field_of(body, field);
    if (value == nullptr) return {};
    if (!value->is_array()) invalid_field(field, "an array of strings");
    std::vector<std::string> items;
    for (const auto& item : *value) {
        if (item.is_string()) {
            items.push_back(item.get<std::string>());
        } else if (item.is_number_integer()) {
            items.push_back(std::to_string(item.get<std::int64_t>()));  // court numbers
        } else {
            invalid_field(field, "an array of strings");
        }
    }
    return items;
}

LocalDate parse_date_field(std::string_view field, const std::string& text) {
    auto date = parse_date(text);
    if (!date) {
        throw InvalidArgument("INVALID_DATE", "'" + text + "' is not a valid date for '" +
                                                  std::string{field} + "'; use YYYY-MM-DD.");
    }
    return *date;
}

TimeOfDay parse_time_field(std::string_view field, const std::string& text) {
    auto time = parse_time_of_day(text);
    if (!time) {
        throw InvalidArgument("INVALID_TIME", "'" + text + "' is not a valid time for '" +
                                                  std::string{field} + "'; use 24-hour HH:MM.");
    }
    return *time;
}

}  // namespace frontdesk
