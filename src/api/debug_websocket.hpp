#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "core/clock.hpp"

namespace frontdesk::chat {
class ChatService;
}  // namespace frontdesk::chat

namespace frontdesk::net {
class WorkerPool;
struct UpgradeContext;
}  // namespace frontdesk::net

namespace frontdesk::api {

struct DebugSocketLimits {
    /// Largest inbound message; a person typing JSON into wscat stays far below. Larger:
    /// closed by Beast with `too_big`.
    std::size_t read_message_max = std::size_t{64} << 10;
    /// Outbound bytes allowed to wait (a turn's events are a few KB). Beyond: the client is not
    /// reading; the socket is closed (policy_error, "slow consumer").
    std::size_t send_queue_bytes = std::size_t{1} << 20;
    /// function_call / message requests waiting behind the one running; more get an error.
    std::size_t max_pending_requests = 16;
};

class DebugSocketSession;  // debug_socket_session.hpp (includes Beast)

/// WS /realtime?facility_id=…&caller_number=…: the debugging websocket for people with wscat
/// (seed 004). On connect it opens a chat session (channel "debug") and sends session.created
/// with the facility, the system prompt and the functions; then it answers
/// {"type":"ping"} with pong, {"type":"function_call",…} with function_result (the tool run
/// with the session's context) and {"type":"message","text"} with the agent's events
/// (agent_message, function_call, function_result). Bad JSON or an unknown type gets
/// {"type":"error","code","message"} and the socket stays open; an unknown facility is closed
/// with policy_error and the reason.
///
/// accept() is the HttpServer upgrade handler; each socket runs on its connection's strand,
/// its blocking work (the store, the agent) on the worker pool, results posted back.
/// Threads: any thread, internally synchronised. Borrows the chat service, the pool and the
/// clock, which must outlive every socket and the pool's drain (the composition root).
class DebugSocketHub {
public:
    DebugSocketHub(chat::ChatService& chat, net::WorkerPool& pool, const Clock& clock,
                   DebugSocketLimits limits = {});
    ~DebugSocketHub();
    DebugSocketHub(const DebugSocketHub&) = delete;
    DebugSocketHub& operator=(const DebugSocketHub&) = delete;

    /// Takes over an upgraded connection (net::UpgradeHandler).
    void accept(net::UpgradeContext&& context);
    /// Asks every open socket to close with service_restart (shutdown). Returns at once.
    void close_all() noexcept;
    [[nodiscard]] std::size_t open_count() const;

private:
    chat::ChatService& chat_;
    net::WorkerPool& pool_;
    const Clock& clock_;
    DebugSocketLimits limits_;
    mutable std::mutex mutex_;                                // guards sockets_
    std::vector<std::weak_ptr<DebugSocketSession>> sockets_;  // pruned on accept
};

}  // namespace frontdesk::api
