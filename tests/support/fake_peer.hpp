#pragma once
// Shared vocabulary of the loopback fakes (fake_https_server.hpp, fake_wss_server.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frontdesk::test {

/// kTls: the fake presents the test CA's server certificate (see test_ca.hpp), as production
/// peers use TLS. kPlain: no TLS, for tests of the layers above the transport.
enum class FakeTransport { kTls, kPlain };

using FakeHeaders = std::vector<std::pair<std::string, std::string>>;

/// The first value of header `lower_name` (names in FakeHeaders received from clients are
/// lower-cased), or nullopt.
[[nodiscard]] std::optional<std::string> find_header(const FakeHeaders& headers,
                                                     std::string_view lower_name);

/// The decoded value of parameter `name` in an encoded query or form string ("a=1&b=x%20y"),
/// or nullopt. `plus_is_space` for application/x-www-form-urlencoded bodies.
[[nodiscard]] std::optional<std::string> find_param(std::string_view encoded, std::string_view name,
                                                    bool plus_is_space);

}  // namespace frontdesk::test
