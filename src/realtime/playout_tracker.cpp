#include "realtime/playout_tracker.hpp"

#include <algorithm>
#include <chrono>

namespace frontdesk::realtime {
namespace {

// Items older than this can no longer be playing (a response has one audio item; a barge-in
// concerns the item playing and at most one queued behind it).
constexpr std::size_t kItemsKept = 4;
constexpr std::string_view kMarkPrefix = "rt-";

}  // namespace

std::string PlayoutTracker::on_audio_sent(std::string_view item_id, std::size_t bytes) {
    auto it = std::find_if(items_.begin(), items_.end(),
                           [&](const ItemProgress& item) { return item.item_id == item_id; });
    if (it == items_.end()) {
        if (items_.size() == kItemsKept) items_.erase(items_.begin());
        items_.push_back(ItemProgress{std::string{item_id}, 0, 0});
        it = std::prev(items_.end());
    }
    it->bytes_sent += bytes;
    const auto played = std::chrono::duration_cast<std::chrono::milliseconds>(
        media::duration_of_bytes(format_, it->bytes_sent));
    auto name = std::string{kMarkPrefix} + std::to_string(next_mark_++);
    pending_.push_back(PendingMark{name, it->item_id, played.count()});
    return name;
}

bool PlayoutTracker::on_mark_echoed(std::string_view name) {
    const auto match = std::find_if(pending_.begin(), pending_.end(),
                                    [&](const PendingMark& mark) { return mark.name == name; });
    if (match == pending_.end()) return false;
    // Echoes come in order; anything queued before this mark has played as well.
    const auto heard = *match;
    pending_.erase(pending_.begin(), std::next(match));
    for (auto& item : items_) {
        if (item.item_id == heard.item_id) item.heard_ms = std::max(item.heard_ms, heard.item_ms);
    }
    return true;
}

std::vector<HeardAudio> PlayoutTracker::heard_so_far() const {
    std::vector<HeardAudio> out;
    for (const auto& mark : pending_) {
        if (!out.empty() && out.back().item_id == mark.item_id) continue;
        out.push_back(HeardAudio{mark.item_id, heard_ms(mark.item_id)});
    }
    return out;
}

void PlayoutTracker::clear() noexcept { pending_.clear(); }

std::int64_t PlayoutTracker::sent_ms(std::string_view item_id) const noexcept {
    for (const auto& item : items_) {
        if (item.item_id == item_id) {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       media::duration_of_bytes(format_, item.bytes_sent))
                .count();
        }
    }
    return 0;
}

std::int64_t PlayoutTracker::heard_ms(std::string_view item_id) const noexcept {
    for (const auto& item : items_) {
        if (item.item_id == item_id) return item.heard_ms;
    }
    return 0;
}

}  // namespace frontdesk::realtime
