#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "realtime/realtime_events.hpp"
#include "realtime/send_queue.hpp"

namespace frontdesk::realtime {

/// Why a model connection ended.
enum class ModelEnd : std::uint8_t {
    kClosedByUs,     // close() was called
    kConnectFailed,  // DNS, TCP, TLS (certificate, host name) or the websocket upgrade failed
    kDropped,        // the server closed or the socket failed mid-session
    kQueueOverflow,  // a control event did not fit: the connection is stuck
    kProtocolError,  // a sustained run of unparseable events
    kWriteStalled,   // one write stayed pending too long: the server stopped reading
    kTimedOut,       // nothing received, not even a pong, for the idle timeout: a dead peer
};

[[nodiscard]] std::string_view to_string(ModelEnd reason) noexcept;

/// Implemented by the call's bridge. Called only on the connection's executor (the call strand).
class RealtimeListener {
public:
    virtual ~RealtimeListener() = default;
    /// The websocket is open; session.update may be sent.
    virtual void on_model_connected() = 0;
    virtual void on_model_event(ServerEvent&& event) = 0;
    /// Last call: the connection is closed and will not call the listener again. Not called
    /// after close().
    virtual void on_model_closed(ModelEnd reason, std::string_view detail) = 0;
};

/// One conversation with the model (an OpenAI Realtime websocket, or a fake in tests).
/// Strand: every method is called on the executor it was created with, the call strand.
/// Owned by shared_ptr, kept alive by its own pending I/O; borrows the listener until close()
/// or on_model_closed.
class RealtimeConnection {
public:
    virtual ~RealtimeConnection() = default;
    virtual void start(RealtimeListener& listener) = 0;
    /// Caller audio in the session's input format; bounded, drop-oldest (see SendQueue).
    virtual void send_audio(std::span<const std::uint8_t> audio) = 0;
    /// A control event (JSON text); never dropped, a full queue ends the connection.
    virtual void send_event(std::string event) = 0;
    /// Caller audio chunks dropped so far by the send queue.
    [[nodiscard]] virtual std::uint64_t dropped_audio() const noexcept = 0;
    /// Idempotent; after it the listener is never called again.
    virtual void close() noexcept = 0;
};

/// Opens connections on a given call strand with given queue limits; `log_context` prefixes the
/// connection's log lines ("call_sid=…"). The app binds the TLS context, endpoint and key;
/// tests return fakes.
using RealtimeConnector = std::function<std::shared_ptr<RealtimeConnection>(
    boost::asio::any_io_executor strand, SendQueueLimits limits, std::string log_context)>;

}  // namespace frontdesk::realtime
