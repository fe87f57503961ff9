// CallSession, part 2: audio both ways, barge-in, marks, DTMF and transcripts.
#include <algorithm>

#include "core/logging.hpp"
#include "media/base64.hpp"
#include "realtime/call_session.hpp"
#include "realtime/call_session_parts.hpp"

namespace frontdesk::realtime {
namespace {

using detail::kGoodbyeMark;
using detail::log;
constexpr std::size_t kTruncatedItemsKept = 8;

std::chrono::milliseconds since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 t);
}

}  // namespace

void CallSession::on_caller_audio(std::span<const std::uint8_t> audio,
                                  std::chrono::milliseconds media_timestamp) {
    tracker_.on_media_clock(media_timestamp);  // barge-in arithmetic: see PlayoutTracker
    ++record_.counters.caller_frames;
    if (phase_ != Phase::kLive || !model_) return;
    if (!transcoders_) {
        model_->send_audio(audio);  // μ-law in, μ-law to the model: no decoding
        return;
    }
    converted_.clear();
    transcoders_->to_model.convert_append(audio, converted_);
    model_->send_audio(converted_);
}

void CallSession::on_audio_delta(AudioDelta& delta) {
    if (phase_ != Phase::kLive && phase_ != Phase::kFarewell) return;
    if (std::find(truncated_items_.begin(), truncated_items_.end(), delta.item_id) !=
        truncated_items_.end()) {
        return;  // the rest of a reply the caller interrupted
    }
    const auto size = media::base64_decoded_size(delta.audio_base64);
    decoded_.resize(size.value_or(0));
    const auto written = size ? media::base64_decode(delta.audio_base64, decoded_) : std::nullopt;
    if (!written) {
        log().debug("{} undecodable audio delta dropped", log_context_);
        return;
    }
    decoded_.resize(*written);
    if (speech_stopped_at_) {
        record_.timings.response_latencies.push_back(since(*speech_stopped_at_));
        speech_stopped_at_.reset();
    }
    if (!record_.timings.first_agent_audio) record_.timings.first_agent_audio = since(started_at_);
    if (!transcoders_) {
        play_to_caller(decoded_);
    } else {
        converted_.clear();
        transcoders_->to_caller.convert_append(decoded_, converted_);
        play_to_caller(converted_);
    }
    // Marks are what barge-in arithmetic is built on. One never pads a chunk: a leg that holds
    // audio back sends the mark once that audio has gone out.
    const auto sent = transcoders_ ? converted_.size() : decoded_.size();
    if (auto mark = tracker_.on_audio_sent(delta.item_id, sent)) leg_->send_mark(std::move(*mark));
}

void CallSession::on_agent_audio_paused() {
    if (auto mark = tracker_.on_audio_paused()) leg_->send_mark(std::move(*mark));
    leg_->flush_audio();
}

void CallSession::play_to_caller(std::span<const std::uint8_t> audio) {
    if (audio.empty()) return;
    leg_->send_audio(audio);
    ++record_.counters.agent_chunks;
}

void CallSession::on_speech_started() {
    idle_prompted_ = false;
    touch_idle();
    if (!tracker_.is_playing()) return;  // the caller heard everything: nothing to cut
    const auto heard = tracker_.heard_so_far();
    leg_->clear();
    tracker_.clear();
    if (transcoders_) transcoders_->to_caller.reset();
    for (const auto& item : heard) {
        send_to_model(build_truncate(item.item_id, item.audio_end_ms));
        if (truncated_items_.size() == kTruncatedItemsKept)
            truncated_items_.erase(truncated_items_.begin());
        truncated_items_.push_back(item.item_id);
        log().debug("{} barge-in: item {} truncated at {} ms", log_context_, item.item_id,
                    item.audio_end_ms);
    }
    ++record_.counters.barge_ins;
    services_.stats.barge_in();
}

void CallSession::on_speech_stopped() {
    speech_stopped_at_ = std::chrono::steady_clock::now();
    touch_idle();
}

void CallSession::on_mark(std::string_view name) {
    if (phase_ == Phase::kEnded) return;
    if (name == kGoodbyeMark) {
        if (phase_ == Phase::kApology || (phase_ == Phase::kFarewell && final_action_)) {
            finish_call();
        }
        return;
    }
    // An echo means the caller is still listening to the agent: not idle.
    if (tracker_.on_mark_echoed(name) && phase_ == Phase::kLive) touch_idle();
}

void CallSession::on_dtmf(char digit) {
    if (phase_ != Phase::kLive) return;
    dtmf_digits_.push_back(digit);
    touch_idle();
    arm(&CallSession::dtmf_timer_, settings_.dtmf_gap);
}

void CallSession::flush_dtmf() {
    if (dtmf_digits_.empty() || phase_ != Phase::kLive) return;
    std::string spaced;
    for (const char digit : dtmf_digits_) {
        if (!spaced.empty()) spaced.push_back(' ');
        spaced.push_back(digit);
    }
    dtmf_digits_.clear();
    add_transcript(Speaker::kCaller, "[keypad] " + spaced);
    send_to_model(build_user_text("The caller pressed these keys on the phone keypad: " + spaced));
    send_to_model(build_response_create());
}

void CallSession::add_transcript(Speaker speaker, std::string text) {
    if (text.empty()) return;
    record_.transcript.push_back(TranscriptLine{speaker, std::move(text), services_.clock.now()});
    services_.recorder.on_transcript(record_, record_.transcript.back());
}

}  // namespace frontdesk::realtime
