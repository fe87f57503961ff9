#include "booking/config_node.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "booking/facility_directory.hpp"

namespace frontdesk::booking::config {
namespace {

constexpr std::array<std::string_view, 7> kWeekdayNames{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
constexpr std::size_t kWeekdayAbbreviation = 3;

std::string lower(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::string type_name(const Json& value) {
    if (value.is_number_integer()) return "a whole number";
    if (value.is_number()) return "a number";
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "true/false";
    if (value.is_array()) return "a list";
    if (value.is_object()) return "an object";
    return "null";
}

}  // namespace

std::string describe(const Origin& origin, std::string_view path, std::string_view problem) {
    std::string message = origin.file;
    if (!origin.facility.empty()) message += ": facility '" + origin.facility + "'";
    if (!path.empty()) message += ": " + std::string{path};
    message += ": ";
    message += problem;
    return message;
}

std::optional<unsigned> parse_weekday(std::string_view name) {
    const std::string wanted = lower(name);
    for (std::size_t i = 0; i < kWeekdayNames.size(); ++i) {
        if (wanted == kWeekdayNames[i] ||
            wanted == kWeekdayNames[i].substr(0, kWeekdayAbbreviation)) {
            return static_cast<unsigned>(i);
        }
    }
    return std::nullopt;
}

void Node::fail(std::string_view problem) const {
    throw FacilityConfigError(describe(*origin_, path_, problem));
}

const Json& Node::object() const {
    if (!value_->is_object()) fail("must be an object, not " + type_name(*value_));
    return *value_;
}

std::string Node::child_path(std::string_view key) const {
    return path_.empty() ? std::string{key} : path_ + "." + std::string{key};
}

bool Node::has(std::string_view key) const { return object().contains(key); }

std::optional<Node> Node::find(std::string_view key) const {
    const auto& members = object();
    const auto it = members.find(key);
    if (it == members.end()) return std::nullopt;
    return Node{*it, child_path(key), *origin_};
}

void Node::fail_at(std::string_view key, std::string_view problem) const {
    throw FacilityConfigError(describe(*origin_, child_path(key), problem));
}

Node Node::at(std::string_view key) const {
    auto child = find(key);
    if (!child) fail_at(key, "is required");
    return *child;
}

Node Node::at_or_empty(std::string_view key) const {
    static const Json kEmptyObject = Json::object();
    auto child = find(key);
    return child ? *child : Node{kEmptyObject, child_path(key), *origin_};
}

std::vector<Node> Node::items() const {
    if (!value_->is_array()) fail("must be a list, not " + type_name(*value_));
    std::vector<Node> out;
    out.reserve(value_->size());
    for (std::size_t i = 0; i < value_->size(); ++i) {
        out.emplace_back((*value_)[i], path_ + "[" + std::to_string(i) + "]", *origin_);
    }
    return out;
}

std::vector<std::pair<std::string, Node>> Node::members() const {
    std::vector<std::pair<std::string, Node>> out;
    for (const auto& [key, value] : object().items()) {
        out.emplace_back(key, Node{value, child_path(key), *origin_});
    }
    return out;
}

void Node::expect_keys(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : object().items()) {
        if (key.starts_with('_') || std::find(known.begin(), known.end(), key) != known.end()) {
            continue;
        }
        Node{value, child_path(key), *origin_}.fail(
            "unknown field (a typo? fields starting with '_' are ignored as comments)");
    }
}

std::string Node::text() const {
    if (!value_->is_string()) fail("must be a string, not " + type_name(*value_));
    const auto& text = value_->get_ref<const std::string&>();
    if (text.empty()) fail("must not be empty");
    return text;
}

std::string Node::id() const {
    if (value_->is_number_unsigned()) return std::to_string(value_->get<std::uint64_t>());
    if (!value_->is_string()) fail("must be a string or a whole number, not " + type_name(*value_));
    return text();
}

int Node::integer(int min, int max) const {
    if (!value_->is_number_integer()) fail("must be a whole number, not " + type_name(*value_));
    const auto value = value_->get<std::int64_t>();
    if (value < min || value > max) {
        fail("must be between " + std::to_string(min) + " and " + std::to_string(max) + ", not " +
             std::to_string(value));
    }
    return static_cast<int>(value);
}

bool Node::boolean() const {
    if (!value_->is_boolean()) fail("must be true or false, not " + type_name(*value_));
    return value_->get<bool>();
}

Money Node::money(int minor_digits) const {
    std::string decimal;
    if (value_->is_number()) {
        // dump() gives the shortest text that round-trips (35.5 → "35.5"), parsed exactly below.
        decimal = value_->dump();
    } else if (value_->is_string()) {
        decimal = value_->get<std::string>();
    } else {
        fail("must be an amount such as 35 or \"35.50\", not " + type_name(*value_));
    }
    const auto amount = parse_money(decimal, minor_digits);
    if (!amount) {
        fail("'" + decimal + "' is not an amount in major units with at most " +
             std::to_string(minor_digits) + " decimal places");
    }
    if (*amount < 0) fail("must not be negative");
    return *amount;
}

TimeOfDay Node::time_of_day() const {
    const auto time =
        value_->is_string() ? parse_time_of_day(value_->get<std::string>()) : std::nullopt;
    if (!time) fail("must be a time \"HH:MM\" between 00:00 and 24:00, not " + value_->dump());
    return *time;
}

LocalDate Node::date() const {
    const auto date = value_->is_string() ? parse_date(value_->get<std::string>()) : std::nullopt;
    if (!date) fail("must be a date \"YYYY-MM-DD\", not " + value_->dump());
    return *date;
}

unsigned Node::weekday() const {
    const auto day = value_->is_string() ? parse_weekday(value_->get<std::string>()) : std::nullopt;
    if (!day) fail("must be a weekday name such as \"monday\", not " + value_->dump());
    return *day;
}

std::vector<std::string> Node::texts() const {
    std::vector<std::string> out;
    for (const auto& item : items()) out.push_back(item.text());
    return out;
}

}  // namespace frontdesk::booking::config
