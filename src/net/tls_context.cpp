#include "net/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>

#include "net/tls_stream.hpp"

namespace frontdesk::net {
namespace {

namespace asio = boost::asio;

boost::beast::error_code last_ssl_error() {
    const unsigned long code = ::ERR_get_error();
    if (code == 0) return asio::error::invalid_argument;
    return {static_cast<int>(code), asio::error::get_ssl_category()};
}

}  // namespace

std::string trusted_ca_file() {
    const char* file = std::getenv("SSL_CERT_FILE");  // NOLINT(concurrency-mt-unsafe): read-only
    return file != nullptr ? std::string(file) : std::string();
}

asio::ssl::context make_client_tls_context() {
    asio::ssl::context context(asio::ssl::context::tls_client);
    context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1);
    if (::SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION) != 1) {
        throw boost::system::system_error(last_ssl_error(), "TLS 1.2 minimum");
    }
    context.set_verify_mode(asio::ssl::verify_peer);
    // SSL_CERT_FILE replaces the trust store instead of adding to it: a test that trusts its
    // own CA must not also trust the system's, and a missing file is an error, not "no trust".
    if (const std::string ca_file = trusted_ca_file(); !ca_file.empty()) {
        context.load_verify_file(ca_file);
    } else {
        context.set_default_verify_paths();
    }
    return context;
}

boost::beast::error_code set_tls_host(ssl_st* ssl, std::string_view host_view) {
    const std::string host(host_view);
    boost::system::error_code parse_error;
    const auto address = asio::ip::make_address(host, parse_error);
    if (!parse_error) {
        // IP literals are matched against subjectAltName IP entries and never sent as SNI.
        X509_VERIFY_PARAM* param = ::SSL_get0_param(ssl);
        if (::X509_VERIFY_PARAM_set1_ip_asc(param, address.to_string().c_str()) != 1) {
            return last_ssl_error();
        }
        return {};
    }
    // SSL_set_tlsext_host_name is a macro with a C cast; this is its expansion.
    if (::SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                   const_cast<char*>(host.c_str())) != 1) {
        return last_ssl_error();
    }
    // Checked during the handshake, so a mismatch fails it with a verification error.
    ::SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (::SSL_set1_host(ssl, host.c_str()) != 1) return last_ssl_error();
    return {};
}

}  // namespace frontdesk::net
