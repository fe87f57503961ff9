// The day-independent half of a request: service, duration and which resources it may take.
#include <algorithm>

#include "booking/slot_rules.hpp"
#include "booking/spoken.hpp"
#include "core/error.hpp"

namespace frontdesk::booking::detail {
namespace {

std::vector<std::string> service_names(const Facility& facility) {
    std::vector<std::string> names;
    for (const auto& service : facility.services) names.push_back(service.name);
    return names;
}

std::vector<std::string> resource_names(const Facility& facility,
                                        const std::vector<std::size_t>& indices) {
    std::vector<std::string> names;
    for (const auto index : indices) names.push_back(facility.resources[index].name);
    return names;
}

const Service* resolve_service(const Facility& facility, const SlotRequest& request) {
    if (request.service_id) {
        if (const auto* service = facility.find_service(*request.service_id)) return service;
        throw NotFound("SERVICE_NOT_FOUND", "We don't offer '" + *request.service_id +
                                                "'. Our services are " +
                                                spoken_list(service_names(facility)) + ".");
    }
    // A facility with services and no hourly rate sells only its services.
    const bool hourly =
        facility.pricing.weekday_per_hour > 0 || facility.pricing.weekend_per_hour > 0;
    if (!facility.services.empty() && !hourly) {
        throw InvalidArgument("SERVICE_REQUIRED", "Which service would you like? We offer " +
                                                      spoken_list(service_names(facility)) + ".");
    }
    return nullptr;
}

int resolve_duration(const Facility& facility, const Service* service, int asked) {
    if (service != nullptr) {
        if (asked != 0 && asked != service->duration_minutes) {
            throw InvalidArgument("INVALID_DURATION",
                                  "A " + service->name + " takes " +
                                      spoken_duration(service->duration_minutes) + ".");
        }
        return service->duration_minutes;
    }
    const auto& rules = facility.rules;
    const int duration = asked == 0 ? rules.minimum_duration_minutes : asked;
    if (duration < 0) {
        throw InvalidArgument("INVALID_DURATION", "A booking needs a positive length.");
    }
    if (duration < rules.minimum_duration_minutes) {
        throw InvalidArgument(
            "INVALID_DURATION",
            "The shortest booking is " + spoken_duration(rules.minimum_duration_minutes) + ".");
    }
    if (duration % rules.duration_multiple_minutes != 0) {
        throw InvalidArgument("INVALID_DURATION",
                              "Bookings go in steps of " +
                                  spoken_duration(rules.duration_multiple_minutes) + ", so " +
                                  spoken_duration(duration) + " isn't possible.");
    }
    if (duration > rules.maximum_duration_minutes) {
        throw InvalidArgument(
            "INVALID_DURATION",
            "The longest booking is " + spoken_duration(rules.maximum_duration_minutes) + ".");
    }
    return duration;
}

std::vector<std::size_t> service_pool(const Facility& facility, const Service* service) {
    std::vector<std::size_t> pool;
    for (std::size_t i = 0; i < facility.resources.size(); ++i) {
        if (service == nullptr || service->resource_ids.empty() ||
            std::find(service->resource_ids.begin(), service->resource_ids.end(),
                      facility.resources[i].id) != service->resource_ids.end()) {
            pool.push_back(i);
        }
    }
    return pool;
}

// The named resources, each checked against the pool, in facility order without repeats.
std::vector<std::size_t> named_resources(const Facility& facility, const Service* service,
                                         const std::vector<std::size_t>& pool,
                                         const std::vector<std::string>& names) {
    std::vector<std::size_t> chosen;
    for (const auto& name : names) {
        const auto* resource = facility.find_resource(name);
        if (resource == nullptr) {
            throw NotFound("RESOURCE_NOT_FOUND",
                           "We don't have a " + facility.resource_kind + " called '" + name +
                               "'. Our " + plural(facility.resource_kind) + " are " +
                               spoken_list(resource_names(facility, pool)) + ".");
        }
        const auto index = static_cast<std::size_t>(resource - facility.resources.data());
        if (std::find(pool.begin(), pool.end(), index) == pool.end()) {
            throw InvalidArgument("RESOURCE_NOT_ELIGIBLE",
                                  resource->name + " doesn't offer " + service->name + "; " +
                                      spoken_list(resource_names(facility, pool)) +
                                      (pool.size() == 1 ? " does." : " do."));
        }
        chosen.push_back(index);
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    return chosen;
}

std::size_t resolve_count(const Facility& facility, const SlotRequest& request,
                          std::size_t available, bool named) {
    const auto kinds = plural(facility.resource_kind);
    if (request.number_of_resources < 1) {
        throw InvalidArgument("INVALID_COURT_COUNT",
                              "Please ask for at least one " + facility.resource_kind + ".");
    }
    const auto wanted = static_cast<std::size_t>(request.number_of_resources);
    if (named) {
        if (wanted != 1 && wanted != available) {
            throw InvalidArgument("INVALID_COURT_COUNT", "You named " + std::to_string(available) +
                                                             " " + kinds + " but asked for " +
                                                             std::to_string(wanted) + ".");
        }
        return available;
    }
    if (wanted > available) {
        throw InvalidArgument("INVALID_COURT_COUNT",
                              "We have " + std::to_string(available) + " " +
                                  (available == 1 ? facility.resource_kind : kinds) +
                                  " for this, so you can book 1 to " + std::to_string(available) +
                                  " at once.");
    }
    return wanted;
}

}  // namespace

RequestShape resolve_shape(const Facility& facility, const SlotRequest& request) {
    RequestShape shape;
    shape.service = resolve_service(facility, request);
    shape.duration_minutes = resolve_duration(facility, shape.service, request.duration_minutes);
    shape.eligible = service_pool(facility, shape.service);
    const bool named = !request.resource_ids.empty();
    if (named) {
        shape.eligible =
            named_resources(facility, shape.service, shape.eligible, request.resource_ids);
    }
    shape.count = resolve_count(facility, request, shape.eligible.size(), named);
    return shape;
}

}  // namespace frontdesk::booking::detail
