#include "tools/booking_requests.hpp"

#include "core/json_fields.hpp"

namespace frontdesk::tools {
namespace {

std::vector<std::string> single(std::optional<std::string> value) {
    if (!value || value->empty()) return {};
    return {std::move(*value)};
}

}  // namespace

booking::BookingRequest booking_request_from_json(const nlohmann::json& body,
                                                  const std::string& facility_id,
                                                  std::string source) {
    booking::BookingRequest request;
    request.facility_id = facility_id;
    request.source = std::move(source);
    auto& slot = request.slot;
    slot.date = parse_date_field("date", required_string(body, "date"));
    slot.start_time = parse_time_field("start_time", required_string(body, "start_time"));
    slot.duration_minutes =
        optional_int(body, "duration_minutes", 1, kMaxDurationMinutes).value_or(0);
    slot.service_id = optional_string(body, "service_id");
    slot.resource_ids = optional_string_list(body, "resource_ids");
    if (slot.resource_ids.empty()) slot.resource_ids = optional_string_list(body, "court_numbers");
    if (slot.resource_ids.empty()) slot.resource_ids = single(optional_string(body, "stylist_id"));
    slot.number_of_resources =
        optional_int(body, "number_of_courts", 1, kMaxResourcesPerRequest)
            .value_or(std::max<int>(1, static_cast<int>(slot.resource_ids.size())));
    request.customer.name = optional_string(body, "customer_name").value_or("");
    request.customer.email = optional_string(body, "customer_email").value_or("");
    request.customer.phone = optional_string(body, "customer_phone").value_or("");
    request.notes = optional_string(body, "notes").value_or("");
    return request;
}

}  // namespace frontdesk::tools
