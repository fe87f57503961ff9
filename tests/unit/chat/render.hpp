#pragma once

#include <sstream>
#include <string>

#include "chat/interpretation.hpp"
#include "core/local_time.hpp"

// One line per Interpretation listing every field that is set, in a fixed order, so a table test
// compares all fields at once and a failure shows exactly what differs.
namespace frontdesk::chat::testing {

inline std::string render(const Interpretation& in) {
    std::ostringstream out;
    out << "intent=" << to_string(in.intent);
    if (in.topic != InfoTopic::kNone) out << " topic=" << to_string(in.topic);
    if (in.answer) out << " answer=" << (*in.answer ? "yes" : "no");
    if (in.date) out << " date=" << format_date(*in.date);
    if (in.last_date) out << " last_date=" << format_date(*in.last_date);
    if (in.date_invalid) out << " date_invalid";
    if (in.day_kind)
        out << " day_kind=" << (*in.day_kind == DayKind::kWeekend ? "weekend" : "weekday");
    if (in.start_time) out << " start=" << format_time_of_day(*in.start_time);
    if (in.end_time) out << " end=" << format_time_of_day(*in.end_time);
    if (in.meridiem_assumed) out << " meridiem_assumed";
    if (in.day_part) out << " part=" << to_string(*in.day_part);
    if (in.window) {
        out << " window=" << format_time_of_day(in.window->start) << "-"
            << format_time_of_day(in.window->end);
    }
    if (in.duration_minutes) out << " duration=" << *in.duration_minutes;
    if (in.resource_count) out << " count=" << *in.resource_count;
    if (in.all_resources) out << " all";
    if (in.party_size) out << " party=" << *in.party_size;
    for (const auto r : in.resources) out << " resource=" << r;
    if (in.unknown_resource_number) out << " unknown_resource=" << *in.unknown_resource_number;
    if (in.service) out << " service=" << *in.service;
    for (const auto s : in.service_candidates) out << " candidate=" << s;
    if (in.name) out << " name=" << *in.name;
    if (in.phone) out << " phone=" << *in.phone;
    if (in.email) out << " email=" << *in.email;
    if (in.reference) out << " reference=" << *in.reference;
    if (in.lone_number) out << " lone=" << *in.lone_number;
    if (in.truncated) out << " truncated";
    return out.str();
}

}  // namespace frontdesk::chat::testing
