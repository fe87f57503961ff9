#include <nlohmann/json.hpp>

#include "api/json_io.hpp"
#include "api/openapi_document.hpp"
#include "api/routes.hpp"

namespace frontdesk::api {

std::string openapi_document(const std::string& public_url) {
    auto document = nlohmann::json::parse(openapi_template());
    document["servers"][0]["url"] = public_url;
    return document.dump(2);
}

void register_openapi_route(net::Router& router, ApiContext& context) {
    // Rendered once: the document only changes with the configuration.
    auto body = std::make_shared<const std::string>(openapi_document(context.config.public_url));
    router.add("GET", "/openapi.json", [body](net::HttpRequest&) {
        net::HttpResponse response;
        response.body = *body;
        return response;
    });
}

}  // namespace frontdesk::api
