#pragma once

#include <cstdint>
#include <mutex>

// Process-wide voice-agent figures for GET /voice/status and GET /realtime/status.

namespace frontdesk::realtime {

/// A consistent copy of the figures.
struct RealtimeStatsSnapshot {
    bool configured = false;  // an OpenAI key is set
    std::uint64_t active_calls = 0;
    std::uint64_t total_calls = 0;
    std::uint64_t completed_calls = 0;  // ended by the caller, the agent or a transfer
    std::uint64_t failed_calls = 0;     // ended by an error (model, protocol, slow consumer)
    std::uint64_t model_sessions = 0;   // Realtime sessions opened
    std::uint64_t model_errors = 0;     // connect failures, drops, format mismatches
    std::uint64_t tool_calls = 0;
    std::uint64_t tool_errors = 0;  // {"ok": false} answers, refusals (pool busy), timeouts
    std::uint64_t barge_ins = 0;
    std::uint64_t audio_dropped = 0;  // caller chunks dropped by the model send queue
};

/// Counters shared by every call. Any thread, internally synchronised (one mutex, held only
/// to bump or copy a few integers). Owned by the composition root; calls borrow it.
class RealtimeStats {
public:
    explicit RealtimeStats(bool configured) { figures_.configured = configured; }

    void call_started();
    void call_ended(bool failed);
    void model_session_opened();
    void model_error();
    void tool_call(bool ok);
    void barge_in();
    void audio_dropped(std::uint64_t chunks);

    [[nodiscard]] RealtimeStatsSnapshot snapshot() const;

private:
    mutable std::mutex mutex_;
    RealtimeStatsSnapshot figures_;  // guarded by mutex_
};

}  // namespace frontdesk::realtime
