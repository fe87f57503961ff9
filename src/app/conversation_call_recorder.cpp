#include "app/conversation_call_recorder.hpp"

#include <nlohmann/json.hpp>

#include "core/logging.hpp"

namespace frontdesk::app {
namespace {

booking::ConversationChannel channel_of(const std::string& carrier) {
    return carrier == "exotel" ? booking::ConversationChannel::kExotel
                               : booking::ConversationChannel::kTwilio;
}

std::string metrics_json(const realtime::CallRecord& call) {
    nlohmann::json latencies = nlohmann::json::array();
    for (const auto& latency : call.timings.response_latencies)
        latencies.push_back(latency.count());
    nlohmann::json metrics = {{"response_latencies_ms", latencies},
                              {"caller_frames", call.counters.caller_frames},
                              {"caller_audio_dropped", call.counters.caller_audio_dropped},
                              {"agent_chunks", call.counters.agent_chunks},
                              {"barge_ins", call.counters.barge_ins},
                              {"model_sessions", call.counters.model_sessions},
                              {"tool_calls", call.tool_calls.size()}};
    if (call.timings.first_agent_audio) {
        metrics["first_agent_audio_ms"] = call.timings.first_agent_audio->count();
    }
    return metrics.dump();
}

}  // namespace

void ConversationCallRecorder::on_call_started(const realtime::CallRecord& call) noexcept {
    booking::Conversation header;
    header.id = call.call_id;
    header.channel = channel_of(call.carrier);
    header.facility_id = call.facility_id;
    header.caller = call.caller;
    header.external_id = call.stream_id;
    header.started_at = call.started_at;
    enqueue([this, header] { log_.start_conversation(header); });
}

void ConversationCallRecorder::on_transcript(const realtime::CallRecord& call,
                                             const realtime::TranscriptLine& line) noexcept {
    booking::ConversationEntry entry;
    entry.speaker = line.speaker == realtime::Speaker::kCaller
                        ? booking::ConversationSpeaker::kUser
                        : booking::ConversationSpeaker::kAgent;
    entry.text = line.text;
    entry.at = line.at;
    enqueue([this, id = call.call_id, entry] { log_.append_entries(id, {&entry, 1}); });
}

void ConversationCallRecorder::on_tool_call(const realtime::CallRecord& call,
                                            const realtime::ToolCallRecord& tool) noexcept {
    booking::ConversationEntry entry;
    entry.speaker = booking::ConversationSpeaker::kTool;
    entry.tool_name = tool.name;
    entry.tool_arguments = tool.arguments;
    entry.tool_result = tool.result;
    entry.at = tool.at;
    enqueue([this, id = call.call_id, entry] { log_.append_entries(id, {&entry, 1}); });
}

void ConversationCallRecorder::on_call_ended(const realtime::CallRecord& call) noexcept {
    enqueue([this, id = call.call_id, reason = call.end_reason, metrics = metrics_json(call),
             ended = call.ended_at.value_or(call.started_at)] {
        (void)log_.finish_conversation(id, reason, metrics, ended);
    });
}

void ConversationCallRecorder::enqueue(std::function<void()> write) noexcept {
    try {
        std::lock_guard lock{mutex_};
        writes_.push_back(std::move(write));
        if (draining_) return;
        draining_ = pool_.try_post([this] { drain(); });
    } catch (const std::exception& e) {
        logger("app")->warn("call record dropped: {}", e.what());
    }
}

void ConversationCallRecorder::drain() {
    while (true) {
        std::function<void()> write;
        {
            std::lock_guard lock{mutex_};
            if (writes_.empty()) {
                draining_ = false;
                return;
            }
            write = std::move(writes_.front());
            writes_.pop_front();
        }
        try {
            write();
        } catch (const std::exception& e) {
            logger("app")->warn("writing a call record failed: {}", e.what());
        }
    }
}

}  // namespace frontdesk::app
