#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "media/audio_format.hpp"
#include "telephony/stream_events.hpp"

// Exotel Voicebot events (PROTOCOLS §6.2, §6.3), read with the tolerant rules of §6.6 (event /
// Event, snake_case or camelCase ids, numbers as numbers or strings, payload / Payload).
// Pure, any thread, never throw (the serialisers and the chunker may throw std::bad_alloc).

namespace frontdesk::telephony {

/// As parse_twilio_event, for Exotel's shapes.
[[nodiscard]] StreamEvent parse_exotel_event(std::string_view text);

/// {"event":"media","stream_sid":…,"media":{"payload":base64(audio)}}
[[nodiscard]] std::string exotel_media_frame(std::string_view stream_sid,
                                             std::span<const std::uint8_t> audio);
[[nodiscard]] std::string exotel_mark_frame(std::string_view stream_sid, std::string_view name);
[[nodiscard]] std::string exotel_clear_frame(std::string_view stream_sid);

/// Cuts outbound audio into the chunks Exotel plays without gaps (§6.4): each a multiple of
/// 20 ms (320 bytes at 8 kHz PCM16; 640 / 960 at 16 / 24 kHz), at least 100 ms *and* at least
/// 3200 bytes, at most 100 KB. Exotel states both "3.2 KB" and "100 ms" as the minimum, but
/// 3200 bytes is 200 ms at 8 kHz PCM16, so the larger of the two is used (3200 bytes at 8 and
/// 16 kHz, 4800 at 24 kHz). Audio short of a chunk waits for more; flush() pads the remainder
/// with silence, for when the agent's audio pauses (see ExotelOutbound). Per call, on the call
/// strand.
class ExotelChunker {
public:
    static constexpr std::chrono::milliseconds kGranule{20};
    static constexpr std::chrono::milliseconds kMinChunk{100};
    static constexpr std::size_t kMinChunkBytes = 3200;
    static constexpr std::size_t kMaxChunkBytes = 100 * 1000;

    explicit ExotelChunker(media::AudioFormat format);

    /// Appends `audio`; returns the complete chunks now ready (possibly none).
    [[nodiscard]] std::vector<std::vector<std::uint8_t>> push(std::span<const std::uint8_t> audio);
    /// The held remainder padded with silence to a valid chunk; empty when nothing is held.
    [[nodiscard]] std::vector<std::uint8_t> flush();
    /// Drops held audio (barge-in).
    void clear() noexcept { pending_.clear(); }

    [[nodiscard]] std::size_t granule_bytes() const noexcept { return granule_bytes_; }
    [[nodiscard]] std::size_t min_chunk_bytes() const noexcept { return min_chunk_bytes_; }
    [[nodiscard]] std::size_t max_chunk_bytes() const noexcept { return max_chunk_bytes_; }
    [[nodiscard]] std::size_t pending_bytes() const noexcept { return pending_.size(); }

private:
    std::size_t granule_bytes_ = 0;
    std::size_t min_chunk_bytes_ = 0;
    std::size_t max_chunk_bytes_ = 0;  // largest multiple of the granule within kMaxChunkBytes
    std::uint8_t silence_ = 0;         // 0 for PCM16, 0xFF for μ-law
    std::vector<std::uint8_t> pending_;
};

}  // namespace frontdesk::telephony
