// Resources (courts, stylists, rooms) and services of a facility file.
#include <algorithm>

#include "booking/facility_parse.hpp"

namespace frontdesk::booking::config {
namespace {

constexpr int kMaxResources = 500;
constexpr int kMaxServiceMinutes = 24 * 60;

std::string capitalized(std::string text) {
    if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') {
        text.front() = static_cast<char>(text.front() - 'a' + 'A');
    }
    return text;
}

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}

Resource parse_resource(const Node& node, int number, const Facility& facility) {
    node.expect_keys({"id", "name", "calendar_id"});
    Resource resource;
    resource.id = node.at("id").id();
    resource.number = number;
    resource.name = node.has("name") ? node.at("name").text() : resource.id;
    if (const auto calendar = node.find("calendar_id")) resource.calendar_id = calendar->text();
    for (const auto& other : facility.resources) {
        if (other.id == resource.id) node.at("id").fail("'" + resource.id + "' is used twice");
        if (same_name(other.name, resource.name)) {
            node.at(node.has("name") ? "name" : "id")
                .fail("'" + resource.name + "' is used twice (callers ask by name)");
        }
    }
    return resource;
}

void parse_named_resources(const Node& list, Facility& facility) {
    const auto items = list.items();
    if (items.empty()) list.fail("must list at least one resource");
    int number = 0;
    for (const auto& item : items) {
        facility.resources.push_back(parse_resource(item, ++number, facility));
    }
}

void parse_counted_resources(const Node& count_node, Facility& facility) {
    const int count = count_node.integer(1, kMaxResources);
    const auto label = capitalized(facility.resource_kind);
    for (int number = 1; number <= count; ++number) {
        facility.resources.push_back(
            Resource{std::to_string(number), label + " " + std::to_string(number), number, {}});
    }
}

std::string known_resource_ids(const Facility& facility) {
    std::string out;
    for (const auto& resource : facility.resources) {
        out += (out.empty() ? "" : ", ") + resource.id;
    }
    return out;
}

Service parse_service(const Node& node, const Facility& facility) {
    node.expect_keys({"id", "name", "description", "duration_minutes", "price", "resource_ids"});
    Service service;
    service.id = node.at("id").id();
    service.name = node.at("name").text();
    if (const auto text = node.find("description")) service.description = text->text();
    service.duration_minutes = node.at("duration_minutes").integer(1, kMaxServiceMinutes);
    service.price = node.at("price").money(facility.currency_minor_digits);
    if (const auto ids = node.find("resource_ids")) {
        for (const auto& item : ids->items()) {
            auto id = item.id();
            const bool known = std::any_of(facility.resources.begin(), facility.resources.end(),
                                           [&id](const Resource& r) { return r.id == id; });
            if (!known) {
                item.fail("unknown resource '" + id + "' (known: " + known_resource_ids(facility) +
                          ")");
            }
            service.resource_ids.push_back(std::move(id));
        }
    }
    return service;
}

void parse_services(const Node& root, Facility& facility) {
    const auto list = root.find("services");
    if (!list) return;
    for (const auto& item : list->items()) {
        auto service = parse_service(item, facility);
        if (facility.find_service(service.id) != nullptr) {
            item.at("id").fail("'" + service.id + "' is used twice");
        }
        facility.services.push_back(std::move(service));
    }
}

}  // namespace

void parse_resources(const Node& root, Facility& facility) {
    facility.resource_kind = kDefaultResourceKind;
    if (const auto kind = root.find("resource_kind")) facility.resource_kind = kind->text();
    const auto named = root.find("resources");
    const auto count = root.find("number_of_courts");
    if (named) {
        parse_named_resources(*named, facility);
    } else if (count) {
        parse_counted_resources(*count, facility);
    } else {
        root.fail_at("number_of_courts", "is required (or list \"resources\")");
    }
    if (named && count &&
        count->integer(1, kMaxResources) != static_cast<int>(facility.resources.size())) {
        count->fail("says " + count->json().dump() + " but \"resources\" lists " +
                    std::to_string(facility.resources.size()));
    }
    parse_services(root, facility);
}

}  // namespace frontdesk::booking::config
