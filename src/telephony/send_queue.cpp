#include "telephony/send_queue.hpp"

#include <algorithm>

namespace frontdesk::telephony {

bool BoundedSendQueue::push(OutboundFrame frame) {
    if (!fits(frame)) return false;
    bytes_ += frame.text.size();
    frames_.push_back(std::move(frame));
    return true;
}

bool BoundedSendQueue::push_front(OutboundFrame frame) {
    if (!fits(frame)) return false;
    bytes_ += frame.text.size();
    frames_.push_front(std::move(frame));
    return true;
}

std::optional<OutboundFrame> BoundedSendQueue::pop() {
    if (frames_.empty()) return std::nullopt;
    OutboundFrame frame = std::move(frames_.front());
    frames_.pop_front();
    bytes_ -= frame.text.size();
    return frame;
}

std::size_t BoundedSendQueue::drop_audio() {
    const auto is_audio = [](const OutboundFrame& f) { return f.kind == FrameKind::kAudio; };
    std::size_t dropped = 0;
    for (const auto& frame : frames_) {
        if (is_audio(frame)) {
            bytes_ -= frame.text.size();
            ++dropped;
        }
    }
    frames_.erase(std::remove_if(frames_.begin(), frames_.end(), is_audio), frames_.end());
    return dropped;
}

void BoundedSendQueue::clear() noexcept {
    frames_.clear();
    bytes_ = 0;
}

}  // namespace frontdesk::telephony
