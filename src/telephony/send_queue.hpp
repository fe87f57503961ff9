#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace frontdesk::telephony {

enum class FrameKind : std::uint8_t {
    kAudio,    // media: may be dropped by clear()
    kControl,  // mark, clear: never dropped
};

struct OutboundFrame {
    std::string text;
    FrameKind kind = FrameKind::kAudio;
};

/// The send queue of one media-stream websocket, bounded in bytes of frame text (STYLE §2.3).
/// It never drops on its own: push() reports "no room" and the session ends the call
/// (kSlowConsumer), since a carrier that stopped reading our audio cannot be caught up.
/// One writer and one strand: not synchronised.
class BoundedSendQueue {
public:
    explicit BoundedSendQueue(std::size_t byte_limit) : byte_limit_(byte_limit) {}

    /// Appends `frame`; false (and nothing queued) when it would exceed the limit.
    [[nodiscard]] bool push(OutboundFrame frame);
    /// Puts `frame` first (a clear must overtake queued marks); false when no room.
    [[nodiscard]] bool push_front(OutboundFrame frame);
    [[nodiscard]] std::optional<OutboundFrame> pop();
    /// Removes every queued audio frame, keeping control frames in order; returns the count.
    std::size_t drop_audio();
    void clear() noexcept;
    void set_byte_limit(std::size_t byte_limit) noexcept { byte_limit_ = byte_limit; }

    [[nodiscard]] std::size_t bytes() const noexcept { return bytes_; }
    [[nodiscard]] std::size_t byte_limit() const noexcept { return byte_limit_; }
    [[nodiscard]] bool empty() const noexcept { return frames_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return frames_.size(); }

private:
    [[nodiscard]] bool fits(const OutboundFrame& frame) const noexcept {
        return frame.text.size() <= byte_limit_ - bytes_ && bytes_ <= byte_limit_;
    }

    std::deque<OutboundFrame> frames_;
    std::size_t bytes_ = 0;
    std::size_t byte_limit_ = 0;
};

}  // namespace frontdesk::telephony
