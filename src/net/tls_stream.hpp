#pragma once
// Included by outbound TLS clients built on Beast (the OpenAI Realtime websocket): it pulls in
// Beast's ssl_stream. Everything else uses net/tls_context.hpp or net/https_client.hpp.

#include <string_view>

#include <boost/beast/core/error.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

struct ssl_st;  // OpenSSL's SSL

namespace frontdesk::net {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

/// Prepares one client connection for its TLS handshake with `host` (a DNS name or an IP
/// literal, without port): sends SNI for names (never for IP literals, RFC 6066) and makes the
/// handshake fail unless the peer's certificate matches `host` (subjectAltName DNS or IP).
/// Call it after the stream is constructed and before `async_handshake`; the chain itself is
/// verified by the context (see make_client_tls_context). Returns the OpenSSL error, if any.
/// Any thread; touches only this connection.
[[nodiscard]] boost::beast::error_code set_tls_host(ssl_st* ssl, std::string_view host);

template <class NextLayer>
[[nodiscard]] boost::beast::error_code set_tls_host(boost::beast::ssl_stream<NextLayer>& stream,
                                                    std::string_view host) {
    return set_tls_host(stream.native_handle(), host);
}

}  // namespace frontdesk::net
