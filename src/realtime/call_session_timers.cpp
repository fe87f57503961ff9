// CallSession, part 4: the call's timers. Each is a DeadlineTimer with one coroutine on the call
// strand that waits for it; moving a deadline later (touch_idle on every frame) wakes nothing.
// end() cancels them all, which is what lets the coroutines, and their hold on the session, finish.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/logging.hpp"
#include "realtime/call_session.hpp"
#include "realtime/call_session_parts.hpp"
#include "realtime/session_instructions.hpp"

namespace frontdesk::realtime {
namespace {

namespace asio = boost::asio;

using detail::log;

}  // namespace

asio::awaitable<void> CallSession::run_timer(std::shared_ptr<CallSession> self, TimerMember timer,
                                             TimerHandler on_fire) {
    auto& waiter = (*self).*timer;
    for (;;) {
        // wait() re-sleeps when the deadline moved (later, or re-armed just as it fired) and
        // disarms the timer before returning, so the handler may re-arm it.
        const bool fired = co_await waiter.wait();
        if (!fired || self->phase_ == Phase::kEnded) co_return;
        ((*self).*on_fire)();
    }
}

void CallSession::start_timer(TimerMember timer, TimerHandler on_fire) {
    (this->*timer).disarm();
    asio::co_spawn(strand_, run_timer(shared_from_this(), timer, on_fire),
                   [weak = weak_from_this()](const std::exception_ptr& error) {
                       if (!error) return;
                       if (auto self = weak.lock()) {
                           log().error("{} timer handler failed", self->log_context_);
                           self->end(telephony::LegEnd::kTransportError, "internal error");
                       }
                   });
}

void CallSession::start_timers() {
    start_timer(&CallSession::setup_timer_, &CallSession::on_setup_timeout);
    start_timer(&CallSession::idle_timer_, &CallSession::on_idle_timeout);
    start_timer(&CallSession::max_length_timer_, &CallSession::on_max_length);
    start_timer(&CallSession::renewal_timer_, &CallSession::on_renewal_due);
    start_timer(&CallSession::goodbye_timer_, &CallSession::on_goodbye_timeout);
    start_timer(&CallSession::dtmf_timer_, &CallSession::on_dtmf_gap);
}

void CallSession::arm(TimerMember timer, std::chrono::milliseconds after) {
    (this->*timer).expires_after(after);
}

void CallSession::disarm(TimerMember timer) { (this->*timer).disarm(); }

void CallSession::cancel_timers() noexcept {
    for (auto timer :
         {&CallSession::setup_timer_, &CallSession::idle_timer_, &CallSession::max_length_timer_,
          &CallSession::renewal_timer_, &CallSession::goodbye_timer_, &CallSession::dtmf_timer_}) {
        (this->*timer).cancel();
    }
}

void CallSession::touch_idle() {
    if (phase_ != Phase::kLive) return;
    arm(&CallSession::idle_timer_,
        idle_prompted_ ? settings_.idle_end_after : settings_.idle_prompt_after);
}

void CallSession::on_setup_timeout() {
    if (phase_ != Phase::kSettingUp) return;
    services_.stats.model_error();
    start_apology("the model did not answer in time");
}

void CallSession::on_idle_timeout() {
    if (phase_ != Phase::kLive) return;
    if (response_active_ || tools_in_flight_ > 0 || tracker_.is_playing()) {
        touch_idle();  // the agent is busy, not the caller idle
        return;
    }
    if (!idle_prompted_) {
        idle_prompted_ = true;
        touch_idle();
        send_to_model(build_response_create(idle_prompt_instructions()));
        return;
    }
    say_farewell("the caller has been silent for a while.");
}

void CallSession::on_max_length() {
    if (phase_ == Phase::kLive) {
        say_farewell("the call has reached its maximum length; apologise briefly.");
    } else if (phase_ == Phase::kSettingUp) {
        end(telephony::LegEnd::kLocalHangup, "maximum call length");
    }
}

void CallSession::on_goodbye_timeout() {
    if (transferring_) {
        log().warn("{} transfer did not complete in time; hanging up", log_context_);
        transferring_ = false;
        leg_->hang_up();
        end(telephony::LegEnd::kLocalHangup, "transfer timed out");
        return;
    }
    if (phase_ != Phase::kFarewell && phase_ != Phase::kApology) return;
    log().warn("{} goodbye did not finish playing in time", log_context_);
    if (phase_ == Phase::kFarewell && !final_action_) final_action_ = FinalAction::kHangUp;
    finish_call();
}

void CallSession::on_dtmf_gap() { flush_dtmf(); }

void CallSession::on_renewal_due() {
    if (phase_ != Phase::kLive || next_model_) return;
    if (response_active_ || tools_in_flight_ > 0 || tracker_.is_playing()) {
        arm(&CallSession::renewal_timer_, settings_.renewal_retry);  // wait for a quiet moment
        return;
    }
    log().info("{} renewing the model session", log_context_);
    instructions_ = continuation_instructions(
        session_instructions(*facility_, services_.clock, CallerInfo{start_.caller}),
        conversation_summary());
    open_model(true);
}

std::string CallSession::conversation_summary() const {
    // Newest lines are kept whole; what does not fit is cut from the start.
    std::string out;
    auto append = [&out](std::string_view who, std::string_view text) {
        out.append(who).append(": ").append(text).append("\n");
    };
    std::size_t tool_index = 0;
    for (const auto& line : record_.transcript) {
        while (tool_index < record_.tool_calls.size() &&
               record_.tool_calls[tool_index].at <= line.at) {
            const auto& tool = record_.tool_calls[tool_index++];
            append("Tool " + tool.name, tool.arguments + " -> " + tool.result);
        }
        append(line.speaker == Speaker::kCaller ? "Caller" : "Agent", line.text);
    }
    for (; tool_index < record_.tool_calls.size(); ++tool_index) {
        const auto& tool = record_.tool_calls[tool_index];
        append("Tool " + tool.name, tool.arguments + " -> " + tool.result);
    }
    if (out.size() > settings_.summary_chars) out.erase(0, out.size() - settings_.summary_chars);
    return out;
}

}  // namespace frontdesk::realtime
