// Booking rules, hourly prices, rentals and coaching of a facility file.
#include <algorithm>

#include "booking/facility_parse.hpp"

namespace frontdesk::booking::config {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMaxNoticeMinutes = 365 * kMinutesPerDay;
constexpr int kMaxDaysAhead = 730;
constexpr int kMaxAge = 120;
// Defaults when booking_rules leaves them out (docs/facilities.md lists them all).
constexpr int kDefaultMinimumMinutes = 60;
constexpr int kDefaultMaximumMinutes = 240;
constexpr int kFreeStartGranularity = 15;  // fixed_slots: false

int optional_minutes(const Node& rules, std::string_view key, int fallback, int min, int max) {
    const auto node = rules.find(key);
    return node ? node->integer(min, max) : fallback;
}

void check_duration_steps(const Node& rules, BookingRules& out) {
    const int step = out.duration_multiple_minutes;
    if (out.minimum_duration_minutes % step != 0) {
        rules.at("minimum_duration")
            .fail("must be a positive multiple of duration_multiples (" + std::to_string(step) +
                  ")");
    }
    if (const auto max = rules.find("maximum_duration")) {
        if (out.maximum_duration_minutes < out.minimum_duration_minutes ||
            out.maximum_duration_minutes % step != 0) {
            max->fail("must be a multiple of duration_multiples (" + std::to_string(step) +
                      ") and at least minimum_duration (" +
                      std::to_string(out.minimum_duration_minutes) + ")");
        }
    } else {
        // The default cap, rounded down to a whole step but never below the minimum.
        const int cap = std::max(kDefaultMaximumMinutes, out.minimum_duration_minutes);
        out.maximum_duration_minutes = cap - cap % step;
    }
}

std::string rentable_name(std::string key) {
    std::replace(key.begin(), key.end(), '_', ' ');
    if (!key.empty() && key.front() >= 'a' && key.front() <= 'z') {
        key.front() = static_cast<char>(key.front() - 'a' + 'A');
    }
    return key;
}

void parse_rentals(const Node& root, Facility& facility) {
    const auto rentals = root.find("rentals");
    if (!rentals) return;
    for (const auto& [key, node] : rentals->members()) {
        if (key.starts_with('_')) continue;
        PricedItem item{key, rentable_name(key), 0};
        if (node.json().is_object()) {
            node.expect_keys({"name", "price"});
            if (const auto name = node.find("name")) item.name = name->text();
            item.price = node.at("price").money(facility.currency_minor_digits);
        } else {
            item.price = node.money(facility.currency_minor_digits);
        }
        facility.rentals.push_back(std::move(item));
    }
}

void parse_coaching(const Node& root, Facility& facility) {
    const auto coaching = root.find("coaching");
    if (!coaching) return;
    coaching->expect_keys({"available", "fee", "timings", "age_below"});
    auto& out = facility.coaching;
    if (const auto node = coaching->find("available")) out.available = node->boolean();
    if (const auto node = coaching->find("fee"))
        out.fee = node->money(facility.currency_minor_digits);
    if (const auto node = coaching->find("timings")) out.timings = node->texts();
    if (const auto node = coaching->find("age_below")) out.age_below = node->integer(1, kMaxAge);
}

void parse_hourly_pricing(const Node& root, Facility& facility) {
    const auto pricing = root.find("pricing");
    if (!pricing) {
        // Services carry their own prices; a facility booked by the hour needs rates.
        if (facility.services.empty())
            root.fail_at("pricing", "is required (or list \"services\")");
        return;
    }
    pricing->expect_keys({"weekday_per_hour", "weekend_per_hour", "weekend_days"});
    const int digits = facility.currency_minor_digits;
    facility.pricing.weekday_per_hour = pricing->at("weekday_per_hour").money(digits);
    facility.pricing.weekend_per_hour = pricing->has("weekend_per_hour")
                                            ? pricing->at("weekend_per_hour").money(digits)
                                            : facility.pricing.weekday_per_hour;
    if (const auto days = pricing->find("weekend_days")) {
        facility.pricing.weekend_days.clear();
        for (const auto& day : days->items()) facility.pricing.weekend_days.insert(day.weekday());
    }
}

}  // namespace

void parse_booking_rules(const Node& root, Facility& facility) {
    auto& out = facility.rules;
    const Node rules = root.at_or_empty("booking_rules");
    rules.expect_keys({"minimum_duration", "duration_multiples", "fixed_slots", "slot_granularity",
                       "maximum_duration", "minimum_notice_minutes", "maximum_days_ahead",
                       "buffer_minutes", "cancellation_notice_minutes", "quote_holds_slot"});
    out.minimum_duration_minutes =
        optional_minutes(rules, "minimum_duration", kDefaultMinimumMinutes, 1, kMinutesPerDay);
    out.duration_multiple_minutes = optional_minutes(
        rules, "duration_multiples", out.minimum_duration_minutes, 1, kMinutesPerDay);
    out.maximum_duration_minutes =
        optional_minutes(rules, "maximum_duration", kDefaultMaximumMinutes, 1, kMinutesPerDay);
    check_duration_steps(rules, out);
    const bool fixed_slots = rules.has("fixed_slots") ? rules.at("fixed_slots").boolean() : true;
    out.slot_granularity_minutes = optional_minutes(
        rules, "slot_granularity",
        fixed_slots ? out.duration_multiple_minutes : kFreeStartGranularity, 1, kMinutesPerDay);
    out.minimum_notice_minutes =
        optional_minutes(rules, "minimum_notice_minutes", 0, 0, kMaxNoticeMinutes);
    out.maximum_days_ahead =
        optional_minutes(rules, "maximum_days_ahead", out.maximum_days_ahead, 0, kMaxDaysAhead);
    out.buffer_minutes = optional_minutes(rules, "buffer_minutes", 0, 0, kMinutesPerDay);
    out.cancellation_notice_minutes =
        optional_minutes(rules, "cancellation_notice_minutes", 0, 0, kMaxNoticeMinutes);
    if (const auto node = rules.find("quote_holds_slot")) out.quote_holds_slot = node->boolean();
}

void parse_prices(const Node& root, Facility& facility) {
    parse_hourly_pricing(root, facility);
    parse_rentals(root, facility);
    parse_coaching(root, facility);
}

}  // namespace frontdesk::booking::config
