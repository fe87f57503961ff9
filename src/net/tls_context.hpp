#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>

namespace frontdesk::net {

/// A TLS client context that verifies peers: the system trust store, or the file named by
/// SSL_CERT_FILE when set (tests use their own CA). TLS 1.2 or later. Build one per process
/// (it is immutable after creation and safe to share between connections).
[[nodiscard]] boost::asio::ssl::context make_client_tls_context();

/// The CA file in effect: SSL_CERT_FILE, or empty for the system default paths.
[[nodiscard]] std::string trusted_ca_file();

}  // namespace frontdesk::net
