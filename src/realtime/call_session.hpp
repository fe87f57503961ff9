#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "booking/facility_directory.hpp"
#include "core/clock.hpp"
#include "media/transcoder.hpp"
#include "net/worker_pool.hpp"
#include "realtime/call_recorder.hpp"
#include "realtime/deadline_timer.hpp"
#include "realtime/playout_tracker.hpp"
#include "realtime/realtime_connection.hpp"
#include "realtime/realtime_stats.hpp"
#include "telephony/call_leg.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::realtime {

/// Tunables of every call (tests shrink the durations).
struct CallSessionSettings {
    std::chrono::milliseconds model_setup_timeout{8000};  // connect + session.updated
    std::chrono::milliseconds idle_prompt_after{15000};   // caller silent: "are you there?"
    std::chrono::milliseconds idle_end_after{10000};      // still silent after it: goodbye
    std::chrono::milliseconds max_call_length{std::chrono::minutes{30}};
    /// Realtime sessions last at most 60 minutes: a fresh one takes over before that.
    std::chrono::milliseconds session_renewal_after{std::chrono::minutes{55}};
    std::chrono::milliseconds renewal_retry{2000};     // the agent was busy: try again after
    std::chrono::milliseconds goodbye_timeout{10000};  // backstop for the last words to play
    std::chrono::milliseconds dtmf_gap{1200};          // digits typed within it go together
    /// A tool's answer owed to the model: past it the model gets TOOL_TIMEOUT (the outcome is
    /// unknown) and the real result, when it comes, is only reported, never sent as output.
    std::chrono::milliseconds tool_deadline{8000};
    std::chrono::milliseconds caller_audio_queue{300};  // caller audio the model queue holds
    std::size_t control_queue_bytes = 1024 * 1024;      // everything the model queue holds
    std::size_t summary_chars = 6000;                   // conversation carried into a renewal
    std::string transcription_model = "gpt-4o-mini-transcribe";
    VadSettings vad;
};

/// What every call borrows from the composition root, which keeps it all alive (and
/// unchanged) for longer than any call: stop taking calls before destroying it.
struct CallSessionServices {
    const booking::FacilityDirectory& facilities;
    const tools::ToolRegistry& tools;
    net::WorkerPool& workers;
    const Clock& clock;
    RealtimeConnector connect_model;
    CallRecorder& recorder;
    RealtimeStats& stats;
    std::span<const std::uint8_t> apology_ulaw;  // 8 kHz μ-law, played when the model fails
    CallSessionSettings settings;
};

/// The bridge of one phone call: a telephony CallLeg on one side, an OpenAI Realtime session on
/// the other. Sets the session up from the facility, moves audio both ways (μ-law passed
/// through, PCM16 legs transcoded), handles barge-in from echoed marks, runs tools on the
/// worker pool, keeps the call record, and enforces the idle, length and session-age limits.
///
/// Strand: the leg's executor; every method runs there, as do the model connection, the timers
/// and every tool completion. Owned by itself from start() until end() (the leg only borrows it
/// as a listener), plus by its timer coroutines; tool jobs and tool deadlines hold it by
/// weak_ptr. Owns the model connection and the tool deadline timers; shares the leg with the
/// leg's own I/O; borrows the services.
class CallSession final : public telephony::CallLegListener,
                          public std::enable_shared_from_this<CallSession> {
public:
    /// Creates the session and starts the leg; the call runs until one side ends it.
    static std::shared_ptr<CallSession> start(std::shared_ptr<telephony::CallLeg> leg,
                                              const CallSessionServices& services);

    CallSession(std::shared_ptr<telephony::CallLeg> leg, const CallSessionServices& services);
    CallSession(const CallSession&) = delete;
    CallSession& operator=(const CallSession&) = delete;
    ~CallSession() override;

    /// The one way a call ends: closes both legs, stops the timers, hands the record over.
    /// Idempotent; call strand.
    void end(telephony::LegEnd reason, std::string_view detail) noexcept;

    [[nodiscard]] const CallRecord& record() const noexcept { return record_; }
    [[nodiscard]] bool has_ended() const noexcept { return phase_ == Phase::kEnded; }

    // telephony::CallLegListener
    void on_call_started(const telephony::CallStart& start) override;
    void on_caller_audio(std::span<const std::uint8_t> audio,
                         std::chrono::milliseconds media_timestamp) override;
    void on_mark(std::string_view name) override;
    void on_dtmf(char digit) override;
    void on_leg_ended(telephony::LegEnd reason, std::string_view detail) override;
    void on_transfer_failed(std::string_view detail) override;

private:
    class ModelLink;
    friend class ModelLink;
    enum class Phase : std::uint8_t {
        kWaitingForStart,
        kSettingUp,
        kLive,
        kFarewell,
        kApology,
        kEnded
    };
    enum class FinalAction : std::uint8_t { kHangUp, kTransfer };
    using SteadyTime = std::chrono::steady_clock::time_point;
    using TimerMember = DeadlineTimer CallSession::*;
    using TimerHandler = void (CallSession::*)();

    /// A tool call between run_tool and its result.
    struct RunningTool {
        FunctionCall call;
        SteadyTime started{};
        /// Owned here only: destroying it (result in, or the session gone) cancels the wait.
        std::unique_ptr<boost::asio::steady_timer> deadline;
        bool timed_out = false;  // the model got TOOL_TIMEOUT; the result will be late
    };

    // call_session.cpp: set-up, model lifecycle, the end.
    void open_model(bool continuation);
    void on_model_connected(std::uint32_t generation);
    void on_model_event(std::uint32_t generation, ServerEvent&& event);
    void on_model_closed(std::uint32_t generation, ModelEnd reason, std::string_view detail);
    void on_session_applied(std::uint32_t generation, const SessionApplied& applied);
    void go_live();
    void send_to_model(std::string event);
    /// Counts the audio the current model connection dropped, closes it and lets it go.
    void retire_model() noexcept;
    [[nodiscard]] bool choose_formats(media::AudioFormat leg_format);
    [[nodiscard]] std::string session_update_text() const;

    // call_session_media.cpp: audio both ways, barge-in, marks, DTMF, transcripts.
    void on_audio_delta(AudioDelta& delta);
    /// The agent's audio paused (its audio or response is done): its tail is marked, and a leg
    /// that holds audio back sends it now.
    void on_agent_audio_paused();
    void on_speech_started();
    void on_speech_stopped();
    void play_to_caller(std::span<const std::uint8_t> audio);
    void add_transcript(Speaker speaker, std::string text);
    void flush_dtmf();

    // call_session_tools.cpp: tool calls, farewells and the final hang-up or transfer.
    void on_function_call(FunctionCall&& call);
    void on_response_created(std::string_view response_id);
    void on_response_done(const ResponseDone& done);
    void run_tool(const FunctionCall& call);
    void watch_tool_deadline(const FunctionCall& call);
    void on_tool_deadline(const std::string& call_id);
    void on_tool_result(const FunctionCall& call, tools::ToolResult result,
                        std::chrono::milliseconds took);
    void on_late_tool_result(const FunctionCall& call, const tools::ToolResult& result,
                             std::chrono::milliseconds took);
    void record_tool_call(const FunctionCall& call, std::string output, bool ok,
                          std::chrono::milliseconds took);
    void after_tool_answered();
    void say_farewell(std::string_view why);
    void finish_call();
    void begin_transfer(const std::string& phone_number);
    void start_apology(std::string_view why);

    // call_session_timers.cpp
    static boost::asio::awaitable<void> run_timer(std::shared_ptr<CallSession> self,
                                                  TimerMember timer, TimerHandler on_fire);
    void start_timer(TimerMember timer, TimerHandler on_fire);
    void arm(TimerMember timer, std::chrono::milliseconds after);
    void disarm(TimerMember timer);
    void start_timers();
    void cancel_timers() noexcept;
    void touch_idle();
    void on_setup_timeout();
    void on_idle_timeout();
    void on_max_length();
    void on_renewal_due();
    void on_goodbye_timeout();
    void on_dtmf_gap();
    [[nodiscard]] std::string conversation_summary() const;

    std::shared_ptr<telephony::CallLeg> leg_;
    const CallSessionServices& services_;
    const CallSessionSettings& settings_;
    boost::asio::any_io_executor strand_;
    std::shared_ptr<CallSession> keep_alive_;  // self, from start() until end()
    std::string log_context_;                  // "call_sid=… stream_sid=…"
    Phase phase_ = Phase::kWaitingForStart;

    // The call.
    telephony::CallStart start_;
    const booking::Facility* facility_ = nullptr;  // points into services_.facilities
    CallRecord record_;
    SteadyTime started_at_{};

    // Audio.
    media::AudioFormat leg_format_{};
    media::AudioFormat model_format_{};
    std::optional<media::CallTranscoders> transcoders_;  // only for legs that need converting
    std::vector<std::uint8_t> decoded_;                  // reused: one decoded delta
    std::vector<std::uint8_t> converted_;                // reused: one converted chunk
    PlayoutTracker tracker_;
    std::vector<std::string> truncated_items_;  // late deltas of these are dropped
    std::optional<SteadyTime> speech_stopped_at_;
    std::string dtmf_digits_;

    // The model: the current connection, and during a renewal the next one.
    std::shared_ptr<RealtimeConnection> model_;
    std::unique_ptr<ModelLink> model_link_;
    std::shared_ptr<RealtimeConnection> next_model_;
    std::unique_ptr<ModelLink> next_link_;
    std::uint32_t generations_ = 0;
    std::string instructions_;
    bool response_active_ = false;

    // Tools and the end of the call.
    std::vector<FunctionCall> pending_calls_;  // waiting for their response.done
    std::vector<RunningTool> running_tools_;   // on the worker pool, timed out or not
    std::uint32_t tools_in_flight_ = 0;        // the model still waits for their output
    bool farewell_requested_ = false;          // the next response created is the goodbye
    std::string farewell_response_id_;
    std::optional<FinalAction> final_action_;
    std::string transfer_to_;
    bool idle_prompted_ = false;
    bool transferring_ = false;  // leg_->transfer() called; its outcome has not come back

    // Lazy deadlines: touch_idle() moves idle_timer_ on every frame without waking anything.
    DeadlineTimer setup_timer_;
    DeadlineTimer idle_timer_;
    DeadlineTimer max_length_timer_;
    DeadlineTimer renewal_timer_;
    DeadlineTimer goodbye_timer_;
    DeadlineTimer dtmf_timer_;
};

}  // namespace frontdesk::realtime
