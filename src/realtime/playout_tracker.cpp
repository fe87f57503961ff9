#include "realtime/playout_tracker.hpp"

#include <algorithm>
#include <charconv>

namespace frontdesk::realtime {
namespace {

// Items older than this can no longer be playing (a response has one audio item; a barge-in
// concerns the item playing and at most one queued behind it).
constexpr std::size_t kItemsKept = 4;
constexpr std::string_view kMarkPrefix = "rt-";

[[nodiscard]] std::optional<std::uint64_t> mark_number(std::string_view name) noexcept {
    if (!name.starts_with(kMarkPrefix)) return std::nullopt;
    name.remove_prefix(kMarkPrefix.size());
    std::uint64_t number = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
    if (error != std::errc{} || end != name.data() + name.size()) return std::nullopt;
    return number;
}

}  // namespace

PlayoutTracker::PlayoutTracker(media::AudioFormat leg_format,
                               std::chrono::milliseconds mark_spacing)
    : format_(leg_format),
      mark_spacing_bytes_(std::max<std::size_t>(1, media::bytes_per_duration(leg_format,
                                                                             mark_spacing))) {}

void PlayoutTracker::on_media_clock(std::chrono::milliseconds media_time) noexcept {
    media_now_ = media_time;
}

std::optional<std::string> PlayoutTracker::on_audio_sent(std::string_view item_id,
                                                         std::size_t bytes) {
    if (bytes == 0) return std::nullopt;
    // Audio sent to a carrier with nothing left to play starts playing now.
    if (pending_.empty() && estimated_heard() == stream_sent_) pin_ = {stream_sent_, media_now_};
    auto it = std::find_if(items_.begin(), items_.end(),
                           [&](const ItemProgress& item) { return item.item_id == item_id; });
    if (it == items_.end()) {
        if (items_.size() == kItemsKept) items_.erase(items_.begin());
        items_.push_back(ItemProgress{std::string{item_id}, stream_sent_, 0});
        it = std::prev(items_.end());
    }
    it->bytes_sent += bytes;
    stream_sent_ += bytes;
    unmarked_ += bytes;
    if (unmarked_ < mark_spacing_bytes_) return std::nullopt;
    return issue_mark();
}

std::optional<std::string> PlayoutTracker::on_audio_paused() {
    if (unmarked_ == 0) return std::nullopt;
    return issue_mark();
}

std::string PlayoutTracker::issue_mark() {
    unmarked_ = 0;
    const auto number = next_mark_++;
    pending_.push_back(PendingMark{number, stream_sent_});
    auto name = std::string{kMarkPrefix};
    name += std::to_string(number);
    return name;
}

bool PlayoutTracker::on_mark_echoed(std::string_view name) {
    const auto number = mark_number(name);
    if (!number) return false;
    const auto match = std::find_if(pending_.begin(), pending_.end(),
                                    [&](const PendingMark& mark) { return mark.number == *number; });
    if (match == pending_.end()) return false;
    // Echoes come in order; anything queued before this mark has played as well.
    pin_ = {match->stream_end, media_now_};
    pending_.erase(pending_.begin(), std::next(match));
    return true;
}

std::size_t PlayoutTracker::estimated_heard() const noexcept {
    const auto ceiling = pending_.empty() ? stream_sent_ : pending_.front().stream_end;
    auto heard = pin_.stream_heard;
    if (pin_.at && media_now_ && *media_now_ > *pin_.at) {
        heard += media::bytes_per_duration(format_, *media_now_ - *pin_.at);
    }
    return std::clamp(heard, pin_.stream_heard, std::max(ceiling, pin_.stream_heard));
}

bool PlayoutTracker::is_playing() const noexcept {
    return !pending_.empty() || estimated_heard() < stream_sent_;
}

std::vector<HeardAudio> PlayoutTracker::heard_so_far() const {
    const auto heard = estimated_heard();
    std::vector<HeardAudio> out;
    for (const auto& item : items_) {
        const auto item_end = item.stream_start + item.bytes_sent;
        if (heard >= item_end) continue;
        const auto of_item = heard > item.stream_start ? heard - item.stream_start : 0;
        out.push_back(HeardAudio{item.item_id, ms_of(of_item)});
    }
    return out;
}

void PlayoutTracker::clear() noexcept {
    pending_.clear();
    unmarked_ = 0;
    pin_ = {stream_sent_, media_now_};
}

std::int64_t PlayoutTracker::sent_ms(std::string_view item_id) const noexcept {
    for (const auto& item : items_) {
        if (item.item_id == item_id) return ms_of(item.bytes_sent);
    }
    return 0;
}

std::int64_t PlayoutTracker::ms_of(std::size_t bytes) const noexcept {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               media::duration_of_bytes(format_, bytes))
        .count();
}

}  // namespace frontdesk::realtime
