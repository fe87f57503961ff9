#pragma once
// Internal to tests/support: the TLS side shared by the fakes.

#include <boost/asio/ssl/context.hpp>

namespace frontdesk::test {

/// A TLS 1.2+ server context presenting the test CA's server certificate (test_ca.hpp).
/// Throws on failure.
[[nodiscard]] boost::asio::ssl::context make_fake_server_tls_context();

}  // namespace frontdesk::test
