#include "booking/facility_parse.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/logging.hpp"

namespace frontdesk::booking::config {
namespace {

constexpr std::size_t kMinPhoneDigits = 7;
constexpr std::size_t kMaxPhoneDigits = 15;  // E.164
constexpr std::size_t kMinApiKeyLength = 16;
constexpr std::size_t kMaxIdLength = 64;

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

std::string parse_id(const Node& root, std::string_view key) {
    if (!root.has("facility_id") && !key.empty()) return std::string{key};
    const auto node = root.at("facility_id");
    auto id = node.text();
    if (id.size() > kMaxIdLength || !std::all_of(id.begin(), id.end(), is_id_char)) {
        node.fail("must be at most 64 letters, digits, '_', '-' or '.' (it appears in URLs)");
    }
    if (!key.empty() && id != key) {
        node.fail("'" + id + "' differs from the key '" + std::string{key} + "' it is filed under");
    }
    return id;
}

void parse_phones(const Node& root, Facility& facility) {
    if (const auto main = root.find("phone_number")) {
        facility.phone_numbers.push_back(normalize_phone(*main));
    }
    if (const auto more = root.find("phone_numbers")) {
        for (const auto& item : more->items()) {
            auto phone = normalize_phone(item);
            if (std::find(facility.phone_numbers.begin(), facility.phone_numbers.end(), phone) !=
                facility.phone_numbers.end()) {
                item.fail("'" + phone + "' is listed twice");
            }
            facility.phone_numbers.push_back(std::move(phone));
        }
    }
    if (facility.phone_numbers.empty()) {
        root.fail_at("phone_number", "is required (the number callers dial)");
    }
}

void parse_locale(const Node& root, Facility& facility) {
    if (const auto zone = root.find("timezone")) {
        try {
            facility.time_zone = TimeZone::locate(zone->text());
        } catch (const InvalidArgument&) {
            zone->fail("unknown time zone '" + zone->text() +
                       "'; use an IANA name such as Asia/Kolkata or America/Chicago");
        }
    } else {
        facility.time_zone = TimeZone::locate(kDefaultTimeZone);
        logger("booking")->warn("facility '{}' has no timezone; its hours are read as UTC",
                                facility.id);
    }
    facility.currency = kDefaultCurrency;
    if (const auto currency = root.find("currency")) {
        facility.currency = currency->text();
    }
    const auto digits = currency_minor_digits(facility.currency);
    if (!digits) root.fail_at("currency", "must be an ISO 4217 code such as INR or USD");
    facility.currency_minor_digits = *digits;
}

void parse_agent(const Node& root, Facility& facility) {
    const auto agent = root.find("agent");
    if (!agent) return;
    agent->expect_keys({"greeting", "instructions", "voice", "transfer_number"});
    if (const auto node = agent->find("greeting")) facility.agent.greeting = node->text();
    if (const auto node = agent->find("instructions")) facility.agent.instructions = node->text();
    if (const auto node = agent->find("voice")) facility.agent.voice = node->text();
    if (const auto node = agent->find("transfer_number")) {
        facility.agent.transfer_number = normalize_phone(*node);
    }
}

void parse_api_key(const Node& root, Facility& facility) {
    const auto node = root.find("api_key");
    if (!node) return;
    auto key = node->text();
    if (key.size() < kMinApiKeyLength) node->fail("must be at least 16 characters long");
    facility.api_key = Secret{std::move(key)};
}

}  // namespace

std::string normalize_phone(const Node& node) {
    const auto text = node.text();
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') continue;
        out.push_back(c);
    }
    const auto digits = out.size() - 1;
    const bool valid =
        out.size() > 1 && out.front() == '+' && digits >= kMinPhoneDigits &&
        digits <= kMaxPhoneDigits &&
        std::all_of(out.begin() + 1, out.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!valid) node.fail("'" + text + "' is not an international number such as +919876543210");
    return out;
}

Facility parse_facility(const Json& value, std::string_view key, Origin& origin) {
    const Node root{value, "", origin};
    Facility facility;
    facility.id = parse_id(root, key);
    origin.facility = facility.id;
    root.expect_keys({"facility_id",      "facility_name", "phone_number", "phone_numbers",
                      "number_of_courts", "open_time",     "close_time",   "hours",
                      "breaks",           "closed_dates",  "timezone",     "currency",
                      "resources",        "resource_kind", "services",     "booking_rules",
                      "pricing",          "rentals",       "coaching",     "agent",
                      "api_key",          "calendar_id"});
    facility.name = root.at("facility_name").text();
    parse_phones(root, facility);
    parse_locale(root, facility);
    parse_schedule(root, facility);
    parse_resources(root, facility);
    parse_booking_rules(root, facility);
    parse_prices(root, facility);
    parse_agent(root, facility);
    parse_api_key(root, facility);
    if (const auto calendar = root.find("calendar_id")) facility.calendar_id = calendar->text();
    return facility;
}

}  // namespace frontdesk::booking::config
