#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

// What one voice call leaves behind: both sides of the transcript, every tool call, timings and
// counters. Asio-free so storage and the owner API can include it.

namespace frontdesk::realtime {

enum class Speaker : std::uint8_t { kCaller, kAgent, kSystem };

struct TranscriptLine {
    Speaker speaker = Speaker::kAgent;
    std::string text;
    Instant at{};
};

struct ToolCallRecord {
    std::string call_id;
    std::string name;
    std::string arguments;  // JSON text as the model sent it
    std::string result;     // JSON text as the model read it
    bool ok = false;
    Instant at{};
    std::chrono::milliseconds duration{0};
};

struct CallTimings {
    /// From the call's start event to the first agent audio sent to the caller.
    std::optional<std::chrono::milliseconds> first_agent_audio;
    /// For each caller turn: from speech_stopped to the first audio of the agent's answer.
    std::vector<std::chrono::milliseconds> response_latencies;
};

struct CallCounters {
    std::uint64_t caller_frames = 0;         // caller audio chunks received from the leg
    std::uint64_t caller_audio_dropped = 0;  // of those, dropped by the model send queue
    std::uint64_t agent_chunks = 0;          // agent audio chunks sent to the leg
    std::uint64_t barge_ins = 0;
    std::uint64_t model_sessions = 0;  // Realtime sessions opened (more than 1: renewed)
};

struct CallRecord {
    std::string call_id;
    std::string stream_id;
    std::string carrier;
    std::string facility_id;
    std::string caller;  // E.164; storage decides who may read it, logs show the last digits
    Instant started_at{};
    std::optional<Instant> ended_at;
    std::string end_reason;  // telephony::to_string(LegEnd), set at the end
    std::vector<TranscriptLine> transcript;
    std::vector<ToolCallRecord> tool_calls;
    CallTimings timings;
    CallCounters counters;
};

/// Receives each call's record as it grows (implemented by storage / the owner API).
/// Called on the call strand: implementations must not block (hand work to a pool) and must not
/// keep references to the record beyond the call; copy what they need. Never throws.
class CallRecorder {
public:
    virtual ~CallRecorder() = default;
    virtual void on_call_started(const CallRecord& call) noexcept = 0;
    virtual void on_transcript(const CallRecord& call, const TranscriptLine& line) noexcept = 0;
    virtual void on_tool_call(const CallRecord& call, const ToolCallRecord& tool) noexcept = 0;
    /// Last call for this record: it is complete (ended_at, end_reason set).
    virtual void on_call_ended(const CallRecord& call) noexcept = 0;
};

/// Keeps nothing (when no storage is configured).
class NullCallRecorder final : public CallRecorder {
public:
    void on_call_started(const CallRecord&) noexcept override {}
    void on_transcript(const CallRecord&, const TranscriptLine&) noexcept override {}
    void on_tool_call(const CallRecord&, const ToolCallRecord&) noexcept override {}
    void on_call_ended(const CallRecord&) noexcept override {}
};

[[nodiscard]] const char* to_string(Speaker speaker) noexcept;

}  // namespace frontdesk::realtime
