#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/audio_format.hpp"

namespace frontdesk::realtime {

/// How much of one assistant item the caller has heard: what conversation.item.truncate needs.
struct HeardAudio {
    std::string item_id;
    std::int64_t audio_end_ms = 0;

    friend bool operator==(const HeardAudio&, const HeardAudio&) = default;
};

/// The barge-in bookkeeping of one call: how much agent audio the caller has actually heard,
/// from the marks the carrier echoes and the carrier's media clock, never from the wall clock.
///
/// The carrier plays agent audio in the order it was sent, so the tracker keeps one playout
/// position on that stream of bytes (turned into time by the leg's format):
/// - A mark goes out once `mark_spacing` of agent audio has been sent since the last one, and
///   when the agent's audio pauses (on_audio_paused). A carrier echoes a mark once everything
///   before it has played, so an echo pins the position: at that media-clock time the caller had
///   heard up to the mark.
/// - Between echoes the position advances with the media clock (the timestamps of the caller's
///   audio, which the carrier stamps as it plays ours), from the last echo, or from the moment
///   audio was sent to an idle carrier. It never passes the oldest mark not yet echoed, nor the
///   end of what was sent: however playback stalls, the estimate errs by less than
///   `mark_spacing`, and only between two marks.
/// - Without a media-clock reading at the pin (a leg that sent no caller audio yet) the
///   position stays at the last echo: the short side.
///
/// Echoes of unknown names (those a clear flushed, or marks the bridge sends for itself) are
/// ignored. An item's audio is assumed contiguous in the stream (one response speaks at a time).
///
/// Pure, not synchronised: the call strand. Owns its bookkeeping only.
class PlayoutTracker {
public:
    /// One mark per this much agent audio: 10 marks and 10 echoes a second while the agent
    /// speaks, instead of one each per model delta (the carrier's socket is the hot path).
    static constexpr std::chrono::milliseconds kDefaultMarkSpacing{100};

    explicit PlayoutTracker(media::AudioFormat leg_format,
                            std::chrono::milliseconds mark_spacing = kDefaultMarkSpacing);

    /// The carrier's media clock: the timestamp of the caller audio just received.
    void on_media_clock(std::chrono::milliseconds media_time) noexcept;

    /// Records `bytes` of agent audio of `item_id` sent to the leg; returns the name of a mark to
    /// send right after it when `mark_spacing` of audio has gone out since the last mark.
    [[nodiscard]] std::optional<std::string> on_audio_sent(std::string_view item_id,
                                                           std::size_t bytes);

    /// The agent's audio paused (its audio or response is done): the name of a mark to send
    /// after the audio not yet marked, if there is any.
    [[nodiscard]] std::optional<std::string> on_audio_paused();

    /// A mark echoed by the carrier. False (and nothing changes) for names it did not issue.
    bool on_mark_echoed(std::string_view name);

    /// True while some agent audio sent may not have played yet: a mark not echoed, or audio
    /// the media clock says is still playing.
    [[nodiscard]] bool is_playing() const noexcept;

    /// For each item not entirely heard, oldest first: how much of it was heard (0 when none of
    /// it has played yet).
    [[nodiscard]] std::vector<HeardAudio> heard_so_far() const;

    /// After a clear: the carrier flushed everything not played and echoes every pending mark,
    /// which by then proves nothing. Nothing is playing from here on.
    void clear() noexcept;

    /// Playing time of everything sent for `item_id` so far (0 for items no longer kept).
    [[nodiscard]] std::int64_t sent_ms(std::string_view item_id) const noexcept;

private:
    struct PendingMark {
        std::uint64_t number = 0;    // the mark's name is kMarkPrefix + number
        std::size_t stream_end = 0;  // bytes sent up to this mark
    };
    struct ItemProgress {
        std::string item_id;
        std::size_t stream_start = 0;  // bytes sent before the item's first byte
        std::size_t bytes_sent = 0;
    };
    /// The caller had heard `stream_heard` bytes at media-clock time `at` (unknown: no
    /// interpolation from this pin).
    struct PlayoutPin {
        std::size_t stream_heard = 0;
        std::optional<std::chrono::milliseconds> at;
    };

    [[nodiscard]] std::size_t estimated_heard() const noexcept;
    [[nodiscard]] std::string issue_mark();
    [[nodiscard]] std::int64_t ms_of(std::size_t bytes) const noexcept;

    media::AudioFormat format_;
    std::size_t mark_spacing_bytes_;
    std::deque<PendingMark> pending_;  // oldest first
    std::vector<ItemProgress> items_;  // the last few items, newest last (see kItemsKept)
    PlayoutPin pin_;
    std::optional<std::chrono::milliseconds> media_now_;
    std::size_t stream_sent_ = 0;  // bytes of agent audio sent to the leg
    std::size_t unmarked_ = 0;     // of them, sent since the last mark
    std::uint64_t next_mark_ = 1;
};

}  // namespace frontdesk::realtime
