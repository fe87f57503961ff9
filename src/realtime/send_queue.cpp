#include "realtime/send_queue.hpp"

#include <algorithm>

namespace frontdesk::realtime {

std::size_t SendQueue::push_audio(std::string text, std::size_t audio_bytes) {
    std::size_t dropped = 0;
    while ((queued_audio_bytes_ + audio_bytes > limits_.audio_bytes ||
            queued_bytes_ + text.size() > limits_.total_bytes) &&
           drop_oldest_audio()) {
        ++dropped;
    }
    if (queued_audio_bytes_ + audio_bytes > limits_.audio_bytes ||
        queued_bytes_ + text.size() > limits_.total_bytes) {
        // A single chunk larger than the whole budget: it is the oldest audio now, drop it.
        ++dropped_audio_;
        return dropped + 1;
    }
    queued_bytes_ += text.size();
    queued_audio_bytes_ += audio_bytes;
    messages_.push_back(Message{std::move(text), audio_bytes});
    return dropped;
}

bool SendQueue::push_control(std::string text) {
    if (queued_bytes_ + text.size() > limits_.total_bytes) return false;
    queued_bytes_ += text.size();
    messages_.push_back(Message{std::move(text), 0});
    return true;
}

std::optional<std::string> SendQueue::pop() {
    if (messages_.empty()) return std::nullopt;
    auto message = std::move(messages_.front());
    messages_.pop_front();
    queued_bytes_ -= message.text.size();
    queued_audio_bytes_ -= message.audio_bytes;
    return std::move(message.text);
}

void SendQueue::clear() noexcept {
    messages_.clear();
    queued_bytes_ = 0;
    queued_audio_bytes_ = 0;
}

bool SendQueue::drop_oldest_audio() {
    // Linear, but the queue holds a few hundred ms of 20 ms frames plus a handful of events.
    const auto oldest = std::find_if(messages_.begin(), messages_.end(),
                                     [](const Message& m) { return m.audio_bytes > 0; });
    if (oldest == messages_.end()) return false;
    queued_bytes_ -= oldest->text.size();
    queued_audio_bytes_ -= oldest->audio_bytes;
    messages_.erase(oldest);
    ++dropped_audio_;
    return true;
}

}  // namespace frontdesk::realtime
