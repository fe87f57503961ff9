// Questions the built-in agent answers from get_facility_info and check_availability: hours,
// prices, rentals, coaching, policy, and "any court free tomorrow evening?".
#include <algorithm>

#include "booking/spoken.hpp"
#include "chat/builtin_agent.hpp"
#include "chat/reply_phrasing.hpp"

namespace frontdesk::chat {
namespace {

using nlohmann::json;

// Enough starts to choose from in one sentence; more is noise in a chat or on the phone.
constexpr std::size_t kMaxOffers = 4;
// When the tool's day listing stops before the window, one check per start fills the offer; this
// bounds those calls.
constexpr int kMaxProbes = 6;
constexpr int kMinutesPerHour = 60;

const json& member(const json& object, std::string_view key) {
    static const json kNull;
    return object.is_object() && object.contains(key) ? object[std::string{key}] : kNull;
}

int int_field(const json& object, std::string_view key) {
    const auto& value = member(object, key);
    return value.is_number_integer() ? value.get<int>() : 0;
}

bool in_window(TimeOfDay start, const std::optional<TimeWindow>& window) {
    return !window || (window->start <= start && start < window->end);
}

std::string rate_sentence(const json& pricing, std::optional<DayKind> kind) {
    const auto weekday = money_text(member(pricing, "weekday_per_hour"));
    const auto weekend = money_text(member(pricing, "weekend_per_hour"));
    if (kind == DayKind::kWeekend) return "It's " + weekend + " an hour on weekends.";
    if (kind == DayKind::kWeekday) return "It's " + weekday + " an hour on weekdays.";
    if (weekday == weekend) return "It's " + weekday + " an hour, every day.";
    return "It's " + weekday + " an hour on weekdays and " + weekend + " on weekends.";
}

std::string priced_list(const json& items, std::string_view price_key) {
    std::vector<std::string> parts;
    if (!items.is_array()) return {};
    for (const auto& item : items) {
        parts.push_back(text_field(item, "name") + " " + money_text(member(item, price_key)));
    }
    return booking::spoken_list(parts);
}

std::string policy_sentence(const json& rules) {
    const int notice = int_field(rules, "cancellation_notice_minutes");
    if (notice <= 0) return "You can cancel or move a booking any time before it starts.";
    const auto phrase = notice % (24 * kMinutesPerHour) == 0 && notice > 24 * kMinutesPerHour
                            ? std::to_string(notice / (24 * kMinutesPerHour)) + " days"
                            : booking::spoken_duration(notice);
    return "You can cancel or move a booking up to " + phrase + " before it starts.";
}

}  // namespace

void BuiltinAgent::answer_info(AgentTurn& turn, const Interpretation& said) {
    if (said.topic == InfoTopic::kMyBookings) {
        const auto result = turn.call("find_bookings", json::object());
        const auto& list = member(result, "bookings");
        if (!list.is_array() || list.empty()) {
            turn.say(result.value("ok", false) ? "I can't find any upcoming bookings for you."
                                               : error_message(result));
            return;
        }
        std::vector<std::string> lines;
        for (const auto& entry : list) lines.push_back(span_summary(entry, facility_.resource_kind));
        turn.say("You have " + booking::spoken_list(lines) + ".");
        return;
    }
    const auto info = turn.call("get_facility_info", json::object());
    if (!info.value("ok", false)) return turn.say(error_message(info));
    if (said.topic != InfoTopic::kNone) return answer_topic(turn, said.topic, info);
    if (said.intent == Intent::kAskPrice) return answer_price(turn, said, info);
    answer_hours(turn, said, info);
}

void BuiltinAgent::answer_hours(AgentTurn& turn, const Interpretation& said, const json& info) {
    const auto& hours = member(info, "hours");
    if (!said.date) return turn.say(weekly_hours_text(hours));
    const auto& closed = member(info, "closed_dates");
    const auto key = format_date(*said.date);
    const auto day = day_phrase(*said.date, today());
    if (closed.is_array() && std::find(closed.begin(), closed.end(), key) != closed.end()) {
        return turn.say("We're closed " + day + ".");
    }
    const auto spans = day_hours_text(hours, *said.date);
    turn.say(spans.empty() ? "We're closed " + day + "." : "We're open " + spans + " " + day + ".");
}

void BuiltinAgent::answer_price(AgentTurn& turn, const Interpretation& said, const json& info) {
    const auto& services = member(info, "services");
    if (services.is_array() && !services.empty()) {
        if (said.service) {
            const auto& service = services.at(*said.service);
            return turn.say(text_field(service, "name") + " is " +
                            money_text(member(service, "price")) + ".");
        }
        return turn.say("Our prices: " + priced_list(services, "price") + ".");
    }
    auto kind = said.day_kind;
    if (!kind && said.date) {
        const bool weekend = facility_.pricing.weekend_days.contains(weekday_index(*said.date));
        kind = weekend ? DayKind::kWeekend : DayKind::kWeekday;
    }
    turn.say(rate_sentence(member(info, "pricing"), kind) + " That's per " +
             facility_.resource_kind + ".");
}

void BuiltinAgent::answer_topic(AgentTurn& turn, InfoTopic topic, const json& info) {
    switch (topic) {
        case InfoTopic::kRentals: {
            const auto list = priced_list(member(info, "rentals"), "price");
            return turn.say(list.empty() ? "We don't rent out equipment, sorry."
                                         : "You can rent: " + list + ".");
        }
        case InfoTopic::kCoaching: {
            const auto& coaching = member(info, "coaching");
            if (!member(coaching, "available").is_boolean() || !coaching["available"].get<bool>()) {
                return turn.say("We don't offer coaching at the moment.");
            }
            std::vector<std::string> timings;
            for (const auto& t : member(coaching, "timings")) {
                if (t.is_string()) timings.push_back(t.get<std::string>());
            }
            std::string out = "Yes, we offer coaching for " + money_text(member(coaching, "fee"));
            if (const int age = int_field(coaching, "age_below"); age > 0) {
                out += ", for players under " + std::to_string(age);
            }
            if (!timings.empty()) out += ". Sessions are at " + booking::spoken_list(timings);
            return turn.say(out + ".");
        }
        case InfoTopic::kPolicy:
            return turn.say(policy_sentence(member(info, "booking_rules")));
        case InfoTopic::kServices: {
            const auto list = priced_list(member(info, "services"), "price");
            return turn.say(list.empty() ? "We have " +
                                               std::to_string(facility_.resources.size()) + " " +
                                               booking::plural(facility_.resource_kind) +
                                               " to book by the hour."
                                         : "We offer " + list + ".");
        }
        default:
            turn.say("I don't have directions here, but you can reach " + facility_.name +
                     (facility_.phone_numbers.empty() ? "" : " on " + facility_.phone_numbers[0]) +
                     ".");
    }
}

void BuiltinAgent::answer_availability(AgentTurn& turn, const Interpretation& said) {
    if (state_.task != Task::kBook) clear_task();
    state_.task = Task::kBook;
    merge_slot(said);
    merge_contact(said);
    if (!state_.slot.date) state_.slot.date = today();
    if (!state_.slot.start) return list_free_starts(turn, said);
    if (!check_slot(turn)) return;
    ask(turn, Question::kBookOffered,
        "Yes, " + booking::spoken_time(*state_.slot.start) + " " +
            day_phrase(*state_.slot.date, today()) + " is free. Would you like me to book it?");
}

void BuiltinAgent::list_free_starts(AgentTurn& turn, const Interpretation& said) {
    auto day = state_.slot;
    day.start.reset();
    const auto result = check_day(turn);
    if (!result) return;
    std::vector<OfferedStart> offers;
    for (const auto& offer : offered_starts(member(*result, "slots"))) {
        if (in_window(offer.start, said.window) && offers.size() < kMaxOffers) {
            offers.push_back(offer);
        }
    }
    if (int_field(*result, "more_slots") > 0) probe_window(turn, day, *result, said.window, offers);
    state_.offered = offers;
    const auto when = day_phrase(*day.date, today());
    if (offers.empty()) {
        return ask(turn, Question::kTime,
                   "Sorry, nothing is free then " + when + ". Would another time work?");
    }
    std::vector<TimeOfDay> times;
    for (const auto& offer : offers) times.push_back(offer.start);
    ask(turn, Question::kTime,
        "We have " + booking::plural(facility_.resource_kind) + " free at " + times_text(times) +
            " " + when + ". Which time would you like?");
}

// The tool lists only the first starts of a day; checks later starts of the facility's grid
// inside the window one by one, up to kMaxProbes calls.
void BuiltinAgent::probe_window(AgentTurn& turn, const SlotDraft& day, const json& listing,
                                const std::optional<TimeWindow>& window,
                                std::vector<OfferedStart>& offers) {
    const auto listed = offered_starts(member(listing, "slots"));
    const TimeOfDay after = listed.empty() ? TimeOfDay{-1} : listed.back().start;
    const TimeOfDay step{std::max(1, facility_.rules.slot_granularity_minutes)};
    int probes = 0;
    for (const auto& span : facility_.weekly_hours[weekday_index(*day.date)]) {
        for (auto t = span.start; t < span.end; t += step) {
            if (offers.size() >= kMaxOffers || probes >= kMaxProbes) return;
            if (t <= after || !in_window(t, window)) continue;
            auto probe = day;
            probe.start = t;
            ++probes;
            const auto one = turn.call("check_availability", slot_arguments(probe));
            if (one.value("available", false)) offers.push_back({*day.date, t});
        }
    }
}

}  // namespace frontdesk::chat
