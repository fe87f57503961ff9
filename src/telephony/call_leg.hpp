#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "media/audio_format.hpp"

namespace frontdesk::telephony {

/// What the carrier told us when the media stream started.
struct CallStart {
    std::string carrier;        // "twilio" or "exotel"
    std::string call_id;        // Twilio CallSid / Exotel call sid
    std::string stream_id;      // Twilio streamSid / Exotel stream_sid
    std::string facility_id;    // from the stream's custom parameters (TwiML <Parameter>)
    std::string caller;         // E.164 caller ID, empty when withheld
    std::string called;         // the facility number dialled
    media::AudioFormat format;  // what on_caller_audio delivers and send_audio expects
    std::map<std::string, std::string> parameters;  // every custom parameter as sent
};

/// Why a leg ended.
enum class LegEnd : std::uint8_t {
    kCallerHungUp,    // carrier sent stop / closed normally
    kLocalHangup,     // we ended the call (end_call tool, idle, max length)
    kTransferred,     // handed to a person
    kProtocolError,   // malformed frames from the carrier
    kSlowConsumer,    // the carrier stopped reading our audio
    kTransportError,  // socket failure
    kModelFailure,    // the model leg failed and the call could not continue
    kShutdown,        // server stopping
};

[[nodiscard]] std::string_view to_string(LegEnd reason) noexcept;

/// Implemented by the call's bridge (realtime::CallSession). Called only on the call strand.
class CallLegListener {
public:
    virtual ~CallLegListener() = default;
    virtual void on_call_started(const CallStart& start) = 0;
    /// Caller audio in CallStart::format, any length. `media_timestamp`: the carrier's running
    /// media clock for this chunk (Twilio media.timestamp), used for barge-in bookkeeping.
    virtual void on_caller_audio(std::span<const std::uint8_t> audio,
                                 std::chrono::milliseconds media_timestamp) = 0;
    /// The carrier played everything we sent before the mark named `name`.
    virtual void on_mark(std::string_view name) = 0;
    virtual void on_dtmf(char digit) = 0;
    /// Last call: the leg is closed and will not call the listener again.
    virtual void on_leg_ended(LegEnd reason, std::string_view detail) = 0;
    /// transfer() could not be carried out (no call control, carrier refused, network); the leg
    /// is still open and the caller still connected. Default: ignored.
    virtual void on_transfer_failed(std::string_view /*detail*/) {}
};

/// The telephony side of one call: a carrier's media-stream websocket (Twilio or Exotel)
/// plus that carrier's call control. Carrier-neutral so the bridge never names a carrier.
///
/// Strand: every method is called on executor(), the call strand the websocket was accepted
/// on; the bridge runs its model connection and timers on the same strand. The leg is owned by
/// shared_ptr (kept alive by its own pending I/O); it borrows the listener until close() or
/// on_leg_ended, whichever comes first.
class CallLeg {
public:
    virtual ~CallLeg() = default;

    [[nodiscard]] virtual boost::asio::any_io_executor executor() const = 0;

    /// Starts reading; on_call_started follows once the carrier's start event arrives.
    virtual void start(CallLegListener& listener) = 0;
    /// Queues agent audio (CallStart::format, any length); bounded, see the implementation.
    /// A carrier with a minimum chunk size (Exotel) may hold the end of it back until more
    /// audio, flush_audio() or a short backstop (SessionLimits::held_audio_flush).
    virtual void send_audio(std::span<const std::uint8_t> audio) = 0;
    /// Queues a mark after the audio sent so far; its echo arrives via on_mark once all of that
    /// audio has played. Never forces held audio out: the mark waits behind it.
    virtual void send_mark(std::string name) = 0;
    /// The agent's audio pauses here (a response's audio is complete, or a prompt ends): audio
    /// held back goes out now, padded with silence if the carrier needs it, with the marks
    /// behind it. Call it only at a real pause: padding in mid-sentence is heard as a stutter.
    virtual void flush_audio() = 0;
    /// Barge-in: drops our queued and held audio locally and at the carrier. Marks still
    /// queued or held go out behind the clear; with no audio before them any more, the carrier
    /// echoes them at once, so each mark sent still gets one echo.
    virtual void clear() = 0;
    /// Ends the call at the carrier (Twilio REST Status=completed; Exotel closes the stream) and
    /// closes the leg at once, like close(LegEnd::kLocalHangup): no on_leg_ended follows.
    virtual void hang_up() = 0;
    /// Hands the call to `phone_number` (E.164) at the carrier. Asynchronous: on success the leg
    /// ends with on_leg_ended(kTransferred); on failure on_transfer_failed and the leg stays open.
    virtual void transfer(const std::string& phone_number) = 0;
    /// Idempotent; after it the listener is never called again.
    virtual void close(LegEnd reason) noexcept = 0;
};

}  // namespace frontdesk::telephony
