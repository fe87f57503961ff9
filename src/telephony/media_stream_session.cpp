#include "telephony/media_stream_session.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>

#include "core/phone.hpp"
#include "net/websocket_upgrade.hpp"
#include "telephony/session_log.hpp"

namespace frontdesk::telephony {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable_t<net::Strand>{});
// A websocket close reason is at most 123 bytes (RFC 6455 §5.5).
constexpr std::size_t kMaxCloseReason = 120;

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

}  // namespace

MediaStreamSession::MediaStreamSession(net::UpgradeContext&& context,
                                       std::unique_ptr<Carrier> carrier,
                                       const SessionLimits& limits)
    // The bare socket on its concrete strand: the websocket keeps its own timeouts.
    : ws_(net::to_strand_socket(context.stream.release_socket())),
      executor_(ws_.get_executor()),
      request_(std::move(context.request)),
      log_prefix_("request_id=" + context.request_id),
      carrier_(std::move(carrier)),
      limits_(limits),
      writer_wakeup_(ws_.get_executor()),
      watchdog_(ws_.get_executor()) {}

MediaStreamSession::~MediaStreamSession() = default;

asio::any_io_executor MediaStreamSession::executor() const { return executor_; }

void MediaStreamSession::spawn(Awaitable<> coroutine, const char* what) {
    // An exception escaping a coroutine ends this call only, never the io_context.
    asio::co_spawn(ws_.get_executor(), std::move(coroutine),
                   [self = shared_from_this(), what](const std::exception_ptr& error) {
                       if (!error) return;
                       try {
                           std::rethrow_exception(error);
                       } catch (const std::exception& e) {
                           log().error("{} {} failed: {}", self->log_prefix_, what, e.what());
                       } catch (...) {
                           log().error("{} {} failed", self->log_prefix_, what);
                       }
                       self->end(LegEnd::kTransportError, "internal error");
                   });
}

void MediaStreamSession::start(CallLegListener& listener) {
    if (started_ || closed_) return;
    started_ = true;
    listener_ = &listener;
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(limits_.read_message_max);
    start_deadline_ = Clock::now() + limits_.start_timeout;
    spawn(read_loop(shared_from_this()), "read loop");
}

MediaStreamSession::Awaitable<> MediaStreamSession::read_loop(
    std::shared_ptr<MediaStreamSession> self) {
    auto [accept_ec] = co_await self->ws_.async_accept(self->request_, kAwaitTuple);
    if (accept_ec) {
        self->end(LegEnd::kTransportError, "websocket handshake failed: " + accept_ec.message());
        co_return;
    }
    self->accepted_ = true;
    self->request_ = {};
    self->spawn(write_loop(self), "write loop");
    self->spawn(watchdog(self), "watchdog");
    while (!self->closed_) {
        auto [ec, size] = co_await self->ws_.async_read(self->read_buffer_, kAwaitTuple);
        if (self->closed_) co_return;
        if (ec) {
            if (is_peer_close(ec)) {
                self->end(LegEnd::kCallerHungUp, "carrier closed the stream");
            } else if (ec == websocket::error::message_too_big) {
                self->end(LegEnd::kProtocolError, "frame too large");
            } else {
                self->end(LegEnd::kTransportError, ec.message());
            }
            co_return;
        }
        ++self->counters_.frames_in;
        if (!self->ws_.got_text()) {
            self->handle_event(InvalidEvent{"binary frame", true});
        } else {
            const auto data = self->read_buffer_.cdata();
            self->handle_frame({static_cast<const char*>(data.data()), data.size()});
        }
        self->read_buffer_.consume(size);
    }
}

MediaStreamSession::Awaitable<> MediaStreamSession::write_loop(
    std::shared_ptr<MediaStreamSession> self) {
    while (!self->closed_) {
        auto frame = self->send_queue_.pop();
        if (!frame) {
            self->writer_wakeup_.expires_at(Clock::time_point::max());
            self->writer_waiting_ = true;
            co_await self->writer_wakeup_.async_wait(kAwaitTuple);
            self->writer_waiting_ = false;
            continue;
        }
        self->ws_.text(true);
        self->write_deadline_ = Clock::now() + self->limits_.write_stall;
        // Per frame this deadline only moves later, which the watchdog re-reads when it wakes:
        // only one earlier than its expiry needs it woken now (once per write_stall at most).
        if (self->write_deadline_ < self->watchdog_.expiry()) self->watchdog_.cancel();
        auto [ec, written] = co_await self->ws_.async_write(asio::buffer(frame->text), kAwaitTuple);
        self->write_deadline_ = Clock::time_point::max();
        if (self->closed_) co_return;
        if (ec) {
            self->end(LegEnd::kTransportError, "write failed: " + ec.message());
            co_return;
        }
        ++self->counters_.frames_out;
    }
}

MediaStreamSession::Clock::time_point MediaStreamSession::next_deadline() const noexcept {
    if (closed_) return close_deadline_;
    return std::min(
        {write_deadline_, call_ ? Clock::time_point::max() : start_deadline_, flush_deadline_});
}

MediaStreamSession::Awaitable<> MediaStreamSession::watchdog(
    std::shared_ptr<MediaStreamSession> self) {
    while (!self->socket_cut_) {
        self->watchdog_.expires_at(self->next_deadline());
        co_await self->watchdog_.async_wait(kAwaitTuple);
        // Woken early (cancel) or late: either way decide from the deadlines, not the error.
        if (!self->socket_cut_ && Clock::now() >= self->next_deadline()) {
            self->on_watchdog_expired();
        }
    }
}

void MediaStreamSession::on_watchdog_expired() {
    const auto now = Clock::now();
    if (closed_) {
        log().debug("{} close handshake timed out; cutting the socket", log_prefix_);
        cut_socket();
    } else if (!call_ && now >= start_deadline_) {
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
    if (closed_) return;
    if (!send_queue_.push(std::move(frame))) {
        end(LegEnd::kSlowConsumer, "send queue full");
        return;
    }
    wake_writer();
}

void MediaStreamSession::wake_writer() {
    if (writer_waiting_) writer_wakeup_.cancel();
}

void MediaStreamSession::enqueue_all(std::vector<OutboundFrame>& frames) {
    for (auto& frame : frames) enqueue(std::move(frame));
    frames.clear();
}

void MediaStreamSession::send_audio(std::span<const std::uint8_t> audio) {
    if (closed_ || !call_ || audio.empty()) return;
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
    if (closed_ || !call_) return;
    carrier_->frame_mark(name, frame_scratch_);
    enqueue_all(frame_scratch_);
}

void MediaStreamSession::flush_audio() {
    if (closed_ || !call_) return;
    flush_deadline_ = Clock::time_point::max();
    carrier_->flush_audio(frame_scratch_);
    enqueue_all(frame_scratch_);
}

void MediaStreamSession::clear() {
    if (closed_ || !call_) return;
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
    wake_writer();
}

void MediaStreamSession::hang_up() {
    if (closed_) return;
    if (call_) carrier_->hang_up(*call_);
    close(LegEnd::kLocalHangup);
}

void MediaStreamSession::transfer(const std::string& phone_number) {
    if (closed_) return;
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
    if (closed_) return;
    if (result.ok) {
        end(LegEnd::kTransferred, "transferred");
        return;
    }
    transferring_ = false;
    log().warn("{} transfer failed: {}", log_prefix_, result.detail);
    // Posted: transfer() may have been called by the listener itself.
    asio::post(ws_.get_executor(), [self = shared_from_this(), detail = result.detail] {
        if (self->listener_ != nullptr) self->listener_->on_transfer_failed(detail);
    });
}

void MediaStreamSession::close(LegEnd reason) noexcept {
    ended_listener_ = nullptr;
    shut(reason, to_string(reason));
}

void MediaStreamSession::end(LegEnd reason, std::string detail) noexcept {
    if (closed_) return;
    ended_listener_ = std::exchange(listener_, nullptr);
    shut(reason, detail);
    try {
        asio::post(ws_.get_executor(), [self = shared_from_this(), reason, detail] {
            if (auto* listener = std::exchange(self->ended_listener_, nullptr)) {
                listener->on_leg_ended(reason, detail);
            }
        });
    } catch (...) {
        ended_listener_ = nullptr;  // allocation failed: the listener is not called again
    }
}

void MediaStreamSession::shut(LegEnd reason, std::string_view detail) noexcept {
    if (std::exchange(closed_, true)) return;
    listener_ = nullptr;
    send_queue_.clear();
    writer_wakeup_.cancel();
    log_summary(reason, detail);
    // A peer that is not reading would hold our close frame forever: cut it off instead.
    const bool peer_stuck = reason == LegEnd::kSlowConsumer || reason == LegEnd::kTransportError;
    if (!accepted_ || peer_stuck || !ws_.is_open()) {
        cut_socket();
        return;
    }
    close_deadline_ = Clock::now() + limits_.close_timeout;
    watchdog_.cancel();
    try {
        spawn(close_handshake(shared_from_this(), reason,
                              std::string{detail.substr(0, kMaxCloseReason)}),
              "close");
    } catch (...) {
        cut_socket();
    }
}

MediaStreamSession::Awaitable<> MediaStreamSession::close_handshake(
    std::shared_ptr<MediaStreamSession> self, LegEnd reason, std::string detail) {
    const websocket::close_reason why{close_code_for(reason), detail};
    auto [ec] = co_await self->ws_.async_close(why, kAwaitTuple);
    if (ec && ec != asio::error::operation_aborted && ec != websocket::error::closed) {
        log().debug("{} close: {}", self->log_prefix_, ec.message());
    }
    self->cut_socket();
}

void MediaStreamSession::cut_socket() noexcept {
    if (std::exchange(socket_cut_, true)) return;
    beast::error_code ignored;
    auto& socket = beast::get_lowest_layer(ws_);
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    watchdog_.cancel();
    writer_wakeup_.cancel();
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
