#include "support/http_client.hpp"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace frontdesk::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct HttpClient::Impl {
    std::string host;
    std::uint16_t port = 0;
    asio::io_context ioc;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    bool connected = false;

    void connect() {
        stream.emplace(ioc);
        asio::ip::tcp::resolver resolver{ioc};
        stream->connect(resolver.resolve(host, std::to_string(port)));
        buffer.clear();
        connected = true;
    }
};

nlohmann::json HttpResult::json() const { return nlohmann::json::parse(body, nullptr, false); }

std::string HttpResult::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (beast::iequals(key, name)) return value;
    }
    return {};
}

HttpClient::HttpClient(std::string host, std::uint16_t port) : impl_(std::make_unique<Impl>()) {
    impl_->host = std::move(host);
    impl_->port = port;
}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, impl_->host);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    // One retry on a fresh connection: the server may have closed an idle keep-alive socket.
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            if (!impl_->connected) impl_->connect();
            impl_->stream->expires_after(std::chrono::seconds{30});
            http::write(*impl_->stream, req);
            http::response<http::string_body> res;
            http::read(*impl_->stream, impl_->buffer, res);
            if (!res.keep_alive()) impl_->connected = false;
            HttpResult result{static_cast<int>(res.result_int()), res.body(), {}};
            for (const auto& field : res) {
                result.headers.emplace_back(std::string{field.name_string()},
                                            std::string{field.value()});
            }
            return result;
        } catch (const std::exception& e) {
            impl_->connected = false;
            if (attempt == 1)
                throw std::runtime_error(std::string{"HTTP request failed: "} + e.what());
        }
    }
    throw std::runtime_error("unreachable");
}

std::string HttpClient::raw_exchange(const std::string& bytes) {
    impl_->connect();
    impl_->stream->expires_after(std::chrono::seconds{10});
    asio::write(impl_->stream->socket(), asio::buffer(bytes));
    impl_->stream->socket().shutdown(asio::ip::tcp::socket::shutdown_send);
    std::string received;
    beast::error_code ec;
    char chunk[4096];
    while (true) {
        const auto n = impl_->stream->read_some(asio::buffer(chunk), ec);
        received.append(chunk, n);
        if (ec) break;
    }
    impl_->connected = false;
    return received;
}

}  // namespace frontdesk::test
