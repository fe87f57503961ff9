#pragma once

#include <optional>
#include <string>

#include "api/api_context.hpp"
#include "booking/facility.hpp"
#include "net/http_message.hpp"

namespace frontdesk::api {

/// Who is calling the public API: a facility's own key, or the shared key (own_facility null).
struct PublicCaller {
    const booking::Facility* own_facility = nullptr;
};

/// Checks the X-API-Key header against every configured key in constant time.
/// Throws Unauthorized (API_KEY_REQUIRED, INVALID_API_KEY, PUBLIC_API_DISABLED).
[[nodiscard]] PublicCaller authenticate_public(const net::HttpRequest& request,
                                               const ApiContext& context);

/// The facility an authenticated caller acts for: its own, or the one named by facility_id
/// (optional when one facility is served). Forbidden (FACILITY_MISMATCH), NotFound.
[[nodiscard]] const booking::Facility& facility_for(const PublicCaller& caller,
                                                    const ApiContext& context,
                                                    const std::optional<std::string>& facility_id);

/// authenticate_public then facility_for: the facility a public-API request acts for, after
/// checking its X-API-Key (constant time). A facility's own key selects that facility (a
/// facility_id given too must agree); the shared PUBLIC_BOOKING_API_KEY needs facility_id unless
/// only one facility is served. Throws Unauthorized (API_KEY_REQUIRED, INVALID_API_KEY,
/// PUBLIC_API_DISABLED), Forbidden (FACILITY_MISMATCH) or NotFound (FACILITY_NOT_FOUND).
[[nodiscard]] const booking::Facility& authorize_public(
    const net::HttpRequest& request, const ApiContext& context,
    const std::optional<std::string>& facility_id);

/// Checks `Authorization: Bearer <OWNER_API_KEY>`. Throws Unauthorized
/// (OWNER_KEY_REQUIRED, INVALID_OWNER_KEY, OWNER_API_DISABLED).
void authorize_owner(const net::HttpRequest& request, const ApiContext& context);

}  // namespace frontdesk::api
