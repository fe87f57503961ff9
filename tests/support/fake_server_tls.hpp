#pragma once
// Internal to tests/support: the listening and TLS side shared by the loopback fakes.

#include <cstdint>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace frontdesk::test {

/// A TLS 1.2+ server context presenting the test CA's server certificate (test_ca.hpp).
/// Throws on failure.
[[nodiscard]] boost::asio::ssl::context make_fake_server_tls_context();

/// Opens `acceptor` on 127.0.0.1 with an ephemeral port and starts listening; returns the port.
/// Throws boost::system::system_error on failure.
std::uint16_t listen_on_loopback(boost::asio::ip::tcp::acceptor& acceptor);

}  // namespace frontdesk::test
