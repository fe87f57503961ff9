#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
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
/// from the marks the carrier echoes and the bytes sent, never from the wall clock.
///
/// After each chunk of agent audio the bridge sends a mark; the tracker remembers, per mark, the
/// item and the item's cumulative playing time up to the end of that chunk (bytes sent ÷ bytes
/// per ms of the leg's format). A carrier echoes a mark once everything before it has played,
/// so the last echoed mark of an item is how much of it was heard. (A leg that holds audio back
/// to fill its chunks sends a mark only with the chunk that completes its audio, so an echo can
/// come a little after that audio played: the heard time errs on the short side, never beyond
/// what was played.) Echoes of unknown names (those a clear flushed, or marks the bridge sends
/// for itself) are ignored.
///
/// Pure, not synchronised: the call strand. Owns its bookkeeping only.
class PlayoutTracker {
public:
    explicit PlayoutTracker(media::AudioFormat leg_format) : format_(leg_format) {}

    /// Records `bytes` of agent audio of `item_id` sent to the leg; returns the name of the mark
    /// to send right after it.
    [[nodiscard]] std::string on_audio_sent(std::string_view item_id, std::size_t bytes);

    /// A mark echoed by the carrier. False (and nothing changes) for names it did not issue.
    bool on_mark_echoed(std::string_view name);

    /// True while some agent audio has been sent whose mark has not come back.
    [[nodiscard]] bool is_playing() const noexcept { return !pending_.empty(); }

    /// For each item with audio still queued at the carrier, oldest first: how much of it was
    /// heard (its last echoed mark's time, or 0 when none of it has played yet).
    [[nodiscard]] std::vector<HeardAudio> heard_so_far() const;

    /// Forgets the pending marks (after a clear: the carrier flushes the audio and echoes every
    /// pending mark, which by then proves nothing).
    void clear() noexcept;

    /// Playing time of everything sent for `item_id` so far (0 for other items).
    [[nodiscard]] std::int64_t sent_ms(std::string_view item_id) const noexcept;

private:
    struct PendingMark {
        std::string name;
        std::string item_id;
        std::int64_t item_ms = 0;  // the item's playing time up to this mark
    };
    struct ItemProgress {
        std::string item_id;
        std::size_t bytes_sent = 0;
        std::int64_t heard_ms = 0;
    };

    [[nodiscard]] std::int64_t heard_ms(std::string_view item_id) const noexcept;

    media::AudioFormat format_;
    std::deque<PendingMark> pending_;
    std::vector<ItemProgress> items_;  // the last few items, newest last (see kItemsKept)
    std::uint64_t next_mark_ = 1;
};

}  // namespace frontdesk::realtime
