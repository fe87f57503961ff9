#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frontdesk::net {

struct HttpsRequest {
    std::string method = "GET";
    std::string url;  // https://… (http:// only for loopback fakes in tests)
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds total_timeout{10000};
    std::size_t max_response_bytes = std::size_t{8} << 20U;  // larger bodies fail (kTooLarge)
};

/// Why no HTTP answer came back (HttpsResponse::transport_error).
enum class TransportError : std::uint8_t {
    kNone,
    kTimeout,   // connect_timeout or total_timeout passed
    kConnect,   // DNS failure, refused, unreachable, reset before an answer
    kTls,       // handshake failed or the peer's certificate or host name did not verify
    kTooLarge,  // the body exceeded max_response_bytes
    kRefused,   // the request itself was refused (bad URL, plain http to a non-loopback host)
    kOther,
};

struct HttpsResponse {
    int status = 0;  // 0: no HTTP answer (see `error`)
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::string body;
    std::string error;  // transport failure (DNS, connect, TLS, timeout); empty otherwise
    TransportError transport_error = TransportError::kNone;  // set whenever status == 0

    [[nodiscard]] bool transport_failed() const noexcept { return status == 0; }
    [[nodiscard]] std::string header(std::string_view lower_name) const;
};

/// Outbound HTTP(S): Twilio REST, OpenAI Chat Completions, Google token and Calendar endpoints.
/// Always verifies the peer's certificate and host name; the SSL_CERT_FILE environment variable
/// overrides the trusted CA file (tests point it at their test CA). Never logs headers or
/// bodies (they carry credentials).
///
/// Threads: `send` blocks, so call it from the worker pool, never from an event loop thread;
/// implementations are safe to call from several threads at once.
class HttpsClient {
public:
    virtual ~HttpsClient() = default;
    [[nodiscard]] virtual HttpsResponse send(const HttpsRequest& request) = 0;
};

/// The libcurl implementation (one easy handle per call, CURLOPT_NOSIGNAL, explicit timeouts).
/// Requires curl_global_init, done once by CurlGlobal in main.
[[nodiscard]] std::unique_ptr<HttpsClient> make_curl_https_client();

/// RAII for curl_global_init/curl_global_cleanup; one instance in main (and in test mains).
class CurlGlobal {
public:
    CurlGlobal();
    ~CurlGlobal();
    CurlGlobal(const CurlGlobal&) = delete;
    CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace frontdesk::net
