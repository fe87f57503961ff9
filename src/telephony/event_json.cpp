#include "telephony/event_json.hpp"

#include <charconv>
#include <limits>

namespace frontdesk::telephony::detail {

const nlohmann::json* member(const nlohmann::json& object, Names names) noexcept {
    if (!object.is_object()) return nullptr;
    for (const auto name : names) {
        const auto it = object.find(name);
        if (it != object.end() && !it->is_null()) return &*it;
    }
    return nullptr;
}

std::optional<std::string> string_member(const nlohmann::json& object, Names names) {
    const auto* value = member(object, names);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->get_ref<const std::string&>();
}

std::optional<std::int64_t> integer_member(const nlohmann::json& object, Names names) noexcept {
    const auto* value = member(object, names);
    if (value == nullptr) return std::nullopt;
    if (value->is_number_integer()) return value->get<std::int64_t>();
    if (value->is_number_unsigned()) {
        const auto raw = value->get<std::uint64_t>();
        if (raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(raw);
    }
    if (!value->is_string()) return std::nullopt;
    const auto& text = value->get_ref<const std::string&>();
    std::int64_t parsed = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, parsed);
    if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
    return parsed;
}

std::map<std::string, std::string> string_map_member(const nlohmann::json& object, Names names) {
    std::map<std::string, std::string> out;
    const auto* value = member(object, names);
    if (value == nullptr || !value->is_object()) return out;
    for (const auto& [key, item] : value->items()) {
        out.emplace(key, item.is_string() ? item.get_ref<const std::string&>()
                                          : item.dump(-1, ' ', false,
                                                      nlohmann::json::error_handler_t::replace));
    }
    return out;
}

std::string json_quote(std::string_view value) {
    return nlohmann::json(std::string{value})
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace frontdesk::telephony::detail
