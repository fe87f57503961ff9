#include "telephony/media_stream_session.hpp"

#include <algorithm>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket/error.hpp>

#include "core/phone.hpp"
#include "net/websocket_upgrade.hpp"
#include "telephony/session_log.hpp"

namespace frontdesk::telephony {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable_t<net::Strand>{});

spdlog::logger& log() { return detail::telephony_log(); }

[[nodiscard]] websocket::close_code close_code_for(LegEnd reason) noexcept {
    switch (reason) {
        case LegEnd::kCallerHungUp:
        case LegEnd::kLocalHangup:
        case LegEnd::kTransferred:
            return websocket::close_code::normal;
        case LegEnd::kProtocolError:
        case LegEnd::kSlowConsumer:
            return websocket::close_code::policy_error;
        case LegEnd::kShutdown:
            return websocket::close_code::service_restart;
        case LegEnd::kTransportError:
        case LegEnd::kModelFailure:
            return websocket::close_code::internal_error;
    }
    return websocket::close_code::internal_error;
}

/// The peer ended the connection in a way that is part of a normal call ending.
[[nodiscard]] bool is_peer_close(const beast::error_code& ec) noexcept {
    return ec == websocket::error::closed;
}

[[nodiscard]] net::WebsocketSettings websocket_settings(const SessionLimits& limits) {
    return {.read_message_max = limits.read_message_max,
            .timeout = websocket::stream_base::timeout::suggested(beast::role_type::server),
            .close_timeout = limits.close_timeout};
}

}  // namespace

MediaStreamSession::MediaStreamSession(net::UpgradeContext&& context,
                                       std::unique_ptr<Carrier> carrier,
                                       const SessionLimits& limits)
    // The bare socket on its concrete strand: the websocket keeps its own timeouts.
    : ws_(*this, net::to_strand_socket(context.stream.release_socket()), std::move(context.request),
          websocket_settings(limits)),
      executor_(ws_.executor()),
      log_prefix_("request_id=" + context.request_id),
      carrier_(std::move(carrier)),
      limits_(limits),
      watchdog_(ws_.executor()) {}

MediaStreamSession::~MediaStreamSession() = default;

asio::any_io_executor MediaStreamSession::executor() const { return executor_; }

void MediaStreamSession::start(CallLegListener& listener) {
    if (started_ || ws_.is_closed()) return;
    started_ = true;
    listener_ = &listener;
    start_deadline_ = Clock::now() + limits_.start_timeout;
    ws_.start();
}

void MediaStreamSession::on_accepted(const net::WebsocketSession::Request& /*request*/) {
    ws_.spawn(watchdog(shared_from_this()), "watchdog");
}

void MediaStreamSession::on_message(std::string_view payload, bool is_text) {
    ++counters_.frames_in;
    if (!is_text) {
        handle_event(InvalidEvent{"binary frame", true});
    } else {
        handle_frame(payload);
    }
}

std::optional<std::string> MediaStreamSession::next_frame() {
    auto frame = send_queue_.pop();
    if (!frame) return std::nullopt;
    write_deadline_ = Clock::now() + limits_.write_stall;
    // Per frame this deadline only moves later, which the watchdog re-reads when it wakes:
    // only one earlier than its expiry needs it woken now (once per write_stall at most).
    if (write_deadline_ < watchdog_.expiry()) watchdog_.cancel();
    return std::move(frame->text);
}

void MediaStreamSession::on_frame_written() {
    write_deadline_ = Clock::time_point::max();
    ++counters_.frames_out;
}

void MediaStreamSession::on_io_error(net::WebsocketOp op, const beast::error_code& ec) {
    switch (op) {
        case net::WebsocketOp::kAccept:
            end(LegEnd::kTransportError, "websocket handshake failed: " + ec.message());
            return;
        case net::WebsocketOp::kRead:
            if (is_peer_close(ec)) {
                end(LegEnd::kCallerHungUp, "carrier closed the stream");
            } else if (ec == websocket::error::message_too_big) {
                end(LegEnd::kProtocolError, "frame too large");
            } else {
                end(LegEnd::kTransportError, ec.message());
            }
            return;
        case net::WebsocketOp::kWrite:
            end(LegEnd::kTransportError, "write failed: " + ec.message());
            return;
        case net::WebsocketOp::kClose:
            if (ec == asio::error::timed_out) {
                log().debug("{} close handshake timed out; cutting the socket", log_prefix_);
            } else {
                log().debug("{} close: {}", log_prefix_, ec.message());
            }
            return;
    }
}

void MediaStreamSession::on_exception(const char* what, std::string_view error) noexcept {
    try {
        if (error.empty()) {
            log().error("{} {} failed", log_prefix_, what);
        } else {
            log().error("{} {} failed: {}", log_prefix_, what, error);
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): a log line must not stop the end
    }
    end(LegEnd::kTransportError, "internal error");
}

MediaStreamSession::Clock::time_point MediaStreamSession::next_deadline() const noexcept {
    return std::min(
        {write_deadline_, call_ ? Clock::time_point::max() : start_deadline_, flush_deadline_});
}

net::WebsocketSession::Awaitable<> MediaStreamSession::watchdog(
    std::shared_ptr<MediaStreamSession> self) {
    // Ends with the leg: the close handshake's deadline is the WebsocketSession's.
    while (!self->ws_.is_closed()) {
        self->watchdog_.expires_at(self->next_deadline());
        co_await self->watchdog_.async_wait(kAwaitTuple);
        // Woken early (cancel) or late: either way decide from the deadlines, not the error.
        if (!self->ws_.is_closed() && Clock::now() >= self->next_deadline()) {
            self->on_watchdog_expired();
        }
    }
}

void MediaStreamSession::on_watchdog_expired() {
    const auto now = Clock::now();
    if (!call_ && now >= start_deadline_) {
        end(LegEnd::kProtocolError, "no start event");
    } else if (now >= write_deadline_) {
        // A peer that still sends but stopped reading: Beast's idle timeout cannot see it.
        end(LegEnd::kSlowConsumer, "write stalled");
    } else if (now >= flush_deadline_) {
        // The agent's audio stopped without flush_audio(): the held tail must not be stranded.
        ++counters_.held_audio_flushes;
        log().debug("{} no agent audio for {} ms: held audio sent padded", log_prefix_,
                    limits_.held_audio_flush.count());
        flush_audio();
    }
}

void MediaStreamSession::enqueue(OutboundFrame frame) {
    if (ws_.is_closed()) return;
    if (!send_queue_.push(std::move(frame))) {
        end(LegEnd::kSlowConsumer, "send queue full");
        return;
    }
    ws_.write_pending();
}

void MediaStreamSession::enqueue_all(std::vector<OutboundFrame>& frames) {
    for (auto& frame : frames) enqueue(std::move(frame));
    frames.clear();
}

void MediaStreamSession::send_audio(std::span<const std::uint8_t> audio) {
    if (ws_.is_closed() || !call_ || audio.empty()) return;
    carrier_->frame_audio(audio, frame_scratch_);
    counters_.audio_bytes_out += audio.size();
    enqueue_all(frame_scratch_);
    watch_held_audio();
}

void MediaStreamSession::watch_held_audio() {
    if (!carrier_->holds_audio()) {
        flush_deadline_ = Clock::time_point::max();
        return;
    }
    flush_deadline_ = Clock::now() + limits_.held_audio_flush;
    // A later deadline than the watchdog's is re-read when it wakes; only an earlier one
    // needs it woken now.
    if (flush_deadline_ < watchdog_.expiry()) watchdog_.cancel();
}

void MediaStreamSession::send_mark(std::string name) {
    if (ws_.is_closed() || !call_) return;
    carrier_->frame_mark(name, frame_scratch_);
    enqueue_all(frame_scratch_);
}

void MediaStreamSession::flush_audio() {
    if (ws_.is_closed() || !call_) return;
    flush_deadline_ = Clock::time_point::max();
    carrier_->flush_audio(frame_scratch_);
    enqueue_all(frame_scratch_);
}

void MediaStreamSession::clear() {
    if (ws_.is_closed() || !call_) return;
    flush_deadline_ = Clock::time_point::max();
    carrier_->drop_audio(frame_scratch_);  // the held audio goes; its marks come back
    counters_.audio_frames_cleared += send_queue_.drop_audio();
    // Queued and held marks go behind the clear: with no audio before them the carrier echoes
    // them at once, so every mark sent still gets exactly one echo.
    if (!send_queue_.push_front(OutboundFrame{carrier_->clear_frame(), FrameKind::kControl})) {
        frame_scratch_.clear();
        end(LegEnd::kSlowConsumer, "send queue full");
        return;
    }
    enqueue_all(frame_scratch_);
    ws_.write_pending();
}

void MediaStreamSession::hang_up() {
    if (ws_.is_closed()) return;
    if (call_) carrier_->hang_up(*call_);
    close(LegEnd::kLocalHangup);
}

void MediaStreamSession::transfer(const std::string& phone_number) {
    if (ws_.is_closed()) return;
    if (!call_ || transferring_) {
        on_transfer_result({false, 0, call_ ? "transfer already in progress" : "call not started"});
        return;
    }
    transferring_ = true;
    log().info("{} transferring to {}", log_prefix_, redact_phone(phone_number));
    carrier_->transfer(*call_, phone_number, executor(),
                       [weak = weak_from_this()](const CallControlResult& result) {
                           if (auto self = weak.lock()) self->on_transfer_result(result);
                       });
}

void MediaStreamSession::on_transfer_result(const CallControlResult& result) {
    if (ws_.is_closed()) return;
    if (result.ok) {
        end(LegEnd::kTransferred, "transferred");
        return;
    }
    transferring_ = false;
    log().warn("{} transfer failed: {}", log_prefix_, result.detail);
    // Posted: transfer() may have been called by the listener itself.
    asio::post(ws_.executor(), [self = shared_from_this(), detail = result.detail] {
        if (self->listener_ != nullptr) self->listener_->on_transfer_failed(detail);
    });
}

void MediaStreamSession::close(LegEnd reason) noexcept {
    ended_listener_ = nullptr;
    shut(reason, to_string(reason));
}

void MediaStreamSession::end(LegEnd reason, std::string detail) noexcept {
    if (ws_.is_closed()) return;
    ended_listener_ = std::exchange(listener_, nullptr);
    shut(reason, detail);
    try {
        asio::post(ws_.executor(), [self = shared_from_this(), reason, detail] {
            if (auto* listener = std::exchange(self->ended_listener_, nullptr)) {
                listener->on_leg_ended(reason, detail);
            }
        });
    } catch (...) {
        ended_listener_ = nullptr;  // allocation failed: the listener is not called again
    }
}

void MediaStreamSession::shut(LegEnd reason, std::string_view detail) noexcept {
    if (ws_.is_closed()) return;
    listener_ = nullptr;
    send_queue_.clear();
    log_summary(reason, detail);
    // A peer that is not reading would hold our close frame forever: cut it off instead.
    const bool peer_stuck = reason == LegEnd::kSlowConsumer || reason == LegEnd::kTransportError;
    if (peer_stuck) {
        ws_.cut();
    } else {
        ws_.close(close_code_for(reason), detail);
    }
    watchdog_.cancel();  // its deadlines are over: let it end
}

void MediaStreamSession::log_summary(LegEnd reason, std::string_view detail) const noexcept {
    try {
        const auto seconds = std::chrono::duration<double>(Clock::now() - opened_at_).count();
        log().info(
            "{} {} leg ended: reason={} detail=\"{}\" duration={:.1f}s frames_in={} frames_out={} "
            "audio_in={}B audio_out={}B bad_events={} cleared_frames={} held_audio_flushes={}",
            log_prefix_, carrier_->name(), to_string(reason), detail, seconds, counters_.frames_in,
            counters_.frames_out, counters_.audio_bytes_in, counters_.audio_bytes_out,
            counters_.bad_events, counters_.audio_frames_cleared, counters_.held_audio_flushes);
    } catch (...) {  // NOLINT(bugprone-empty-catch): a log line must not fail the close
    }
}

}  // namespace frontdesk::telephony
