#pragma once

#include "api/api_context.hpp"
#include "net/router.hpp"

namespace frontdesk::api {

/// Registers every HTTP route of the booking API on `router`. The context must outlive it.
void register_routes(net::Router& router, ApiContext& context);

/// A route handler that also gets the context; with_context binds it into a net::HttpHandler.
using ContextHandler = net::HttpResponse (*)(net::HttpRequest&, ApiContext&);
[[nodiscard]] net::HttpHandler with_context(ApiContext& context, ContextHandler handler);

// One function per route group, each in its own file.
void register_info_routes(net::Router& router, ApiContext& context);
void register_public_routes(net::Router& router, ApiContext& context);
void register_owner_routes(net::Router& router, ApiContext& context);
void register_openapi_route(net::Router& router, ApiContext& context);
/// Only when context.chat / context.conversations are set.
void register_chat_routes(net::Router& router, ApiContext& context);
void register_conversation_routes(net::Router& router, ApiContext& context);

}  // namespace frontdesk::api
