#include "api/auth.hpp"

#include "core/error.hpp"

namespace frontdesk::api {
namespace {

const booking::Facility& facility_for_shared_key(const ApiContext& context,
                                                 const std::optional<std::string>& facility_id) {
    const auto& directory = context.bookings.facilities();
    if (facility_id) return directory.get(*facility_id);
    if (directory.all().size() == 1) return directory.all().front();
    throw InvalidArgument("MISSING_FIELD",
                          "Field 'facility_id' is required: this server books for several "
                          "facilities (see GET /facilities).");
}

}  // namespace

PublicCaller authenticate_public(const net::HttpRequest& request, const ApiContext& context) {
    const auto key = request.header("x-api-key");
    const auto& directory = context.bookings.facilities();
    bool any_key_configured = !context.config.public_api_key.empty();
    for (const auto& facility : directory.all()) {
        any_key_configured = any_key_configured || !facility.api_key.empty();
    }
    if (!any_key_configured) {
        throw Unauthorized("PUBLIC_API_DISABLED",
                           "The public booking API is disabled: set PUBLIC_BOOKING_API_KEY.");
    }
    if (!key || key->empty()) {
        throw Unauthorized("API_KEY_REQUIRED", "Send your API key in the X-API-Key header.");
    }
    // Compare against every key so the time taken does not reveal which facility matched.
    PublicCaller caller;
    for (const auto& facility : directory.all()) {
        if (facility.api_key.matches(*key)) caller.own_facility = &facility;
    }
    const bool shared = context.config.public_api_key.matches(*key);
    if (caller.own_facility == nullptr && !shared) {
        throw Unauthorized("INVALID_API_KEY", "The API key is not valid.");
    }
    return caller;
}

const booking::Facility& facility_for(const PublicCaller& caller, const ApiContext& context,
                                      const std::optional<std::string>& facility_id) {
    if (caller.own_facility == nullptr) return facility_for_shared_key(context, facility_id);
    if (facility_id && *facility_id != caller.own_facility->id) {
        throw Forbidden("FACILITY_MISMATCH",
                        "This API key belongs to another facility than '" + *facility_id + "'.");
    }
    return *caller.own_facility;
}

const booking::Facility& authorize_public(const net::HttpRequest& request,
                                          const ApiContext& context,
                                          const std::optional<std::string>& facility_id) {
    return facility_for(authenticate_public(request, context), context, facility_id);
}

void authorize_owner(const net::HttpRequest& request, const ApiContext& context) {
    if (context.config.owner_api_key.empty()) {
        throw Unauthorized("OWNER_API_DISABLED", "The owner API is disabled: set OWNER_API_KEY.");
    }
    const auto header = request.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (!header || header->substr(0, kBearer.size()) != kBearer) {
        throw Unauthorized("OWNER_KEY_REQUIRED",
                           "Send 'Authorization: Bearer <OWNER_API_KEY>' to use the owner API.");
    }
    if (!context.config.owner_api_key.matches(header->substr(kBearer.size()))) {
        throw Unauthorized("INVALID_OWNER_KEY", "The owner API key is not valid.");
    }
}

}  // namespace frontdesk::api
