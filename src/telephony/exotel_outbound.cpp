#include "telephony/exotel_outbound.hpp"

#include <utility>

namespace frontdesk::telephony {

void ExotelOutbound::push(std::span<const std::uint8_t> audio, std::vector<ExotelStep>& out) {
    std::uint64_t sent = pushed_bytes_ - chunker_.pending_bytes();
    pushed_bytes_ += audio.size();
    // Chunks are cut from the front of the held audio, never padded: each one ends `sent` bytes
    // into the stream, and the marks queued up to there may follow it.
    for (auto& chunk : chunker_.push(audio)) {
        sent += chunk.size();
        out.emplace_back(ExotelChunk{std::move(chunk)});
        release_marks(sent, out);
    }
}

void ExotelOutbound::mark(std::string name, std::vector<ExotelStep>& out) {
    if (!holds_audio()) {
        out.emplace_back(ExotelMark{std::move(name)});
        return;
    }
    held_marks_.push_back(HeldMark{std::move(name), pushed_bytes_});
}

void ExotelOutbound::finish(std::vector<ExotelStep>& out) {
    auto rest = chunker_.flush();
    if (!rest.empty()) out.emplace_back(ExotelChunk{std::move(rest)});
    release_marks(pushed_bytes_, out);
}

void ExotelOutbound::clear(std::vector<ExotelStep>& out) {
    chunker_.clear();
    release_marks(pushed_bytes_, out);
}

void ExotelOutbound::release_marks(std::uint64_t sent_bytes, std::vector<ExotelStep>& out) {
    while (!held_marks_.empty() && held_marks_.front().audio_before <= sent_bytes) {
        out.emplace_back(ExotelMark{std::move(held_marks_.front().name)});
        held_marks_.pop_front();
    }
}

}  // namespace frontdesk::telephony
