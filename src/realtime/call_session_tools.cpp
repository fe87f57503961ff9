// CallSession, part 3: tool calls (run on the worker pool under a deadline, results posted back
// to the call strand), the agent's goodbye, the apology when the model fails, and the final
// hang-up or transfer.
#include <algorithm>
#include <array>
#include <string>

#include <boost/asio/post.hpp>
#include <boost/system/error_code.hpp>
#include <nlohmann/json.hpp>

#include "core/logging.hpp"
#include "realtime/call_session.hpp"
#include "realtime/call_session_parts.hpp"
#include "realtime/session_instructions.hpp"

namespace frontdesk::realtime {
namespace {

using detail::kGoodbyeMark;
using detail::log;

tools::ToolResult busy_result() {
    return tools::tool_error("UNAVAILABLE",
                             "The booking system is busy right now. Tell the caller you cannot "
                             "check at the moment and offer to try again in a minute.");
}

/// Tools whose late success changes what the caller must be told.
bool changes_bookings(std::string_view tool) {
    static constexpr std::array<std::string_view, 3> kChanging{"confirm_booking", "cancel_booking",
                                                               "reschedule_booking"};
    return std::find(kChanging.begin(), kChanging.end(), tool) != kChanging.end();
}

tools::ToolResult timeout_result(std::string_view tool) {
    if (changes_bookings(tool)) {
        return tools::tool_error(
            "TOOL_TIMEOUT",
            "The booking system did not answer in time, so the outcome is unknown: the change "
            "may or may not have happened. Do not tell the caller it succeeded or failed; call "
            "find_bookings to check before telling the caller anything.");
    }
    return tools::tool_error("TOOL_TIMEOUT",
                             "The booking system did not answer in time, so the outcome is "
                             "unknown. Tell the caller you could not check just now, and offer "
                             "to try again; check with find_bookings before telling the caller "
                             "anything about their bookings.");
}

std::string late_outcome_note(const FunctionCall& call, std::string_view output) {
    return "(System note, not the caller) The " + call.name + " call " + call.call_id +
           " that timed out has completed after all and succeeded: " + std::string{output} +
           ". This is what actually happened. If you told the caller otherwise, correct it now; "
           "do not repeat the change.";
}

std::string to_json_text(const nlohmann::json& output) {
    return output.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void CallSession::on_function_call(FunctionCall&& call) {
    // Not run yet: the same event also comes for interrupted responses, so the call waits
    // for its response.done to say the response completed.
    pending_calls_.push_back(std::move(call));
}

void CallSession::on_response_created(std::string_view response_id) {
    response_active_ = true;
    if (farewell_requested_) {
        farewell_requested_ = false;
        farewell_response_id_ = std::string{response_id};
    }
}

void CallSession::on_response_done(const ResponseDone& done) {
    response_active_ = false;
    // Whatever audio the response had is complete (output_audio.done may not have come, e.g.
    // when it was cancelled): its tail is marked and held audio goes out now, before any
    // goodbye mark below.
    on_agent_audio_paused();
    touch_idle();
    std::vector<FunctionCall> ready;
    std::erase_if(pending_calls_, [&](FunctionCall& call) {
        if (call.response_id != done.response_id) return false;
        if (done.status == ResponseStatus::kCompleted) ready.push_back(std::move(call));
        return true;
    });
    for (const auto& call : ready) run_tool(call);
    if (!farewell_response_id_.empty() && done.response_id == farewell_response_id_) {
        // Hang up once the goodbye has played: the mark comes back after the last audio.
        farewell_response_id_.clear();
        leg_->send_mark(std::string{kGoodbyeMark});
    }
}

void CallSession::run_tool(const FunctionCall& call) {
    ++tools_in_flight_;
    auto arguments = nlohmann::json::parse(call.arguments, nullptr, false);
    tools::ToolContext context{facility_->id, start_.caller, "voice"};
    log().info("{} tool call {} ({})", log_context_, call.name, call.call_id);
    watch_tool_deadline(call);
    auto job = [tools = &services_.tools, weak = weak_from_this(), strand = strand_, call,
                arguments = std::move(arguments), context = std::move(context),
                log_context = log_context_] {
        const auto began = std::chrono::steady_clock::now();
        auto result = arguments.is_discarded()
                          ? tools::tool_error("INVALID_ARGUMENTS", "The arguments were not JSON.")
                          : tools->call(call.name, arguments, context);
        const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - began);
        // Back to the call strand. A call already gone can only log what happened.
        boost::asio::post(
            strand, [weak, call, result = std::move(result), took, log_context]() mutable {
                if (auto self = weak.lock()) {
                    self->on_tool_result(call, std::move(result), took);
                    return;
                }
                const bool changed = result.ok() && changes_bookings(call.name);
                log().log(changed ? spdlog::level::warn : spdlog::level::debug,
                          "{} tool {} ({}) finished after the call was gone: ok={} took={}ms",
                          log_context, call.name, call.call_id, result.ok(), took.count());
            });
    };
    if (!services_.workers.try_post(std::move(job))) {
        log().warn("{} worker pool saturated: tool {} refused", log_context_, call.name);
        on_tool_result(call, busy_result(), std::chrono::milliseconds{0});
    }
}

void CallSession::watch_tool_deadline(const FunctionCall& call) {
    auto timer = std::make_unique<boost::asio::steady_timer>(strand_, settings_.tool_deadline);
    // A completion handler rather than a coroutine: it holds nothing of the timer, so erasing
    // the entry (the result came, or the session went) cancels the wait and nothing lingers.
    timer->async_wait(
        [weak = weak_from_this(), call_id = call.call_id](const boost::system::error_code& error) {
            if (error) return;
            if (auto self = weak.lock()) self->on_tool_deadline(call_id);
        });
    running_tools_.push_back(
        RunningTool{call, std::chrono::steady_clock::now(), std::move(timer), false});
}

void CallSession::on_tool_deadline(const std::string& call_id) {
    const auto running =
        std::find_if(running_tools_.begin(), running_tools_.end(),
                     [&](const RunningTool& tool) { return tool.call.call_id == call_id; });
    if (running == running_tools_.end() || running->timed_out || phase_ == Phase::kEnded) return;
    running->timed_out = true;
    if (tools_in_flight_ > 0) --tools_in_flight_;
    const auto call = running->call;
    log().warn(
        "{} tool {} ({}) passed its {} ms deadline; the model is told the outcome is "
        "unknown",
        log_context_, call.name, call.call_id, settings_.tool_deadline.count());
    auto output = to_json_text(timeout_result(call.name).output);
    record_tool_call(call, output, false, settings_.tool_deadline);
    services_.stats.tool_call(false);
    if (phase_ != Phase::kLive && phase_ != Phase::kFarewell) return;
    send_to_model(build_function_call_output(call.call_id, output));
    after_tool_answered();
}

void CallSession::on_tool_result(const FunctionCall& call, tools::ToolResult result,
                                 std::chrono::milliseconds took) {
    const auto running =
        std::find_if(running_tools_.begin(), running_tools_.end(),
                     [&](const RunningTool& tool) { return tool.call.call_id == call.call_id; });
    const bool late = running != running_tools_.end() && running->timed_out;
    if (late) {
        // What matters now is how long the model was kept waiting, not the run time alone.
        took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - running->started);
    }
    if (running != running_tools_.end()) running_tools_.erase(running);  // cancels its deadline
    if (late) {
        on_late_tool_result(call, result, took);
        return;
    }
    if (tools_in_flight_ > 0) --tools_in_flight_;
    if (phase_ != Phase::kLive && phase_ != Phase::kFarewell) {
        log().debug("{} late tool result of {} dropped", log_context_, call.name);
        return;
    }
    const bool ok = result.ok();
    auto output = to_json_text(result.output);
    record_tool_call(call, output, ok, took);
    services_.stats.tool_call(ok);
    send_to_model(build_function_call_output(call.call_id, output));
    if (result.action == tools::CallAction::kEndCall) final_action_ = FinalAction::kHangUp;
    if (result.action == tools::CallAction::kTransfer) {
        final_action_ = FinalAction::kTransfer;
        transfer_to_ = result.transfer_to;
    }
    after_tool_answered();
}

void CallSession::on_late_tool_result(const FunctionCall& call, const tools::ToolResult& result,
                                      std::chrono::milliseconds took) {
    // The model already has TOOL_TIMEOUT for this call_id, and may have spoken from it: a second
    // output for the same call is not how the protocol goes. What happened is recorded, and a
    // booking that did change is told to the model as a system note. The actions of late
    // results (end the call, transfer) are void: the conversation has moved on.
    const bool ok = result.ok();
    const bool changed = ok && changes_bookings(call.name);
    if (phase_ == Phase::kEnded) {
        // The record was handed over: the log line is all there is.
        log().log(changed ? spdlog::level::warn : spdlog::level::debug,
                  "{} tool {} ({}) finished {} ms after it was called, after the call ended: "
                  "ok={}",
                  log_context_, call.name, call.call_id, took.count(), ok);
        return;
    }
    log().log(changed ? spdlog::level::warn : spdlog::level::info,
              "{} late result of tool {} ({}) {} ms after it was called: ok={}{}", log_context_,
              call.name, call.call_id, took.count(), ok,
              changed ? "; bookings changed after TOOL_TIMEOUT" : "");
    auto output = to_json_text(result.output);
    record_tool_call(call, output, ok, took);  // in the log, not in the stats: counted at timeout
    const bool talking = phase_ == Phase::kLive || phase_ == Phase::kFarewell;
    if (!changed || !talking) return;
    send_to_model(build_system_text(late_outcome_note(call, output)));
    // Let the agent correct itself now, unless it is speaking or waiting for other tools, in
    // which case it reads the note with its next response.
    if (phase_ == Phase::kLive && !response_active_ && tools_in_flight_ == 0) {
        send_to_model(build_response_create());
    }
}

void CallSession::record_tool_call(const FunctionCall& call, std::string output, bool ok,
                                   std::chrono::milliseconds took) {
    record_.tool_calls.push_back(ToolCallRecord{call.call_id, call.name, call.arguments,
                                                std::move(output), ok, services_.clock.now(),
                                                took});
    services_.recorder.on_tool_call(record_, record_.tool_calls.back());
}

void CallSession::after_tool_answered() {
    touch_idle();
    if (tools_in_flight_ > 0) return;  // one response.create once the batch is answered
    if (final_action_) {
        phase_ = Phase::kFarewell;
        farewell_requested_ = true;
        arm(&CallSession::goodbye_timer_, settings_.goodbye_timeout);
    }
    send_to_model(build_response_create());
}

void CallSession::say_farewell(std::string_view why) {
    if (phase_ != Phase::kLive) return;
    phase_ = Phase::kFarewell;
    final_action_ = FinalAction::kHangUp;
    farewell_requested_ = true;
    arm(&CallSession::goodbye_timer_, settings_.goodbye_timeout);
    if (response_active_) send_to_model(build_response_cancel());
    send_to_model(build_response_create(farewell_instructions(why)));
}

void CallSession::start_apology(std::string_view why) {
    if (phase_ == Phase::kEnded || phase_ == Phase::kApology) return;
    log().warn("{} playing the apology: {}", log_context_, why);
    phase_ = Phase::kApology;
    for (auto timer : {&CallSession::setup_timer_, &CallSession::idle_timer_,
                       &CallSession::renewal_timer_, &CallSession::dtmf_timer_}) {
        disarm(timer);
    }
    retire_model();
    if (next_model_) std::exchange(next_model_, nullptr)->close();
    leg_->clear();
    tracker_.clear();
    add_transcript(Speaker::kSystem, std::string{"apology played: "} + std::string{why});
    auto to_leg = media::Transcoder::create(media::kTwilioFormat, leg_format_);
    if (to_leg && !services_.apology_ulaw.empty()) {
        converted_.clear();
        to_leg->convert_append(services_.apology_ulaw, converted_);
        play_to_caller(converted_);
    }
    leg_->flush_audio();  // the prompt is all there is to say
    const auto playing = std::chrono::duration_cast<std::chrono::milliseconds>(
        media::duration_of_bytes(media::kTwilioFormat, services_.apology_ulaw.size()));
    arm(&CallSession::goodbye_timer_, playing + settings_.goodbye_timeout);
    leg_->send_mark(std::string{kGoodbyeMark});
}

void CallSession::finish_call() {
    if (transferring_) return;
    const auto& facility_number =
        facility_ != nullptr ? facility_->agent.transfer_number : std::optional<std::string>{};
    if (phase_ == Phase::kApology) {
        // Nothing is half-booked: an unconfirmed quote simply expires.
        if (facility_number && !facility_number->empty()) {
            begin_transfer(*facility_number);
            return;
        }
        leg_->hang_up();
        end(telephony::LegEnd::kModelFailure, "model failed");
        return;
    }
    if (final_action_ == FinalAction::kTransfer && !transfer_to_.empty()) {
        begin_transfer(transfer_to_);
        return;
    }
    leg_->hang_up();
    end(telephony::LegEnd::kLocalHangup, "agent ended the call");
}

void CallSession::begin_transfer(const std::string& phone_number) {
    // The leg ends with on_leg_ended(kTransferred), or reports on_transfer_failed; the goodbye
    // timer bounds the wait.
    transferring_ = true;
    arm(&CallSession::goodbye_timer_, settings_.goodbye_timeout);
    leg_->transfer(phone_number);
}

void CallSession::on_transfer_failed(std::string_view detail) {
    if (!transferring_ || phase_ == Phase::kEnded) return;
    transferring_ = false;
    log().warn("{} transfer failed: {}", log_context_, detail);
    if (phase_ == Phase::kApology || !model_) {
        leg_->hang_up();
        end(telephony::LegEnd::kModelFailure, "transfer failed after the model failed");
        return;
    }
    // The agent is still there: it tells the caller and carries on.
    phase_ = Phase::kLive;
    final_action_.reset();
    disarm(&CallSession::goodbye_timer_);
    touch_idle();
    send_to_model(build_user_text(
        "(System note, not the caller) The transfer did not go through: nobody can take the "
        "call right now. Apologise, and offer to help with the booking or to take a message."));
    send_to_model(build_response_create());
}

}  // namespace frontdesk::realtime
