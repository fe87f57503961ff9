#pragma once
// Private to debug_*.cpp: pulls in Beast.

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <nlohmann/json.hpp>

#include "api/debug_websocket.hpp"
#include "booking/facility.hpp"
#include "chat/chat_prompt.hpp"
#include "net/websocket_session.hpp"

namespace frontdesk::api {

/// Why a debug socket ends; decides the close code and the chat session's end reason.
enum class DebugSocketEnd : std::uint8_t {
    kClientClosed,     // the client sent a close frame (or vanished)
    kUnknownFacility,  // policy_error with the reason
    kSlowConsumer,     // send queue full: policy_error
    kTransportError,   // read or write failed
    kInternalError,    // the session could not be opened
    kShutdown,         // service_restart
};

/// One /realtime debug websocket: the requests and their pool work on top of a
/// net::WebsocketSession, which does the websocket I/O (accept, read loop, writes, close).
/// Strand: the connection's strand from the UpgradeContext; every member is used only there,
/// pool jobs get copies and post their results back (holding the session by weak_ptr).
/// Owns its WebsocketSession and queues; borrows the chat service and the pool (see
/// DebugSocketHub). Kept alive by the WebsocketSession's coroutines (shared_ptr).
class DebugSocketSession : public std::enable_shared_from_this<DebugSocketSession>,
                           private net::WebsocketOwner {
public:
    DebugSocketSession(net::UpgradeContext&& context, chat::ChatService& chat,
                       net::WorkerPool& pool, const Clock& clock, const DebugSocketLimits& limits);
    ~DebugSocketSession();
    DebugSocketSession(const DebugSocketSession&) = delete;
    DebugSocketSession& operator=(const DebugSocketSession&) = delete;
    DebugSocketSession(DebugSocketSession&&) = delete;
    DebugSocketSession& operator=(DebugSocketSession&&) = delete;

    void start();
    /// Idempotent; the only way the session ends. Posted here by the hub at shutdown.
    void close(DebugSocketEnd reason, std::string detail = {}) noexcept;
    [[nodiscard]] boost::asio::any_io_executor executor();

private:
    /// Work for the pool: open the chat session, run a tool, or take a turn. One at a time, in
    /// arrival order, so answers come back in the order they were asked.
    struct Request {
        enum class Kind : std::uint8_t { kOpen, kFunctionCall, kMessage };
        Kind kind = Kind::kOpen;
        std::string function_name{};
        nlohmann::json arguments{};
        std::string text{};
    };
    /// What a pool job hands back: frames to send, and whether the chat session now exists.
    struct Outcome {
        std::vector<std::string> frames{};
        std::string session_id{};  // set by kOpen on success
        bool fatal = false;        // kOpen failed: close the socket
    };

    /// A request with copies of everything it needs, for a pool thread.
    struct Job {
        chat::ChatService& chat;
        const booking::Facility& facility;
        const Clock& clock;
        chat::ChatCustomer caller;
        std::string session_id;
        std::string log_prefix;
        Request request;
    };

    // net::WebsocketOwner, in debug_websocket.cpp.
    [[nodiscard]] std::shared_ptr<void> keep_alive() override { return shared_from_this(); }
    void on_accepted(const net::WebsocketSession::Request& request) override;
    void on_message(std::string_view payload, bool is_text) override;
    [[nodiscard]] std::optional<std::string> next_frame() override;
    void on_frame_written() override { ++frames_out_; }
    void on_io_error(net::WebsocketOp op, const boost::beast::error_code& ec) override;
    void on_exception(const char* what, std::string_view error) noexcept override;

    // debug_socket_requests.cpp: reading client messages and running them on the pool.
    [[nodiscard]] bool resolve_facility(const net::WebsocketSession::Request& request);
    void handle_text(std::string_view text);
    void queue_request(Request request);
    void run_next();
    [[nodiscard]] static Outcome execute(const Job& job);  // on a pool thread
    [[nodiscard]] static Outcome open(const Job& job);
    void on_done(Outcome outcome);
    void send_error(std::string_view code, std::string_view message);

    void send(std::string frame);
    void finish_chat_session(std::string_view reason) noexcept;

    net::WebsocketSession ws_;  // its is_closed() is this socket's closed state
    std::string log_prefix_;    // "request_id=… session=…"
    chat::ChatService& chat_;
    net::WorkerPool& pool_;
    const Clock& clock_;
    DebugSocketLimits limits_;
    std::deque<std::string> send_queue_;
    std::size_t queued_bytes_ = 0;
    std::deque<Request> pending_;  // waiting for the running request
    bool request_running_ = false;
    const booking::Facility* facility_ = nullptr;  // owned by the directory
    chat::ChatCustomer caller_;
    std::string session_id_;  // the chat session, once opened
    std::size_t frames_in_ = 0;
    std::size_t frames_out_ = 0;
};

}  // namespace frontdesk::api
