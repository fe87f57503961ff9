// MediaStreamSession: what each inbound event does (the I/O lives in media_stream_session.cpp).

#include <utility>
#include <variant>

#include "core/phone.hpp"
#include "media/base64.hpp"
#include "telephony/media_stream_session.hpp"
#include "telephony/session_log.hpp"

namespace frontdesk::telephony {
namespace {

spdlog::logger& log() { return detail::telephony_log(); }

constexpr std::size_t kControlReserveBytes = std::size_t{16} << 10;
// Frame text is base64 (4/3 of the audio) plus a JSON envelope: budget 3/2 of the audio bytes.
constexpr std::size_t kFrameOverheadNumerator = 3;
constexpr std::size_t kFrameOverheadDenominator = 2;

}  // namespace

void MediaStreamSession::handle_frame(std::string_view text) {
    std::visit(
        [this](auto&& event) {
            using Event = std::decay_t<decltype(event)>;
            if constexpr (std::is_same_v<Event, StartEvent>) {
                handle_event(std::move(event));
            } else {
                handle_event(event);
            }
        },
        carrier_->parse(text));
}

void MediaStreamSession::handle_event(StartEvent&& start) {
    if (call_) {
        handle_event(InvalidEvent{"second start event"});
        return;
    }
    auto described = carrier_->describe(start);
    if (!described) {
        end(LegEnd::kProtocolError, carrier_->refusal());
        return;
    }
    note_good_event();
    call_ = std::move(described);
    log_prefix_ += " call_sid=" + call_->call_id + " stream_sid=" + call_->stream_id;
    const auto audio_bytes = media::bytes_per_duration(call_->format, limits_.outbound_audio_budget);
    send_queue_.set_byte_limit(audio_bytes * kFrameOverheadNumerator / kFrameOverheadDenominator +
                               kControlReserveBytes);
    watchdog_.cancel();  // the start deadline no longer applies
    log().info("{} {} call started facility={} caller={} called={}", log_prefix_,
               carrier_->name(), call_->facility_id, redact_phone(call_->caller),
               redact_phone(call_->called));
    if (listener_ != nullptr) listener_->on_call_started(*call_);
}

void MediaStreamSession::handle_event(const MediaEvent& media) {
    if (!call_) {
        handle_event(InvalidEvent{"media before start"});
        return;
    }
    const auto size = media::base64_decoded_size(media.payload);
    if (!size) {
        handle_event(InvalidEvent{"media payload is not base64"});
        return;
    }
    if (audio_scratch_.size() < *size) audio_scratch_.resize(*size);
    const auto decoded = media::base64_decode(media.payload, audio_scratch_);
    if (!decoded) {
        handle_event(InvalidEvent{"media payload is not base64"});
        return;
    }
    note_good_event();
    if (carrier_->has_media_clock() && media.timestamp_ms) media_clock_ms_ = *media.timestamp_ms;
    const auto at = std::chrono::milliseconds{media_clock_ms_};
    if (!carrier_->has_media_clock()) {
        media_clock_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(
                               media::duration_of_bytes(call_->format, *decoded))
                               .count();
    }
    counters_.audio_bytes_in += *decoded;
    if (listener_ != nullptr) {
        listener_->on_caller_audio(std::span<const std::uint8_t>{audio_scratch_.data(), *decoded},
                                   at);
    }
}

void MediaStreamSession::handle_event(const DtmfEvent& dtmf) {
    note_good_event();
    log().debug("{} dtmf", log_prefix_);
    if (listener_ != nullptr) listener_->on_dtmf(dtmf.digit);
}

void MediaStreamSession::handle_event(const MarkEvent& mark) {
    note_good_event();
    if (listener_ != nullptr) listener_->on_mark(mark.name);
}

void MediaStreamSession::handle_event(const StopEvent& stop) {
    const auto reason = transferring_ ? LegEnd::kTransferred : LegEnd::kCallerHungUp;
    end(reason, stop.reason.empty() ? std::string{"stop"} : "stop: " + stop.reason);
}

void MediaStreamSession::handle_event(const IgnoredEvent& ignored) {
    log().debug("{} ignoring event {}", log_prefix_, ignored.name);
}

void MediaStreamSession::handle_event(const InvalidEvent& invalid) {
    ++counters_.bad_events;
    ++consecutive_bad_events_;
    if (invalid.fatal || consecutive_bad_events_ > limits_.max_consecutive_bad_events) {
        end(LegEnd::kProtocolError, "malformed frame: " + invalid.reason);
        return;
    }
    // Rate limit: the first of a run, then every tenth; the end-of-call line has the total.
    constexpr std::uint64_t kLogEvery = 10;
    if (counters_.bad_events % kLogEvery == 1) {
        log().warn("{} dropped bad event ({} so far): {}", log_prefix_, counters_.bad_events,
                   invalid.reason);
    }
}

}  // namespace frontdesk::telephony
