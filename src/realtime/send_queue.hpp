#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace frontdesk::realtime {

struct SendQueueLimits {
    /// Caller audio waiting to go to the model, in audio bytes (a few hundred ms: older audio
    /// is worth less than fresh audio to a live conversation).
    std::size_t audio_bytes = 0;
    /// Everything waiting (event text, audio included). Control events that do not fit mean the
    /// connection is stuck.
    std::size_t total_bytes = 0;
};

/// The outgoing messages of one model websocket, bounded in bytes, with the §2.3 policy:
/// caller audio beyond its budget drops the oldest audio (counted); control events are never
/// dropped, and one that does not fit is refused (the owner then ends the connection).
/// Not synchronised: the call strand. Owns its messages.
class SendQueue {
public:
    explicit SendQueue(SendQueueLimits limits) : limits_(limits) {}

    /// Queues an input_audio_buffer.append carrying `audio_bytes` of audio. Drops the oldest
    /// queued audio until it fits; returns how many audio messages were dropped.
    std::size_t push_audio(std::string text, std::size_t audio_bytes);

    /// Queues a control event; false when it does not fit (nothing is queued then).
    [[nodiscard]] bool push_control(std::string text);

    /// The next message to write, removed from the queue.
    [[nodiscard]] std::optional<std::string> pop();

    [[nodiscard]] bool empty() const noexcept { return messages_.empty(); }
    [[nodiscard]] std::size_t queued_bytes() const noexcept { return queued_bytes_; }
    [[nodiscard]] std::size_t queued_audio_bytes() const noexcept { return queued_audio_bytes_; }
    [[nodiscard]] std::uint64_t dropped_audio() const noexcept { return dropped_audio_; }
    void clear() noexcept;

private:
    struct Message {
        std::string text;
        std::size_t audio_bytes = 0;  // 0 for control events
    };

    bool drop_oldest_audio();

    SendQueueLimits limits_;
    std::deque<Message> messages_;
    std::size_t queued_bytes_ = 0;
    std::size_t queued_audio_bytes_ = 0;
    std::uint64_t dropped_audio_ = 0;
};

}  // namespace frontdesk::realtime
