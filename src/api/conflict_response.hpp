#pragma once

#include <utility>

#include "api/json_io.hpp"
#include "booking/booking_service.hpp"
#include "tools/booking_json.hpp"

namespace frontdesk::api {

/// 409 with the standard error body plus the nearest free alternatives.
[[nodiscard]] net::HttpResponse conflict_response(const booking::Facility& facility,
                                                  const booking::SlotUnavailable& conflict,
                                                  const net::HttpRequest& request);

/// Runs `write` (a booking write returning an HttpResponse) and turns SlotUnavailable into
/// conflict_response; other errors propagate to the router.
template <typename Write>
net::HttpResponse answering_conflicts(const booking::Facility& facility,
                                      const net::HttpRequest& request, Write&& write) {
    try {
        return std::forward<Write>(write)();
    } catch (const booking::SlotUnavailable& conflict) {
        return conflict_response(facility, conflict, request);
    }
}

}  // namespace frontdesk::api
