#pragma once
// Pulls in Beast: included by the carrier flavours, the composition root and tests only.
// Everyone else sees a CallLeg.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/strand.hpp"
#include "net/websocket_session.hpp"
#include "telephony/call_leg.hpp"
#include "telephony/carrier.hpp"
#include "telephony/send_queue.hpp"

namespace frontdesk::net {
struct UpgradeContext;
}  // namespace frontdesk::net

namespace frontdesk::telephony {

/// Per-session limits. Defaults suit production; tests shrink them.
struct SessionLimits {
    /// Largest inbound message; Twilio media frames are ~300 bytes, Exotel's 100 ms at 24 kHz
    /// ~6.5 KB of base64. Larger: closed by Beast with `too_big`.
    std::size_t read_message_max = std::size_t{64} << 10;
    /// Model → caller audio allowed to wait in our queue (frames are sent as fast as TCP takes
    /// them, so it only fills when the carrier stops reading). Beyond: kSlowConsumer.
    std::chrono::milliseconds outbound_audio_budget{8000};
    /// One websocket write pending longer than this ends the call (kSlowConsumer).
    std::chrono::milliseconds write_stall{5000};
    /// From accept to the carrier's start event.
    std::chrono::milliseconds start_timeout{10000};
    /// Our close handshake; then the socket is cut.
    std::chrono::milliseconds close_timeout{2000};
    /// Consecutive bad events (known event, bad field) dropped before the call ends.
    int max_consecutive_bad_events = 10;
    /// Backstop for audio a carrier holds back to fill a chunk (Exotel), in case the bridge's
    /// flush_audio() is late or never comes (a model streaming slower than real time): once no
    /// agent audio has come for this long, the held audio goes out padded. Twice Exotel's
    /// 200 ms minimum chunk at 8 kHz: long enough not to pad between two deltas of one reply.
    std::chrono::milliseconds held_audio_flush{400};
};

/// Counters for the end-of-call line and tests.
struct SessionCounters {
    std::uint64_t frames_in = 0;
    std::uint64_t frames_out = 0;
    std::uint64_t audio_bytes_in = 0;
    std::uint64_t audio_bytes_out = 0;
    std::uint64_t bad_events = 0;
    std::uint64_t audio_frames_cleared = 0;
    std::uint64_t held_audio_flushes = 0;  // by the held_audio_flush backstop
};

/// Server side of one carrier media-stream websocket (Twilio or Exotel, per the Carrier it is
/// given), exposed as a CallLeg. The websocket I/O (accept, read loop, writes, close
/// handshake) is its net::WebsocketSession; this class adds the carrier protocol, the send
/// queue and a watchdog coroutine for its deadlines (start event, write stall, held-audio
/// backstop; the close handshake's is the WebsocketSession's).
/// Strand: the connection's strand from the UpgradeContext; every member is used only there.
/// Owns its WebsocketSession, send queue and Carrier; borrows the listener until close() or
/// on_leg_ended. Kept alive by its coroutines and the WebsocketSession's (shared_ptr).
///
/// Bad input: a frame that is not a JSON object with an event name, or a binary frame, ends
/// the call at once (kProtocolError, close code policy_error, the reason in the close frame):
/// no carrier sends those, so the peer is not speaking the protocol. A known event with a bad
/// field (bad base64, missing mark name, media before start) is counted and dropped; a run of
/// max_consecutive_bad_events of them ends the call the same way.
class MediaStreamSession final : public CallLeg,
                                 public std::enable_shared_from_this<MediaStreamSession>,
                                 private net::WebsocketOwner {
public:
    MediaStreamSession(net::UpgradeContext&& context, std::unique_ptr<Carrier> carrier,
                       const SessionLimits& limits);
    ~MediaStreamSession() override;
    MediaStreamSession(const MediaStreamSession&) = delete;
    MediaStreamSession& operator=(const MediaStreamSession&) = delete;
    MediaStreamSession(MediaStreamSession&&) = delete;
    MediaStreamSession& operator=(MediaStreamSession&&) = delete;

    [[nodiscard]] boost::asio::any_io_executor executor() const override;
    void start(CallLegListener& listener) override;
    void send_audio(std::span<const std::uint8_t> audio) override;
    void send_mark(std::string name) override;
    void flush_audio() override;
    void clear() override;
    void hang_up() override;
    void transfer(const std::string& phone_number) override;
    void close(LegEnd reason) noexcept override;

    [[nodiscard]] const SessionCounters& counters() const noexcept { return counters_; }

private:
    using Clock = std::chrono::steady_clock;

    // net::WebsocketOwner, in media_stream_session.cpp.
    [[nodiscard]] std::shared_ptr<void> keep_alive() override { return shared_from_this(); }
    void on_accepted(const net::WebsocketSession::Request& request) override;
    void on_message(std::string_view payload, bool is_text) override;
    [[nodiscard]] std::optional<std::string> next_frame() override;
    void on_frame_written() override;
    void on_io_error(net::WebsocketOp op, const boost::beast::error_code& ec) override;
    void on_exception(const char* what, std::string_view error) noexcept override;

    static net::WebsocketSession::Awaitable<> watchdog(std::shared_ptr<MediaStreamSession> self);

    void handle_frame(std::string_view text);
    void handle_event(StartEvent&& start);
    void handle_event(const MediaEvent& media);
    void handle_event(const DtmfEvent& dtmf);
    void handle_event(const MarkEvent& mark);
    void handle_event(const StopEvent& stop);
    void handle_event(const InvalidEvent& invalid);
    void handle_event(const ConnectedEvent&) {}
    void handle_event(const IgnoredEvent& ignored);
    void note_good_event() noexcept { consecutive_bad_events_ = 0; }

    void enqueue(OutboundFrame frame);
    void enqueue_all(std::vector<OutboundFrame>& frames);
    /// Starts, restarts or stops the held_audio_flush backstop after agent audio.
    void watch_held_audio();
    [[nodiscard]] Clock::time_point next_deadline() const noexcept;
    void on_watchdog_expired();
    void on_transfer_result(const CallControlResult& result);

    /// The leg ends on its own: close, then tell the listener (posted, so never re-entrant).
    void end(LegEnd reason, std::string detail) noexcept;
    /// The one close path; idempotent.
    void shut(LegEnd reason, std::string_view detail) noexcept;
    void log_summary(LegEnd reason, std::string_view detail) const noexcept;

    net::WebsocketSession ws_;               // its is_closed() is this leg's closed state
    boost::asio::any_io_executor executor_;  // the connection's strand, for executor()
    std::string log_prefix_;                 // "request_id=… call_sid=… stream_sid=…"
    std::unique_ptr<Carrier> carrier_;
    SessionLimits limits_;
    BoundedSendQueue send_queue_{0};             // limit set once the format is known
    net::StrandTimer watchdog_;                  // cancelled to make watchdog re-read deadlines
    CallLegListener* listener_ = nullptr;        // borrowed; nulled by close()/end()
    CallLegListener* ended_listener_ = nullptr;  // awaiting on_leg_ended; nulled by close()
    std::optional<CallStart> call_;
    std::vector<std::uint8_t> audio_scratch_;   // decoded inbound payload, reused
    std::vector<OutboundFrame> frame_scratch_;  // outbound frames being built, reused
    SessionCounters counters_;
    Clock::time_point opened_at_ = Clock::now();
    Clock::time_point start_deadline_ = Clock::time_point::max();
    Clock::time_point write_deadline_ = Clock::time_point::max();
    Clock::time_point flush_deadline_ = Clock::time_point::max();  // held audio goes out
    std::int64_t media_clock_ms_ = 0;  // carrier's clock, or bytes received turned into time
    int consecutive_bad_events_ = 0;
    bool started_ = false;
    bool transferring_ = false;
};

}  // namespace frontdesk::telephony
