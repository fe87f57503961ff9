// Opening hours, breaks and holidays of a facility file.
#include <algorithm>
#include <array>

#include "booking/facility_parse.hpp"

namespace frontdesk::booking::config {
namespace {

constexpr TimeOfDay kEndOfDay{24 * 60};
using WeekTable = std::array<std::vector<DayInterval>, 7>;

DayInterval parse_interval(const Node& node, std::string_view from, std::string_view to) {
    node.expect_keys({from, to, "name"});
    const DayInterval interval{node.at(from).time_of_day(), node.at(to).time_of_day()};
    if (interval.end <= interval.start) {
        node.at(to).fail("must be after " + std::string{from} +
                         " (a day ends at 24:00; spans past midnight are not supported)");
    }
    if (interval.start == kEndOfDay) node.at(from).fail("must be before 24:00");
    return interval;
}

// A day's spans: a list of {from,to} objects, one such object, "closed" or an empty list.
std::vector<DayInterval> parse_day(const Node& node, std::string_view from, std::string_view to) {
    std::vector<DayInterval> spans;
    if (node.json().is_string() && node.json().get<std::string>() == "closed") return spans;
    if (node.json().is_object()) {
        spans.push_back(parse_interval(node, from, to));
        return spans;
    }
    if (!node.json().is_array()) {
        node.fail("must be a list of {\"" + std::string{from} + "\", \"" + std::string{to} +
                  "\"} spans, one such span, or \"closed\"");
    }
    for (const auto& item : node.items()) spans.push_back(parse_interval(item, from, to));
    return spans;
}

void sort_and_check_overlaps(const Node& node, std::vector<DayInterval>& spans) {
    std::sort(spans.begin(), spans.end(),
              [](const DayInterval& a, const DayInterval& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < spans.size(); ++i) {
        if (spans[i].start < spans[i - 1].end) {
            node.fail("spans " + format_time_of_day(spans[i - 1].start) + "–" +
                      format_time_of_day(spans[i - 1].end) + " and " +
                      format_time_of_day(spans[i].start) + "–" + format_time_of_day(spans[i].end) +
                      " overlap");
        }
    }
}

// Fills days named in a {"monday": …} object; a day named twice ("mon" and "monday") fails.
void parse_week(const Node& node, std::string_view from, std::string_view to, WeekTable& week) {
    std::array<bool, 7> seen{};
    for (const auto& [name, day] : node.members()) {
        const auto index = parse_weekday(name);
        if (!index) day.fail("is not a weekday; use monday … sunday");
        if (seen[*index]) day.fail("this weekday is given twice");
        seen[*index] = true;
        week[*index] = parse_day(day, from, to);
        sort_and_check_overlaps(day, week[*index]);
    }
}

void parse_opening_hours(const Node& root, Facility& facility) {
    const auto open = root.find("open_time");
    const auto close = root.find("close_time");
    const auto hours = root.find("hours");
    if (!open && !close && !hours) {
        root.fail_at("open_time", "is required (or give \"hours\" per weekday)");
    }
    if (open || close) {
        // Both or neither: one alone is surely a mistake.
        const DayInterval every_day{root.at("open_time").time_of_day(),
                                    root.at("close_time").time_of_day()};
        if (every_day.end <= every_day.start) {
            root.at("close_time")
                .fail(
                    "must be after open_time (use 24:00 for midnight; past midnight is not "
                    "supported)");
        }
        facility.weekly_hours.fill({every_day});
    }
    if (hours) parse_week(*hours, "open", "close", facility.weekly_hours);
    if (std::all_of(facility.weekly_hours.begin(), facility.weekly_hours.end(),
                    [](const auto& day) { return day.empty(); })) {
        (hours ? *hours : root).fail("the facility is never open");
    }
}

void parse_breaks(const Node& root, Facility& facility) {
    const auto breaks = root.find("breaks");
    if (!breaks) return;
    if (breaks->json().is_object()) {
        parse_week(*breaks, "start", "end", facility.breaks);
        return;
    }
    for (const auto& item : breaks->items()) {
        item.expect_keys({"start", "end", "days", "name"});
        const DayInterval span{item.at("start").time_of_day(), item.at("end").time_of_day()};
        if (span.end <= span.start) item.at("end").fail("must be after start");
        std::array<bool, 7> days{};
        if (const auto listed = item.find("days")) {
            for (const auto& day : listed->items()) days[day.weekday()] = true;
        } else {
            days.fill(true);
        }
        for (std::size_t d = 0; d < days.size(); ++d) {
            if (days[d]) facility.breaks[d].push_back(span);
        }
    }
    for (auto& day : facility.breaks) sort_and_check_overlaps(*breaks, day);
}

void parse_closed_dates(const Node& root, Facility& facility) {
    const auto dates = root.find("closed_dates");
    if (!dates) return;
    for (const auto& item : dates->items()) facility.closed_dates.insert(format_date(item.date()));
}

}  // namespace

void parse_schedule(const Node& root, Facility& facility) {
    parse_opening_hours(root, facility);
    parse_breaks(root, facility);
    parse_closed_dates(root, facility);
}

}  // namespace frontdesk::booking::config
