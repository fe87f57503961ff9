#include "api/conflict_response.hpp"

#include "net/router.hpp"

namespace frontdesk::api {

net::HttpResponse conflict_response(const booking::Facility& facility,
                                    const booking::SlotUnavailable& conflict,
                                    const net::HttpRequest& request) {
    nlohmann::json body = {{"error",
                            {{"code", conflict.code()},
                             {"message", conflict.what()},
                             {"request_id", request.request_id}}},
                           {"alternatives", tools::slots_json(facility, conflict.alternatives())}};
    return net::json_response(body, 409);
}

}  // namespace frontdesk::api
