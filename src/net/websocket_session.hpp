#pragma once
// The server side of an upgraded websocket, shared by every websocket we accept (telephony's
// media streams, the /realtime debug socket). Pulls in Beast: included by those sessions'
// headers and by tests only.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "net/strand.hpp"

namespace frontdesk::net {

struct WebsocketSettings {
    /// Largest inbound message. Larger: Beast fails the read with `message_too_big`.
    std::size_t read_message_max = std::size_t{64} << 10;
    /// Beast's own timeouts (opening handshake, idle, keep-alive pings).
    boost::beast::websocket::stream_base::timeout timeout =
        boost::beast::websocket::stream_base::timeout::suggested(boost::beast::role_type::server);
    /// Our close handshake; then the socket is cut.
    std::chrono::milliseconds close_timeout{2000};
};

/// What a WebsocketSession reports as failed to its owner.
enum class WebsocketOp : std::uint8_t {
    kAccept,  // the opening handshake
    kRead,    // includes the peer's close (websocket::error::closed) and `message_too_big`
    kWrite,
    kClose,  // our close handshake; asio::error::timed_out when close_timeout passed
};

/// Implemented by the session that owns a WebsocketSession: what to do with messages and
/// failures, and where outbound frames come from (each owner keeps its own queue policy).
/// Called only on the connection's strand; next_frame() also from within write_pending(), the
/// others never re-entrantly from a WebsocketSession call. Once the owner has called close() or
/// cut(), only keep_alive(), on_io_error(kClose, …) and on_exception are still called.
class WebsocketOwner {
public:
    virtual ~WebsocketOwner() = default;

    /// The owner's own shared_ptr (shared_from_this()). Each coroutine of the WebsocketSession
    /// holds one, so the owner, and the WebsocketSession it holds, outlive them.
    [[nodiscard]] virtual std::shared_ptr<void> keep_alive() = 0;
    /// The opening handshake succeeded; reads and writes start when this returns.
    /// `request` is the upgrade request, freed afterwards.
    virtual void on_accepted(
        const boost::beast::http::request<boost::beast::http::string_body>& request) = 0;
    /// One message; `payload` is valid until this returns.
    virtual void on_message(std::string_view payload, bool is_text) = 0;
    /// The next text frame to send, or nullopt: writing then waits for write_pending().
    [[nodiscard]] virtual std::optional<std::string> next_frame() = 0;
    /// The frame from the last next_frame() is written.
    virtual void on_frame_written() = 0;
    /// `op` failed. For kAccept, kRead and kWrite the websocket is unusable: the owner ends
    /// (close() or cut()). For kClose it is only news: the socket is cut anyway.
    virtual void on_io_error(WebsocketOp op, const boost::beast::error_code& ec) = 0;
    /// An exception escaped the coroutine named `what` ("read loop", …); `error` is its what(),
    /// empty when it was not a std::exception. The owner logs it and ends.
    virtual void on_exception(const char* what, std::string_view error) noexcept = 0;
};

/// One accepted websocket: the opening handshake, a read loop handing each message to the
/// owner, the owner's frames written one at a time (each write starts from write_pending() or
/// from the previous write's completion, as in Beast's examples: a frame leaves within the
/// handler that queued it, with no hop through the scheduler's queue), and one close: a close
/// handshake bounded by close_timeout, then the socket cut.
/// Runs on a bare socket on the connection's concrete strand type: no tcp_stream timer and no
/// any_io_executor on the frame path.
/// Strand: its socket's (the connection's); every member is used only there.
/// Owns the websocket stream, the upgrade request (until accepted) and the read buffer. Is a
/// member of its owner, which it borrows; its coroutines keep the owner alive (keep_alive()).
class WebsocketSession {
public:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    template <class T = void>
    using Awaitable = boost::asio::awaitable<T, Strand>;

    WebsocketSession(WebsocketOwner& owner, StrandSocket&& socket, Request&& request,
                     const WebsocketSettings& settings);
    ~WebsocketSession();
    WebsocketSession(const WebsocketSession&) = delete;
    WebsocketSession& operator=(const WebsocketSession&) = delete;
    WebsocketSession(WebsocketSession&&) = delete;
    WebsocketSession& operator=(WebsocketSession&&) = delete;

    [[nodiscard]] Strand executor() noexcept { return ws_.get_executor(); }
    /// Accepts, then runs the read loop and the writes. Once, on the strand; the owner must be held
    /// by a shared_ptr by then.
    void start();
    /// Starts writing the owner's frames unless a write is in flight (its completion carries
    /// on). Call after queueing a frame.
    void write_pending() noexcept;
    /// Sends a close frame with `code` and `reason` (cut to 120 bytes), waits for the peer's
    /// (at most close_timeout), then cuts the socket. A socket not accepted or already gone is
    /// cut at once. Idempotent; a no-op after cut().
    void close(boost::beast::websocket::close_code code, std::string_view reason) noexcept;
    /// Shuts the socket down and closes it now. Idempotent.
    void cut() noexcept;
    /// Runs an owner's coroutine on the strand; an exception escaping it goes to on_exception.
    void spawn(Awaitable<> coroutine, const char* what);

    /// close() or cut() was called: no more messages are delivered or frames written.
    [[nodiscard]] bool is_closed() const noexcept { return closed_; }

private:
    using WebSocket = boost::beast::websocket::stream<StrandSocket>;

    /// This member, sharing the owner's ownership: what the coroutines hold.
    [[nodiscard]] std::shared_ptr<WebsocketSession> self();
    static Awaitable<> read_loop(std::shared_ptr<WebsocketSession> self);
    static Awaitable<> close_handshake(std::shared_ptr<WebsocketSession> self,
                                       boost::beast::websocket::close_reason why);
    static Awaitable<> close_deadline(std::shared_ptr<WebsocketSession> self);
    void on_written(const boost::beast::error_code& ec);
    void report_exception(const std::exception_ptr& error, const char* what) noexcept;

    WebsocketOwner& owner_;  // owns this object
    WebSocket ws_;
    Request request_;
    boost::beast::flat_buffer read_buffer_;
    std::chrono::milliseconds close_timeout_;
    std::string in_flight_;    // the frame being written (Beast borrows it)
    StrandTimer close_timer_;  // bounds the close handshake
    bool accepted_ = false;
    bool closed_ = false;
    bool socket_cut_ = false;
    bool writing_ = false;  // a frame write is in flight
};

}  // namespace frontdesk::net
