#include "api/routes.hpp"

namespace frontdesk::api {

net::HttpHandler with_context(ApiContext& context, ContextHandler handler) {
    return [&context, handler](net::HttpRequest& request) { return handler(request, context); };
}

void register_routes(net::Router& router, ApiContext& context) {
    register_info_routes(router, context);
    register_public_routes(router, context);
    register_owner_routes(router, context);
    register_openapi_route(router, context);
    register_chat_routes(router, context);
    register_conversation_routes(router, context);
}

}  // namespace frontdesk::api
