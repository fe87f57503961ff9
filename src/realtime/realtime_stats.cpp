#include "realtime/realtime_stats.hpp"

#include "realtime/call_recorder.hpp"

namespace frontdesk::realtime {

void RealtimeStats::call_started() {
    const std::lock_guard lock{mutex_};
    ++figures_.active_calls;
    ++figures_.total_calls;
}

void RealtimeStats::call_ended(bool failed) {
    const std::lock_guard lock{mutex_};
    if (figures_.active_calls > 0) --figures_.active_calls;
    ++(failed ? figures_.failed_calls : figures_.completed_calls);
}

void RealtimeStats::model_session_opened() {
    const std::lock_guard lock{mutex_};
    ++figures_.model_sessions;
}

void RealtimeStats::model_error() {
    const std::lock_guard lock{mutex_};
    ++figures_.model_errors;
}

void RealtimeStats::tool_call(bool ok) {
    const std::lock_guard lock{mutex_};
    ++figures_.tool_calls;
    if (!ok) ++figures_.tool_errors;
}

void RealtimeStats::barge_in() {
    const std::lock_guard lock{mutex_};
    ++figures_.barge_ins;
}

void RealtimeStats::audio_dropped(std::uint64_t chunks) {
    const std::lock_guard lock{mutex_};
    figures_.audio_dropped += chunks;
}

RealtimeStatsSnapshot RealtimeStats::snapshot() const {
    const std::lock_guard lock{mutex_};
    return figures_;
}

const char* to_string(Speaker speaker) noexcept {
    switch (speaker) {
        case Speaker::kCaller:
            return "caller";
        case Speaker::kAgent:
            return "agent";
        case Speaker::kSystem:
            return "system";
    }
    return "unknown";
}

}  // namespace frontdesk::realtime
