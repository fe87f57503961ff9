#pragma once

#include <deque>
#include <functional>
#include <mutex>

#include "booking/conversation_log.hpp"
#include "net/worker_pool.hpp"
#include "realtime/call_recorder.hpp"

namespace frontdesk::app {

/// Stores every phone call in the conversation log (the owner API reads it from there).
/// Called on call strands, it never blocks: each record becomes a write job, and the jobs run
/// one at a time on the worker pool in the order they were recorded (so a call's header is
/// written before its lines). When the pool refuses work the record is kept and retried with
/// the next one. Borrows the log and the pool, which outlive every call.
class ConversationCallRecorder final : public realtime::CallRecorder {
public:
    ConversationCallRecorder(booking::ConversationLog& log, net::WorkerPool& pool)
        : log_(log), pool_(pool) {}

    void on_call_started(const realtime::CallRecord& call) noexcept override;
    void on_transcript(const realtime::CallRecord& call,
                       const realtime::TranscriptLine& line) noexcept override;
    void on_tool_call(const realtime::CallRecord& call,
                      const realtime::ToolCallRecord& tool) noexcept override;
    void on_call_ended(const realtime::CallRecord& call) noexcept override;

private:
    void enqueue(std::function<void()> write) noexcept;
    void drain();

    booking::ConversationLog& log_;
    net::WorkerPool& pool_;
    std::mutex mutex_;
    std::deque<std::function<void()>> writes_;  // guarded by mutex_
    bool draining_ = false;                     // guarded by mutex_
};

}  // namespace frontdesk::app
