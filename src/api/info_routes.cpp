#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "tools/booking_json.hpp"

namespace frontdesk::api {
namespace {

using nlohmann::json;

json service_index(const ApiContext& context) {
    const auto& url = context.config.public_url;
    return {{"name", "frontdesk"},
            {"description", "Answers the phone for sports facilities and books courts."},
            {"facilities", url + "/facilities"},
            {"health", url + "/health"},
            {"openapi", url + "/openapi.json"},
            {"public_api", url + "/public/business"},
            {"owner_api", url + "/owner/bookings"}};
}

}  // namespace

void register_info_routes(net::Router& router, ApiContext& context) {
    router.add("GET", "/", [&context](net::HttpRequest&) {
        return net::json_response(service_index(context));
    });
    router.add("GET", "/health", [&context](net::HttpRequest&) {
        const auto uptime = std::chrono::steady_clock::now() - context.started_at;
        return net::json_response(
            {{"status", "ok"},
             {"facilities", context.bookings.facilities().all().size()},
             {"uptime_seconds", std::chrono::duration_cast<std::chrono::seconds>(uptime).count()}});
    });
    router.add("GET", "/facilities", [&context](net::HttpRequest&) {
        json list = json::array();
        for (const auto& facility : context.bookings.facilities().all()) {
            list.push_back(tools::facility_summary_json(facility));
        }
        return net::json_response({{"facilities", list}});
    });
    router.add("GET", "/facilities/{id}", [&context](net::HttpRequest& request) {
        const auto& facility = context.bookings.facilities().get(request.path_param("id"));
        return net::json_response(tools::facility_detail_json(facility));
    });
}

}  // namespace frontdesk::api
