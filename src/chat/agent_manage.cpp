// Cancelling and moving an existing booking: find it (the one booked in this conversation, or
// find_bookings by the caller's number), ask which one when there are several, read the change
// back and act only on an explicit yes.
#include <algorithm>

#include "booking/spoken.hpp"
#include "chat/builtin_agent.hpp"
#include "chat/reply_phrasing.hpp"

namespace frontdesk::chat {
namespace {

using nlohmann::json;

bool is_ok(const json& result) { return result.is_object() && result.value("ok", false); }

// At most this many bookings are read out when asking "which one?".
constexpr std::size_t kMaxListed = 5;

}  // namespace

void BuiltinAgent::start_manage(AgentTurn& turn, Task task, const Interpretation& said,
                                std::string_view message) {
    // "change it to 7 pm" while a new booking is being quoted changes that booking.
    if (task == Task::kReschedule && state_.task == Task::kBook && merge_slot(said)) {
        state_.quote_id.clear();
        state_.quoted.reset();
        return advance_booking(turn);
    }
    if (!state_.quote_id.empty()) turn.say("I've set aside the quote; nothing was booked.");
    clear_task();
    state_.task = task;
    merge_contact(said);
    if (!find_target(turn, said)) return;
    if (task == Task::kReschedule) {
        // Read the message again now that the booking is known: "move it to 7" is then the 7
        // nearer to the booking's own start.
        merge_move(interpret(message, context_now()));
    }
    advance_manage(turn);
}

bool BuiltinAgent::find_target(AgentTurn& turn, const Interpretation& said) {
    if (state_.last_booked && (!said.reference || *said.reference == state_.last_booked->id)) {
        state_.target = state_.last_booked;
        return true;
    }
    const auto& contact = state_.contact;
    if (contact.phone.empty() && contact.email.empty()) {
        ask(turn, Question::kLookupContact, "What phone number or email is the booking under?");
        return false;
    }
    if (!lookup_bookings(turn)) {
        clear_task();
        ask(turn, Question::kNone, "Is there anything else I can help with?");
        return false;
    }
    if (state_.candidates.size() == 1 || pick_candidate(said)) {
        if (!state_.target) state_.target = state_.candidates.front();
        return true;
    }
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < state_.candidates.size() && i < kMaxListed; ++i) {
        lines.push_back(std::to_string(i + 1) + ") " + state_.candidates[i].summary);
    }
    ask(turn, Question::kWhichBooking,
        "You have " + std::to_string(state_.candidates.size()) + " bookings: " +
            booking::spoken_list(lines) + ". Which one do you mean?");
    return false;
}

// find_bookings by the contact's phone (else e-mail) into state_.candidates; says why when there
// are none.
bool BuiltinAgent::lookup_bookings(AgentTurn& turn) {
    const auto& contact = state_.contact;
    json args = json::object();
    if (!contact.phone.empty()) {
        args["phone"] = contact.phone;
    } else {
        args["email"] = contact.email;
    }
    const auto result = turn.call("find_bookings", args);
    state_.candidates.clear();
    if (is_ok(result) && result.contains("bookings") && result["bookings"].is_array()) {
        for (const auto& entry : result["bookings"]) {
            if (auto ref = booking_ref(entry, facility_.resource_kind)) {
                state_.candidates.push_back(std::move(*ref));
            }
        }
    }
    if (!state_.candidates.empty()) return true;
    turn.say(is_ok(result) ? "I can't find any upcoming bookings under " +
                                 (contact.phone.empty() ? contact.email : contact.phone) + "."
                           : error_message(result));
    return false;
}

// The candidate the message points at: its number in the list read out, its id, or the only one
// on the day or at the time said.
bool BuiltinAgent::pick_candidate(const Interpretation& said) {
    const auto& list = state_.candidates;
    // A lone "2" is read as a time too; after a numbered list it is the number.
    if (said.lone_number && *said.lone_number >= 1 &&
        static_cast<std::size_t>(*said.lone_number) <= list.size()) {
        state_.target = list[static_cast<std::size_t>(*said.lone_number - 1)];
        return true;
    }
    std::vector<const BookingRef*> matches;
    for (const auto& ref : list) {
        const bool by_id = said.reference && *said.reference == ref.id;
        const bool by_day = said.date && *said.date == ref.date;
        const bool by_time = said.start_time && *said.start_time == ref.start;
        const bool both = (!said.date || by_day) && (!said.start_time || by_time);
        if (by_id || ((by_day || by_time) && both)) matches.push_back(&ref);
    }
    if (matches.size() != 1) return false;
    state_.target = *matches.front();
    return true;
}

void BuiltinAgent::merge_move(const Interpretation& said) {
    auto& move = state_.move_to;
    if (said.date) move.date = said.last_date ? said.last_date : said.date;
    if (said.start_time) {
        move.start = said.start_time;
        const auto same_start = [&](const OfferedStart& o) { return o.start == *said.start_time; };
        if (!said.date &&
            std::count_if(state_.offered.begin(), state_.offered.end(), same_start) == 1) {
            move.date =
                std::find_if(state_.offered.begin(), state_.offered.end(), same_start)->date;
        }
    }
    if (said.duration_minutes) move.duration_minutes = said.duration_minutes;
}

void BuiltinAgent::advance_manage(AgentTurn& turn) {
    if (!state_.target) {
        clear_task();
        return reprompt(turn);
    }
    const auto& target = *state_.target;
    if (state_.task == Task::kCancel) {
        return ask(turn, Question::kConfirmCancel,
                   "You have " + target.summary + ". Shall I cancel it?");
    }
    const auto& move = state_.move_to;
    if (!move.date && !move.start && !move.duration_minutes) {
        return ask(turn, Question::kMoveTarget,
                   "You have " + target.summary + ". When would you like to move it to?");
    }
    const auto date = move.date.value_or(target.date);
    const auto start = move.start.value_or(target.start);
    std::string to = booking::spoken_time(start) + " " + day_phrase(date, today());
    if (move.duration_minutes) to += " for " + booking::spoken_duration(*move.duration_minutes);
    ask(turn, Question::kConfirmMove,
        "Your booking is " + target.summary + ". Shall I move it to " + to + "?");
}

void BuiltinAgent::cancel_target(AgentTurn& turn) {
    const auto target = *state_.target;
    const auto result = turn.call("cancel_booking", {{"booking_id", target.id}});
    clear_task();
    if (is_ok(result)) {
        if (state_.last_booked && state_.last_booked->id == target.id) state_.last_booked.reset();
        turn.say("Done: your booking for " + target.summary + " is cancelled.");
    } else {
        turn.say(error_message(result));
    }
    ask(turn, Question::kNone, "Anything else I can help with?");
}

void BuiltinAgent::move_target(AgentTurn& turn) {
    const auto target = *state_.target;
    json args = {{"booking_id", target.id}};
    const auto& move = state_.move_to;
    if (move.date) args["date"] = format_date(*move.date);
    if (move.start) args["start_time"] = format_time_of_day(*move.start);
    if (move.duration_minutes) args["duration_minutes"] = *move.duration_minutes;
    const auto result = turn.call("reschedule_booking", args);
    if (is_ok(result)) {
        const auto moved = booking_ref(result, facility_.resource_kind);
        turn.say("Done: your booking is now " + span_summary(result, facility_.resource_kind) +
                 ", " + money_text(result.contains("price") ? result["price"] : json{}) +
                 " in total.");
        clear_task();
        if (moved) state_.last_booked = moved;
        return ask(turn, Question::kNone, "Anything else I can help with?");
    }
    turn.say(error_message(result));
    state_.move_to = {};
    state_.offered = offered_starts(result.contains("alternatives") ? result["alternatives"]
                                                                    : json{});
    if (state_.offered.empty()) {
        return ask(turn, Question::kMoveTarget, "When would you like to move it to instead?");
    }
    ask(turn, Question::kMoveTarget,
        "The nearest free times are " + offers_text(state_.offered, target.date, today()) +
            ". Would one of those work?");
}

}  // namespace frontdesk::chat
