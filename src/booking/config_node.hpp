#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/money.hpp"
#include "core/local_time.hpp"

// Internal to the facility loader: typed, path-aware access to one facility's JSON.
namespace frontdesk::booking::config {

/// Insertion-ordered so facilities and rentals keep the order the file gives them.
using Json = nlohmann::ordered_json;

/// Where the values being read came from; names the file and facility in every error.
struct Origin {
    std::string file;
    std::string facility;  // empty until the facility's id is known
};

/// A JSON value plus its path ("booking_rules.minimum_duration", "services[2].price").
/// Every accessor checks the type and throws FacilityConfigError naming file, facility and path.
/// Borrows the JSON document and the origin; the loader keeps both alive while it parses.
class Node {
public:
    Node(const Json& value, std::string path, const Origin& origin)
        : value_(&value), path_(std::move(path)), origin_(&origin) {}

    [[nodiscard]] const Json& json() const noexcept { return *value_; }
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[noreturn]] void fail(std::string_view problem) const;
    /// Fails naming the member `key`, which need not exist ("booking_rules.pricing: is required").
    [[noreturn]] void fail_at(std::string_view key, std::string_view problem) const;

    [[nodiscard]] bool has(std::string_view key) const;
    [[nodiscard]] std::optional<Node> find(std::string_view key) const;
    [[nodiscard]] Node at(std::string_view key) const;           // "is required" when absent
    [[nodiscard]] Node at_or_empty(std::string_view key) const;  // an empty object when absent
    [[nodiscard]] std::vector<Node> items() const;               // the elements of an array
    [[nodiscard]] std::vector<std::pair<std::string, Node>> members() const;
    /// Fails on a key not in `known`; keys starting with '_' are comments and always allowed.
    void expect_keys(std::initializer_list<std::string_view> known) const;

    [[nodiscard]] std::string text() const;  // a non-empty string
    [[nodiscard]] std::string id() const;    // a string or whole number, as text
    [[nodiscard]] int integer(int min, int max) const;
    [[nodiscard]] bool boolean() const;
    [[nodiscard]] Money money(int minor_digits) const;  // major units in, minor units out, ≥ 0
    [[nodiscard]] TimeOfDay time_of_day() const;
    [[nodiscard]] LocalDate date() const;
    [[nodiscard]] unsigned weekday() const;  // "monday"/"mon" → weekday_index (0 = Sunday)
    [[nodiscard]] std::vector<std::string> texts() const;  // an array of non-empty strings

private:
    [[nodiscard]] const Json& object() const;
    [[nodiscard]] std::string child_path(std::string_view key) const;

    const Json* value_;
    std::string path_;
    const Origin* origin_;
};

/// "<file>: facility '<id>': <path>: <problem>", omitting the parts that are empty.
[[nodiscard]] std::string describe(const Origin& origin, std::string_view path,
                                   std::string_view problem);

/// Weekday index (0 = Sunday) of "monday", "Mon", …; nullopt for anything else.
[[nodiscard]] std::optional<unsigned> parse_weekday(std::string_view name);

}  // namespace frontdesk::booking::config
