// CallSession, part 1: start, model set-up (session.update → session.updated → format check →
// greeting), event dispatch, and the one end().
#include "realtime/call_session.hpp"

#include <type_traits>

#include "core/logging.hpp"
#include "core/phone.hpp"
#include "realtime/call_session_parts.hpp"
#include "realtime/session_instructions.hpp"

namespace frontdesk::realtime {
namespace {

using detail::log;

bool is_failure(telephony::LegEnd reason) {
    using telephony::LegEnd;
    return reason == LegEnd::kProtocolError || reason == LegEnd::kSlowConsumer ||
           reason == LegEnd::kTransportError || reason == LegEnd::kModelFailure;
}

/// The model format for a leg's format: G.711 passes through; PCM16 goes as 24 kHz audio/pcm.
media::AudioFormat model_format_for(media::AudioFormat leg) {
    if (media::is_g711(leg.encoding)) return media::openai_audio_format(leg.encoding);
    return media::kOpenAiPcmFormat;
}

}  // namespace

/// Forwards one connection's events to the session, tagged with the connection's generation
/// so that a renewal's two overlapping sessions are told apart. Owned by the session; the
/// connection borrows it until it is closed.
class CallSession::ModelLink final : public RealtimeListener {
public:
    ModelLink(CallSession& session, std::uint32_t generation)
        : session_(session), generation_(generation) {}
    void on_model_connected() override { session_.on_model_connected(generation_); }
    void on_model_event(ServerEvent&& event) override {
        session_.on_model_event(generation_, std::move(event));
    }
    void on_model_closed(ModelEnd reason, std::string_view detail) override {
        session_.on_model_closed(generation_, reason, detail);
    }
    [[nodiscard]] std::uint32_t generation() const noexcept { return generation_; }

private:
    CallSession& session_;
    std::uint32_t generation_;
};

std::shared_ptr<CallSession> CallSession::start(std::shared_ptr<telephony::CallLeg> leg,
                                                const CallSessionServices& services) {
    auto session = std::make_shared<CallSession>(leg, services);
    session->keep_alive_ = session;
    session->start_timers();
    leg->start(*session);
    return session;
}

CallSession::CallSession(std::shared_ptr<telephony::CallLeg> leg,
                         const CallSessionServices& services)
    : leg_(std::move(leg)),
      services_(services),
      settings_(services.settings),
      strand_(leg_->executor()),
      tracker_(media::kTwilioFormat),
      setup_timer_(strand_),
      idle_timer_(strand_),
      max_length_timer_(strand_),
      renewal_timer_(strand_),
      goodbye_timer_(strand_),
      dtmf_timer_(strand_) {}

CallSession::~CallSession() = default;

void CallSession::on_call_started(const telephony::CallStart& start) {
    if (phase_ != Phase::kWaitingForStart) return;
    start_ = start;
    started_at_ = std::chrono::steady_clock::now();
    log_context_ = "call_sid=" + start.call_id + " stream_sid=" + start.stream_id;
    record_ = CallRecord{start.call_id,
                         start.stream_id,
                         start.carrier,
                         start.facility_id,
                         start.caller,
                         services_.clock.now(),
                         {},
                         {},
                         {},
                         {},
                         {},
                         {}};
    services_.stats.call_started();
    services_.recorder.on_call_started(record_);
    phase_ = Phase::kSettingUp;

    facility_ = services_.facilities.find(start.facility_id);
    if (facility_ == nullptr) facility_ = services_.facilities.find_by_phone(start.called);
    log().info("{} call started: carrier={} facility={} caller={}", log_context_, start.carrier,
               facility_ != nullptr ? facility_->id : "unknown", redact_phone(start.caller));
    if (facility_ == nullptr) {
        start_apology("no facility for this call");
        return;
    }
    if (!choose_formats(start.format)) {
        start_apology("unsupported leg audio format");
        return;
    }
    record_.facility_id = facility_->id;
    arm(&CallSession::max_length_timer_, settings_.max_call_length);
    arm(&CallSession::setup_timer_, settings_.model_setup_timeout);
    instructions_ = session_instructions(*facility_, services_.clock, CallerInfo{start.caller});
    open_model(false);
}

bool CallSession::choose_formats(media::AudioFormat leg_format) {
    if (!media::is_supported(leg_format)) return false;
    leg_format_ = leg_format;
    model_format_ = model_format_for(leg_format);
    tracker_ = PlayoutTracker{leg_format_};
    if (leg_format_ == model_format_) return true;  // pass-through: no decoding at all
    transcoders_ = media::make_call_transcoders(leg_format_, model_format_);
    return transcoders_.has_value();
}

void CallSession::open_model(bool continuation) {
    const SendQueueLimits limits{
        media::bytes_per_duration(model_format_, settings_.caller_audio_queue),
        settings_.control_queue_bytes};
    auto connection = services_.connect_model(strand_, limits, log_context_);
    auto link = std::make_unique<ModelLink>(*this, ++generations_);
    if (continuation) {
        next_model_ = connection;
        next_link_ = std::move(link);
        next_model_->start(*next_link_);
    } else {
        model_ = connection;
        model_link_ = std::move(link);
        model_->start(*model_link_);
    }
    ++record_.counters.model_sessions;
    services_.stats.model_session_opened();
}

std::string CallSession::session_update_text() const {
    SessionSettings session;
    session.instructions = instructions_;
    session.voice = facility_->agent.voice;
    session.input_format = model_format_;
    session.output_format = model_format_;
    session.transcription_model = settings_.transcription_model;
    session.vad = settings_.vad;
    session.tools_json = services_.tools.realtime_schemas().dump();
    return build_session_update(session);
}

void CallSession::on_model_connected(std::uint32_t generation) {
    if (phase_ == Phase::kEnded) return;
    auto& connection = next_link_ && next_link_->generation() == generation ? next_model_ : model_;
    if (connection) connection->send_event(session_update_text());
}

void CallSession::on_model_event(std::uint32_t generation, ServerEvent&& event) {
    if (phase_ == Phase::kEnded) return;
    if (const auto* applied = std::get_if<SessionApplied>(&event)) {
        on_session_applied(generation, *applied);
        return;
    }
    if (!model_link_ || model_link_->generation() != generation) return;  // a renewal in setup
    std::visit(
        [this](auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, AudioDelta>) on_audio_delta(value);
            if constexpr (std::is_same_v<T, AudioDone>) on_agent_audio_paused();
            if constexpr (std::is_same_v<T, SpeechStarted>) on_speech_started();
            if constexpr (std::is_same_v<T, SpeechStopped>) on_speech_stopped();
            if constexpr (std::is_same_v<T, AgentTranscript>) {
                if (value.done) add_transcript(Speaker::kAgent, std::move(value.text));
            }
            if constexpr (std::is_same_v<T, CallerTranscript>) {
                add_transcript(Speaker::kCaller, std::move(value.text));
            }
            if constexpr (std::is_same_v<T, FunctionCall>) on_function_call(std::move(value));
            if constexpr (std::is_same_v<T, ResponseCreated>)
                on_response_created(value.response_id);
            if constexpr (std::is_same_v<T, ResponseDone>) on_response_done(value);
            if constexpr (std::is_same_v<T, ServerError>) {
                log().warn("{} model error: type={} code={} message={}", log_context_, value.type,
                           value.code, value.message);
            }
        },
        event);
}

void CallSession::on_session_applied(std::uint32_t generation, const SessionApplied& applied) {
    if (applied.created) return;  // session.created shows the defaults, not our update
    const bool renewal = next_link_ && next_link_->generation() == generation;
    if (!renewal && (!model_link_ || model_link_->generation() != generation)) return;
    const bool formats_match =
        applied.input_format == model_format_ && applied.output_format == model_format_;
    if (!formats_match) {
        services_.stats.model_error();
        log().error("{} model applied another audio format than asked for", log_context_);
        if (renewal) {
            std::exchange(next_model_, nullptr)->close();
            return;
        }
        start_apology("audio format mismatch");
        return;
    }
    if (renewal) {
        // The new session takes over; the old one goes quietly.
        retire_model();
        model_ = std::exchange(next_model_, nullptr);
        model_link_ = std::exchange(next_link_, nullptr);
        arm(&CallSession::renewal_timer_, settings_.session_renewal_after);
        log().info("{} model session renewed", log_context_);
        return;
    }
    if (phase_ == Phase::kSettingUp) go_live();
}

void CallSession::go_live() {
    phase_ = Phase::kLive;
    disarm(&CallSession::setup_timer_);
    arm(&CallSession::renewal_timer_, settings_.session_renewal_after);
    touch_idle();
    // The agent speaks first.
    send_to_model(build_response_create(greeting_instructions(*facility_)));
}

void CallSession::on_model_closed(std::uint32_t generation, ModelEnd reason,
                                  std::string_view detail) {
    if (phase_ == Phase::kEnded) return;
    services_.stats.model_error();
    if (next_link_ && next_link_->generation() == generation) {
        // A failed renewal: the current session still runs; try again later.
        log().warn("{} model renewal failed: {} {}", log_context_, to_string(reason), detail);
        next_model_.reset();
        arm(&CallSession::renewal_timer_, settings_.renewal_retry);
        return;
    }
    if (!model_link_ || model_link_->generation() != generation) return;
    log().error("{} model connection lost: {} {}", log_context_, to_string(reason), detail);
    retire_model();
    if (phase_ == Phase::kFarewell && final_action_) {
        finish_call();  // the goodbye was under way; do what it announced
        return;
    }
    start_apology("the model connection failed");
}

void CallSession::retire_model() noexcept {
    if (!model_) return;
    record_.counters.caller_audio_dropped += model_->dropped_audio();
    model_->close();
    model_.reset();
}

void CallSession::send_to_model(std::string event) {
    if (model_) model_->send_event(std::move(event));
}

void CallSession::on_leg_ended(telephony::LegEnd reason, std::string_view detail) {
    end(reason, detail);
}

void CallSession::end(telephony::LegEnd reason, std::string_view detail) noexcept {
    if (phase_ == Phase::kEnded) return;
    // Keeps this object alive to the end of the function, then lets it go.
    const auto self = std::move(keep_alive_);
    const bool started = phase_ != Phase::kWaitingForStart;
    phase_ = Phase::kEnded;
    cancel_timers();
    retire_model();
    if (next_model_) next_model_->close();
    leg_->close(reason);
    if (!started) return;
    try {
        services_.stats.audio_dropped(record_.counters.caller_audio_dropped);
        record_.ended_at = services_.clock.now();
        record_.end_reason = std::string{telephony::to_string(reason)};
        services_.recorder.on_call_ended(record_);
        services_.stats.call_ended(is_failure(reason));
        const auto took = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::steady_clock::now() - started_at_);
        log().info(
            "{} call ended: reason={} detail={} duration={}s caller_frames={} "
            "caller_audio_dropped={} agent_chunks={} barge_ins={} tool_calls={}",
            log_context_, record_.end_reason, detail, took.count(), record_.counters.caller_frames,
            record_.counters.caller_audio_dropped, record_.counters.agent_chunks,
            record_.counters.barge_ins, record_.tool_calls.size());
    } catch (const std::exception&) {
        // Logging or the record copy ran out of memory; the call is closed all the same.
    }
}

}  // namespace frontdesk::realtime
