#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "telephony/call_leg.hpp"
#include "telephony/send_queue.hpp"
#include "telephony/stream_events.hpp"

namespace frontdesk::telephony {

/// Outcome of a carrier call-control request (REST hang-up or transfer).
struct CallControlResult {
    bool ok = false;
    int http_status = 0;  // 0: no HTTP answer
    std::string detail;   // for logs and on_transfer_failed; never holds credentials
};
using CallControlDone = std::function<void(CallControlResult)>;

/// One carrier's dialect of the media-stream protocol, plugged into MediaStreamSession: how
/// frames are parsed and built and how the call is controlled. One instance per call, used
/// only on the call strand.
class Carrier {
public:
    virtual ~Carrier() = default;

    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    [[nodiscard]] virtual StreamEvent parse(std::string_view text) const = 0;
    /// Builds the CallStart from the start event (remembering the stream id for outbound
    /// frames), or nullopt when the stream cannot be served (e.g. an unsupported format, a
    /// refused stream token).
    [[nodiscard]] virtual std::optional<CallStart> describe(const StartEvent& start) = 0;
    /// Why the last describe() returned nullopt: the close reason sent to the carrier and
    /// logged, so it never holds a token or credential.
    [[nodiscard]] virtual std::string refusal() const { return "unsupported media format"; }
    /// Whether media.timestamp is the media clock (Twilio); otherwise the session counts bytes.
    [[nodiscard]] virtual bool has_media_clock() const noexcept = 0;

    // Outbound audio and marks. A carrier may hold audio back to fill its chunks (Exotel); a
    // mark then waits behind that audio and goes out right after the frame that completes it,
    // so an echo always means "everything before this mark played".

    /// Appends the frames carrying `audio` (possibly none while a chunk is being filled), each
    /// followed by the marks it releases.
    virtual void frame_audio(std::span<const std::uint8_t> audio,
                             std::vector<OutboundFrame>& frames) = 0;
    /// Appends the mark's frame, or holds the mark behind the audio held back.
    virtual void frame_mark(std::string_view name, std::vector<OutboundFrame>& frames) = 0;
    /// The agent's audio paused: appends the audio held back (padded as the carrier requires)
    /// and the marks behind it.
    virtual void flush_audio(std::vector<OutboundFrame>& frames) = 0;
    /// Barge-in: forgets the audio held back and appends the marks behind it, which now have
    /// no audio before them.
    virtual void drop_audio(std::vector<OutboundFrame>& frames) = 0;
    /// Whether audio is held back waiting for more.
    [[nodiscard]] virtual bool holds_audio() const noexcept = 0;
    [[nodiscard]] virtual std::string clear_frame() const = 0;

    /// Ends the call at the carrier beyond closing the socket; fire and forget.
    virtual void hang_up(const CallStart& call) = 0;
    /// Transfers the call; `done` runs on `reply_on`. Carriers without transfer answer !ok.
    virtual void transfer(const CallStart& call, const std::string& phone_number,
                          const boost::asio::any_io_executor& reply_on, CallControlDone done) = 0;
};

}  // namespace frontdesk::telephony
