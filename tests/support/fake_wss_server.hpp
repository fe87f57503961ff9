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

/// The HTTP upgrade request a websocket client sent.
struct FakeWsUpgrade {
    std::string target;   // "/v1/realtime?model=…"
    FakeHeaders headers;  // names lower-cased ("authorization", "openai-beta", …)

    [[nodiscard]] std::optional<std::string> header(std::string_view lower_name) const;
};

/// The server end of one accepted websocket, driven by a script with a blocking API.
/// Threads: used only by the script's own thread (the one FakeWssServer started for it).
class FakeWsConnection {
public:
    struct Impl;
    explicit FakeWsConnection(std::unique_ptr<Impl> impl);
    ~FakeWsConnection();
    FakeWsConnection(const FakeWsConnection&) = delete;
    FakeWsConnection& operator=(const FakeWsConnection&) = delete;

    [[nodiscard]] const FakeWsUpgrade& upgrade() const noexcept;

    /// The next text message, waiting at most `deadline`; nullopt on deadline or once the
    /// connection closed (check closed() to tell which). Binary messages are skipped.
    [[nodiscard]] std::optional<std::string> read_text(std::chrono::milliseconds deadline);
    /// Sends one text frame and waits (bounded) until it is written; false when the connection
    /// is closed or the write failed.
    bool send_text(std::string text);
    /// Sends a close frame with `code` (1000 normal, 1011 internal error, …) and waits (bounded)
    /// for the peer's answer. Idempotent.
    void close(std::uint16_t code = 1000, std::string_view reason = {});
    /// Drops the TCP connection without a close frame (fault injection).
    void drop();
    /// True once a close frame was exchanged, the peer went away or the server is stopping.
    [[nodiscard]] bool closed() const noexcept;

private:
    std::unique_ptr<Impl> impl_;
};

/// A loopback websocket server (127.0.0.1, ephemeral port) standing in for the OpenAI Realtime
/// API in tests: TLS with the test CA's certificate, or plain. For each connection it reads the
/// upgrade request (recorded), accepts, and runs `script` on a new thread; when the script
/// returns, an open connection is closed normally.
///
/// Threads: owns an accept thread and one thread per connection. Members may be called from
/// any thread. The destructor stops accepting, makes every script's read_text return nullopt
/// (closed), and joins all threads: scripts must not block on anything else forever.
/// Throws std::runtime_error from the constructor if it cannot listen.
class FakeWssServer {
public:
    using Script = std::function<void(FakeWsConnection&)>;

    explicit FakeWssServer(Script script, FakeTransport transport = FakeTransport::kTls);
    ~FakeWssServer();
    FakeWssServer(const FakeWssServer&) = delete;
    FakeWssServer& operator=(const FakeWssServer&) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept;
    /// "wss://127.0.0.1:PORT" (or "ws://…" when plain); no trailing slash.
    [[nodiscard]] std::string url() const;

    /// Answer later upgrades with this HTTP status (e.g. 401) instead of accepting them;
    /// 0 accepts again. Refused upgrades are recorded too.
    void refuse_upgrades_with(int status);

    /// Every upgrade request received so far, in order.
    [[nodiscard]] std::vector<FakeWsUpgrade> upgrades() const;
    /// Waits until at least `count` upgrade requests arrived; false on deadline.
    [[nodiscard]] bool wait_for_upgrades(std::size_t count,
                                         std::chrono::milliseconds deadline) const;
    /// Waits until every script started so far has returned; false on deadline.
    [[nodiscard]] bool wait_for_scripts_done(std::chrono::milliseconds deadline) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace frontdesk::test
