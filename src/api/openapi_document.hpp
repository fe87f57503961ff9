#pragma once

#include <string>
#include <string_view>

namespace frontdesk::api {

/// The OpenAPI 3.1 document of the public API (src/api/resources/openapi.json, embedded at
/// build time), with "SERVER_URL" where the server's public URL goes.
[[nodiscard]] std::string_view openapi_template();

/// The document with servers[0].url set to `public_url`, as served at /openapi.json.
[[nodiscard]] std::string openapi_document(const std::string& public_url);

}  // namespace frontdesk::api
