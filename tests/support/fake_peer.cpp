#include "support/fake_peer.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include "support/fake_server_tls.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::test {

std::optional<std::string> find_header(const FakeHeaders& headers, std::string_view lower_name) {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) return value;
    }
    return std::nullopt;
}

std::optional<std::string> find_param(std::string_view encoded, std::string_view name,
                                      bool plus_is_space) {
    if (!boost::urls::parse_query(encoded)) return std::nullopt;
    boost::urls::encoding_opts options;
    options.space_as_plus = plus_is_space;
    const boost::urls::params_view params(encoded, options);
    const auto found = params.find(name);
    if (found == params.end()) return std::nullopt;
    return (*found).value;
}

boost::asio::ssl::context make_fake_server_tls_context() {
    namespace ssl = boost::asio::ssl;
    const TestCertificates& files = test_certificates();
    ssl::context context(ssl::context::tls_server);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                        ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    context.use_certificate_chain_file(files.server_cert.string());
    context.use_private_key_file(files.server_key.string(), ssl::context::pem);
    return context;
}

std::uint16_t listen_on_loopback(boost::asio::ip::tcp::acceptor& acceptor) {
    using tcp = boost::asio::ip::tcp;
    const tcp::endpoint loopback(boost::asio::ip::make_address_v4("127.0.0.1"), 0);
    acceptor.open(loopback.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(loopback);
    acceptor.listen();
    return acceptor.local_endpoint().port();
}

}  // namespace frontdesk::test
