#pragma once

#include <string_view>

namespace frontdesk::net {
struct UpgradeContext;
}  // namespace frontdesk::net

namespace frontdesk::telephony {

/// Answers a websocket upgrade request with an HTTP error instead of accepting it (403 for a
/// bad signature, 400 for a bad query), then closes the connection. Takes over the stream; runs
/// on its strand; bounded by a short write timeout. Never throws.
void reject_upgrade(net::UpgradeContext&& context, unsigned status, std::string_view reason) noexcept;

}  // namespace frontdesk::telephony
