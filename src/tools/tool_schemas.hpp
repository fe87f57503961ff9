#pragma once

#include <nlohmann/json.hpp>

namespace frontdesk::tools::schema {

/// Small builders for the JSON Schemas of tool arguments, so each tool reads as a list of fields.
inline nlohmann::json string(const char* description) {
    return {{"type", "string"}, {"description", description}};
}
inline nlohmann::json integer(const char* description, int minimum) {
    return {{"type", "integer"}, {"minimum", minimum}, {"description", description}};
}
inline nlohmann::json string_list(const char* description) {
    return {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", description}};
}
inline nlohmann::json object(nlohmann::json properties, nlohmann::json required) {
    return {{"type", "object"},
            {"properties", std::move(properties)},
            {"required", std::move(required)}};
}

inline nlohmann::json date() { return string("Local date at the facility, YYYY-MM-DD."); }
inline nlohmann::json start_time() { return string("Local start time, HH:MM 24-hour."); }
inline nlohmann::json duration() {
    return integer("Length in minutes; defaults to the service's duration or the minimum.", 1);
}
inline nlohmann::json courts() { return integer("How many courts (resources) at once.", 1); }
inline nlohmann::json booking_id() { return string("The booking id, e.g. bk_…"); }

}  // namespace frontdesk::tools::schema
