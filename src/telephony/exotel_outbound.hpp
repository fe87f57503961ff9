#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "media/audio_format.hpp"
#include "telephony/exotel_events.hpp"

namespace frontdesk::telephony {

/// A chunk of agent audio to send as one Exotel media event.
struct ExotelChunk {
    std::vector<std::uint8_t> audio;

    friend bool operator==(const ExotelChunk&, const ExotelChunk&) = default;
};

/// A mark to send now: all the audio queued before it has gone out.
struct ExotelMark {
    std::string name;

    friend bool operator==(const ExotelMark&, const ExotelMark&) = default;
};

using ExotelStep = std::variant<ExotelChunk, ExotelMark>;

/// What goes to Exotel, in order, for the agent's audio and marks (PROTOCOLS §6.3, §6.4): the
/// audio cut into valid chunks by an ExotelChunker, each mark right after the chunk that carries
/// the last of the audio queued before it. A mark behind audio still short of a chunk is held
/// until that chunk goes out, so marks never force padding and an echo still means "everything
/// before this mark played". finish() pads the remainder into a last chunk (the agent paused);
/// clear() drops it (barge-in). Pure, not synchronised: per call, on the call strand. May throw
/// std::bad_alloc.
class ExotelOutbound {
public:
    explicit ExotelOutbound(media::AudioFormat format) : chunker_(format) {}

    /// Appends the chunks `audio` completes, each followed by the marks it releases.
    void push(std::span<const std::uint8_t> audio, std::vector<ExotelStep>& out);
    /// Appends the mark at once when no audio is held, else holds it behind that audio.
    void mark(std::string name, std::vector<ExotelStep>& out);
    /// Appends the held audio padded with silence into one valid chunk, then the held marks.
    void finish(std::vector<ExotelStep>& out);
    /// Drops the held audio and appends the held marks, which now have nothing before them.
    void clear(std::vector<ExotelStep>& out);

    /// Whether audio is held waiting for more (then finish() would pad).
    [[nodiscard]] bool holds_audio() const noexcept { return chunker_.pending_bytes() > 0; }
    [[nodiscard]] const ExotelChunker& chunker() const noexcept { return chunker_; }

private:
    struct HeldMark {
        std::string name;
        std::uint64_t audio_before = 0;  // bytes pushed before the mark
    };

    void release_marks(std::uint64_t sent_bytes, std::vector<ExotelStep>& out);

    ExotelChunker chunker_;
    std::deque<HeldMark> held_marks_;  // oldest first; only while audio is held
    std::uint64_t pushed_bytes_ = 0;   // all audio pushed, held or sent
};

}  // namespace frontdesk::telephony
