#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace frontdesk::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    /// The body as JSON (discarded value if it is not JSON).
    [[nodiscard]] nlohmann::json json() const;
    [[nodiscard]] std::string header(const std::string& name) const;
};

/// A blocking HTTP/1.1 keep-alive client for tests (one connection, reconnects when the server
/// closed it). One thread at a time; give each test thread its own client.
class HttpClient {
public:
    HttpClient(std::string host, std::uint16_t port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Sends one request; throws std::runtime_error on a transport failure.
    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {});

    HttpResult get(const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        return request("GET", target, {}, headers);
    }
    HttpResult post_json(const std::string& target, const nlohmann::json& body,
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Content-Type", "application/json");
        return request("POST", target, body.dump(), headers);
    }

    /// Sends raw bytes on a new connection, half-closes it and returns everything the server
    /// wrote until it closed (for malformed-request and pipelining tests).
    std::string raw_exchange(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace frontdesk::test
