#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/fake_peer.hpp"

namespace frontdesk::test {

/// One request as the fake received it.
struct FakeHttpRequest {
    std::string method;  // "GET", "POST", …
    std::string target;  // as sent: "/v1/chat/completions?x=1"
    std::string path;    // percent-decoded, without the query
    std::string query;   // still encoded, without '?': "timeMin=2024-01-01T00%3A00%3A00Z"
    FakeHeaders headers;  // names lower-cased, in arrival order
    std::string body;

    [[nodiscard]] std::optional<std::string> header(std::string_view lower_name) const;
    /// A decoded query parameter ("timeMin"), or nullopt.
    [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
    /// A decoded field of an application/x-www-form-urlencoded body (Twilio REST), or nullopt.
    [[nodiscard]] std::optional<std::string> form_param(std::string_view name) const;
};

/// What the fake answers. Content-Length is computed.
struct FakeHttpResponse {
    int status = 200;
    FakeHeaders headers;
    std::string body;
    /// Fault injection: answer this much later (a timer on the fake's loop; other connections
    /// are served meanwhile).
    std::chrono::milliseconds delay{0};
    /// Fault injection: close the connection instead of answering (after `delay`).
    bool drop_connection = false;

    /// `status` with Content-Type: application/json.
    [[nodiscard]] static FakeHttpResponse json(int status, std::string body);
};

/// A loopback HTTP/1.1 server (127.0.0.1, ephemeral port) standing in for Twilio REST, OpenAI
/// Chat Completions or Google in tests: TLS with the test CA's certificate, or plain. Keep-alive.
/// Records every request it reads, before the handler runs.
///
/// Threads: owns one io_context and the thread running it. The handler runs on that thread, one
/// request at a time, and must not block (use `delay` to be slow). Every other member may be
/// called from any thread. The destructor closes every connection and joins the thread.
/// Throws std::runtime_error from the constructor if it cannot listen.
class FakeHttpsServer {
public:
    using Handler = std::function<FakeHttpResponse(const FakeHttpRequest&)>;

    explicit FakeHttpsServer(Handler handler, FakeTransport transport = FakeTransport::kTls);
    ~FakeHttpsServer();
    FakeHttpsServer(const FakeHttpsServer&) = delete;
    FakeHttpsServer& operator=(const FakeHttpsServer&) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept;
    /// "https://127.0.0.1:PORT" (or "http://…" when plain); no trailing slash.
    [[nodiscard]] std::string url() const;

    /// Replaces the handler for requests read from now on.
    void set_handler(Handler handler);

    /// Copies of every request received so far, in order.
    [[nodiscard]] std::vector<FakeHttpRequest> requests() const;
    [[nodiscard]] std::size_t request_count() const;
    /// Waits until at least `count` requests arrived; false when `deadline` passed first.
    [[nodiscard]] bool wait_for_requests(std::size_t count,
                                         std::chrono::milliseconds deadline) const;
    /// TCP connections accepted so far (tells keep-alive reuse from reconnects).
    [[nodiscard]] std::size_t connection_count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace frontdesk::test
