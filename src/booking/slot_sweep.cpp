// Listing free slots: occupancy is sorted and merged once per call, then each day is one sweep
// over its starts in time order with a cursor per resource, so a day costs
// O(starts × resources + occupancy) and allocates nothing per start beyond the output.
#include <algorithm>

#include "booking/availability.hpp"
#include "booking/slot_rules.hpp"
#include "booking/spoken.hpp"

namespace frontdesk::booking {
namespace {

using std::chrono::minutes;

/// Sweeps the starts of one day after another for one request shape.
/// Borrows the facility and the shape; both outlive it (it lives inside one call).
class SlotSweeper {
public:
    SlotSweeper(const Facility& facility, const detail::RequestShape& shape,
                std::span<const Occupancy> occupied);

    /// Appends the free starts of `date` (only `only` when set) at or after `earliest`.
    void collect(LocalDate date, std::optional<TimeOfDay> only, Instant earliest,
                 std::vector<SlotOption>& out);

private:
    struct Busy {
        std::size_t slot = 0;  // index into shape_.eligible
        Instant start;
        Instant end;
    };

    void merge(std::vector<Busy> spans);
    void start_day(LocalDate date);
    [[nodiscard]] bool in_break(Instant start, Instant end) const;
    [[nodiscard]] bool is_free(std::size_t slot, Instant start, Instant end);
    void offer(Instant start, Instant end, std::vector<SlotOption>& out);

    const Facility& facility_;
    const detail::RequestShape& shape_;
    std::vector<Busy> busy_;            // merged and sorted per eligible resource, buffer included
    std::vector<std::size_t> first_;    // eligible k owns busy_[first_[k], first_[k + 1])
    std::vector<std::size_t> cursor_;   // per eligible resource: first busy span not yet passed
    std::vector<std::size_t> free_;     // scratch: eligible resources free for the current start
    std::vector<InstantRange> breaks_;  // the current day's breaks as instants
};

SlotSweeper::SlotSweeper(const Facility& facility, const detail::RequestShape& shape,
                         std::span<const Occupancy> occupied)
    : facility_(facility), shape_(shape) {
    // A booking keeps `buffer` free after it, so the new slot and every occupancy are each
    // widened by it: widening the occupancy on both sides covers both directions.
    const minutes buffer{facility.rules.buffer_minutes};
    std::vector<Busy> spans;
    spans.reserve(occupied.size());
    for (const auto& taken : occupied) {
        if (taken.end <= taken.start) continue;
        for (std::size_t k = 0; k < shape.eligible.size(); ++k) {
            const auto& id = facility.resources[shape.eligible[k]].id;
            if (taken.resource_id.empty() || taken.resource_id == id) {
                spans.push_back({k, taken.start - buffer, taken.end + buffer});
            }
        }
    }
    merge(std::move(spans));
    free_.reserve(shape.eligible.size());
}

void SlotSweeper::merge(std::vector<Busy> spans) {
    std::sort(spans.begin(), spans.end(), [](const Busy& a, const Busy& b) {
        return a.slot != b.slot ? a.slot < b.slot : a.start < b.start;
    });
    busy_.reserve(spans.size());
    first_.assign(shape_.eligible.size() + 1, 0);
    for (const auto& span : spans) {
        if (!busy_.empty() && busy_.back().slot == span.slot && span.start <= busy_.back().end) {
            busy_.back().end = std::max(busy_.back().end, span.end);
        } else {
            busy_.push_back(span);
        }
    }
    // first_[k] is the first merged span of resource k or later.
    std::size_t at = 0;
    for (std::size_t k = 0; k <= shape_.eligible.size(); ++k) {
        while (at < busy_.size() && busy_[at].slot < k) ++at;
        first_[k] = at;
    }
    cursor_.resize(shape_.eligible.size());
}

void SlotSweeper::start_day(LocalDate date) {
    const auto& zone = facility_.time_zone;
    const auto day_start = detail::lenient_instant(zone, date, TimeOfDay{0});
    for (std::size_t k = 0; k < cursor_.size(); ++k) {
        const auto* begin = busy_.data() + first_[k];
        const auto* end = busy_.data() + first_[k + 1];
        // Merged spans are disjoint, so their ends are sorted too.
        const auto* it = std::partition_point(
            begin, end, [day_start](const Busy& span) { return span.end <= day_start; });
        cursor_[k] = static_cast<std::size_t>(it - busy_.data());
    }
    breaks_.clear();
    for (const auto& pause : facility_.breaks[weekday_index(date)]) {
        breaks_.push_back({detail::lenient_instant(zone, date, pause.start),
                           detail::lenient_instant(zone, date, pause.end)});
    }
}

bool SlotSweeper::in_break(Instant start, Instant end) const {
    return std::any_of(breaks_.begin(), breaks_.end(), [&](const InstantRange& pause) {
        return start < pause.to && pause.from < end;
    });
}

bool SlotSweeper::is_free(std::size_t slot, Instant start, Instant end) {
    auto& at = cursor_[slot];
    const auto last = first_[slot + 1];
    while (at < last && busy_[at].end <= start) ++at;
    return at == last || end <= busy_[at].start;
}

void SlotSweeper::offer(Instant start, Instant end, std::vector<SlotOption>& out) {
    free_.clear();
    for (std::size_t k = 0; k < shape_.eligible.size(); ++k) {
        if (is_free(k, start, end)) free_.push_back(k);
    }
    if (free_.size() < shape_.count) return;
    auto& option = out.emplace_back(SlotOption{start, end, {}});
    option.free_resource_ids.reserve(free_.size());
    for (const auto k : free_) {
        option.free_resource_ids.push_back(facility_.resources[shape_.eligible[k]].id);
    }
}

void SlotSweeper::collect(LocalDate date, std::optional<TimeOfDay> only, Instant earliest,
                          std::vector<SlotOption>& out) {
    start_day(date);
    const auto& zone = facility_.time_zone;
    const minutes step{facility_.rules.slot_granularity_minutes};
    const minutes duration{shape_.duration_minutes};
    for (const auto& span : facility_.weekly_hours[weekday_index(date)]) {
        const auto closes = detail::lenient_instant(zone, date, span.end);
        for (auto time = span.start; time < span.end; time += step) {
            if (only && time != *only) continue;
            // A start in a spring-forward gap does not exist; a repeated one is its first instant.
            const auto start = zone.to_instant(date, time);
            if (!start || *start < earliest) continue;
            const auto end = *start + duration;
            if (end > closes) break;
            if (!in_break(*start, end)) offer(*start, end, out);
        }
    }
}

// Why an open, bookable-looking day offers nothing at all, or nullopt when it can.
std::optional<std::string> outside_window(const Facility& facility, LocalDate date, Instant now) {
    const auto today = facility.time_zone.today(now);
    if (date < today) return "That day has already passed.";
    const int ahead = facility.rules.maximum_days_ahead;
    if (days_between(today, date) > ahead) {
        return "We take bookings up to " + std::to_string(ahead) + " days ahead.";
    }
    return std::nullopt;
}

Instant earliest_start(const Facility& facility, Instant now) {
    return now + minutes{facility.rules.minimum_notice_minutes};
}

}  // namespace

DayAvailability compute_day_availability(const Facility& facility, const SlotRequest& request,
                                         std::span<const Occupancy> occupied, Instant now) {
    const auto shape = detail::resolve_shape(facility, request);
    detail::check_valid_date(request.date);
    DayAvailability day{request.date, false, detail::closed_reason(facility, request.date), {}, {}};
    if (!day.closed_reason.empty()) return day;
    day.open = true;
    if (auto note = outside_window(facility, request.date, now)) {
        day.note = std::move(*note);
        return day;
    }
    SlotSweeper sweeper{facility, shape, occupied};
    sweeper.collect(request.date, request.start_time, earliest_start(facility, now), day.slots);
    return day;
}

std::vector<SlotOption> nearest_alternatives(const Facility& facility, const SlotRequest& wanted,
                                             std::span<const Occupancy> occupied, Instant now,
                                             std::size_t limit) {
    const auto shape = detail::resolve_shape(facility, wanted);
    detail::check_valid_date(wanted.date);
    const auto today = facility.time_zone.today(now);
    const auto horizon = add_days(today, facility.rules.maximum_days_ahead);
    const auto earliest = earliest_start(facility, now);
    SlotSweeper sweeper{facility, shape, occupied};
    std::vector<SlotOption> found;
    // The wanted day first, nearest to the wanted time in either direction.
    if (wanted.date >= today && wanted.date <= horizon &&
        detail::closed_reason(facility, wanted.date).empty()) {
        sweeper.collect(wanted.date, std::nullopt, earliest, found);
        const auto target = detail::lenient_instant(facility.time_zone, wanted.date,
                                                    wanted.start_time.value_or(TimeOfDay{0}));
        // The wanted start is what the caller could not have; it is no alternative.
        if (wanted.start_time) {
            std::erase_if(found, [target](const SlotOption& o) { return o.start == target; });
        }
        const auto distance = [target](const SlotOption& o) {
            return std::chrono::abs(o.start - target);
        };
        std::stable_sort(found.begin(), found.end(), [&](const SlotOption& a, const SlotOption& b) {
            return distance(a) < distance(b);
        });
        if (found.size() > limit) found.resize(limit);
    }
    // Then the following days in order, up to the booking horizon.
    for (auto date = add_days(std::max(wanted.date, add_days(today, -1)), 1);
         found.size() < limit && date <= horizon; date = add_days(date, 1)) {
        if (!detail::closed_reason(facility, date).empty()) continue;
        sweeper.collect(date, std::nullopt, earliest, found);
        if (found.size() > limit) found.resize(limit);
    }
    return found;
}

std::vector<std::string> free_resources(const Facility& facility, const ResolvedSlot& slot,
                                        std::span<const Occupancy> occupied) {
    const minutes buffer{facility.rules.buffer_minutes};
    std::vector<std::string> out;
    for (const auto& id : slot.eligible_resource_ids) {
        const bool taken = std::any_of(occupied.begin(), occupied.end(), [&](const Occupancy& o) {
            return (o.resource_id.empty() || o.resource_id == id) && o.start < o.end &&
                   slot.start < o.end + buffer && o.start - buffer < slot.end;
        });
        if (!taken) out.push_back(id);
    }
    return out;
}

}  // namespace frontdesk::booking
