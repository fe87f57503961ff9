// The booking task: collect the slot and the contact, check, quote, read back, and confirm only
// on an explicit yes. Never says "booked" before confirm_booking succeeded.
#include <algorithm>

#include "booking/availability.hpp"
#include "booking/spoken.hpp"
#include "chat/builtin_agent.hpp"
#include "chat/reply_phrasing.hpp"
#include "core/error.hpp"

namespace frontdesk::chat {
namespace {

using nlohmann::json;

bool is_ok(const json& result) { return result.is_object() && result.value("ok", false); }

// Why the rules refuse a slot check_availability did not offer ("That time has already
// passed."), or "" when the rules allow it and it is simply taken. The same pure check the quote
// tool runs, so the sentence is the one create_quote would give; it reads no bookings.
std::string rule_problem(const booking::Facility& facility, const SlotDraft& slot, Instant now) {
    booking::SlotRequest request;
    request.date = *slot.date;
    request.start_time = slot.start;
    request.duration_minutes = slot.duration_minutes.value_or(0);
    request.number_of_resources = slot.courts.value_or(1);
    request.service_id = slot.service_id;
    request.resource_ids = slot.resource_ids;
    try {
        (void)booking::resolve_slot(facility, request, now);
        return {};
    } catch (const Error& e) {
        return e.what();
    }
}

}  // namespace

bool BuiltinAgent::merge_slot(const Interpretation& said) {
    auto slot = state_.slot;
    if (said.date) slot.date = said.date;
    if (said.start_time) {
        slot.start = said.start_time;
        // "7 pm then" after alternatives on several days: the offer with that start.
        const auto same_start = [&](const OfferedStart& o) { return o.start == *said.start_time; };
        if (!said.date && std::count_if(state_.offered.begin(), state_.offered.end(), same_start) == 1) {
            slot.date = std::find_if(state_.offered.begin(), state_.offered.end(), same_start)->date;
        }
    }
    if (said.duration_minutes) slot.duration_minutes = said.duration_minutes;
    if (said.all_resources) slot.courts = static_cast<int>(facility_.resources.size());
    if (said.resource_count) slot.courts = said.resource_count;
    if (!said.resources.empty()) {
        slot.resource_ids.clear();
        for (const auto index : said.resources) {
            slot.resource_ids.push_back(facility_.resources.at(index).id);
        }
        if (!said.resource_count) slot.courts.reset();
    }
    if (said.service) slot.service_id = facility_.services.at(*said.service).id;
    const bool changed = slot != state_.slot;
    state_.slot = std::move(slot);
    return changed;
}

bool BuiltinAgent::merge_contact(const Interpretation& said) {
    if (said.name) state_.contact.name = *said.name;
    if (said.phone) state_.contact.phone = *said.phone;
    if (said.email) state_.contact.email = *said.email;
    return said.name || said.phone || said.email;
}

json BuiltinAgent::slot_arguments(const SlotDraft& slot) const {
    json args = json::object();
    if (slot.date) args["date"] = format_date(*slot.date);
    if (slot.start) args["start_time"] = format_time_of_day(*slot.start);
    if (slot.duration_minutes) args["duration_minutes"] = *slot.duration_minutes;
    if (slot.courts) args["number_of_courts"] = *slot.courts;
    if (!slot.resource_ids.empty()) args["resource_ids"] = slot.resource_ids;
    if (slot.service_id) args["service_id"] = *slot.service_id;
    return args;
}

void BuiltinAgent::advance_booking(AgentTurn& turn) {
    state_.task = Task::kBook;
    auto& slot = state_.slot;
    if (!facility_.services.empty() && !slot.service_id) {
        std::vector<std::string> names;
        for (const auto& service : facility_.services) names.push_back(service.name);
        ask(turn, Question::kService,
            "Which service would you like? We offer " + booking::spoken_list(names) + ".");
        return;
    }
    if (!slot.date) return ask(turn, Question::kDate, "Which day would you like?");
    if (!slot.start) {
        if (check_day(turn)) {
            ask(turn, Question::kTime,
                "What time would you like " + day_phrase(*slot.date, today()) + "? We're open " +
                    booking::spoken_hours(facility_.weekly_hours[weekday_index(*slot.date)]) + ".");
        }
        return;
    }
    if (!check_slot(turn)) return;
    if (state_.contact.name.empty()) {
        if (state_.asked == Question::kName) turn.say("I need a name to put the booking under.");
        return ask(turn, Question::kName, "What name should I put the booking under?");
    }
    if (state_.contact.phone.empty() && state_.contact.email.empty()) {
        if (state_.asked == Question::kContact) {
            turn.say("I need a phone number or email to complete the booking: that's where your "
                     "confirmation goes.");
        }
        return ask(turn, Question::kContact, "And your phone number or email for the booking?");
    }
    make_quote(turn);
}

// A new date without a time: make sure the day can be booked at all before asking for a time.
// Returns the day's check_availability result when it can.
std::optional<json> BuiltinAgent::check_day(AgentTurn& turn) {
    auto day = state_.slot;
    day.start.reset();
    const auto result = turn.call("check_availability", slot_arguments(day));
    std::string problem;
    if (!is_ok(result)) {
        problem = error_message(result);
    } else if (!result.value("open", false)) {
        problem = text_field(result, "closed_reason");
    } else if (!text_field(result, "note").empty()) {
        problem = text_field(result, "note");
    } else if (!result.value("available", false)) {
        problem = "Sorry, we're fully booked on " + booking::spoken_date(*day.date) + ".";
    }
    if (problem.empty()) return result;
    turn.say(problem);
    state_.slot.date.reset();
    ask(turn, Question::kDate, "Which other day would suit you?");
    return std::nullopt;
}

bool BuiltinAgent::check_slot(AgentTurn& turn) {
    if (state_.checked && *state_.checked == state_.slot) return true;
    const auto result = turn.call("check_availability", slot_arguments(state_.slot));
    if (!is_ok(result)) {
        turn.say(error_message(result));
        drop_field_for(error_code(result));
        advance_booking(turn);
        return false;
    }
    if (result.value("available", false)) {
        state_.checked = state_.slot;
        return true;
    }
    explain_unavailable(turn, result);
    return false;
}

void BuiltinAgent::explain_unavailable(AgentTurn& turn, const json& result) {
    const auto& slot = state_.slot;
    const auto day = day_phrase(*slot.date, today());
    if (!result.value("open", false) || !text_field(result, "note").empty()) {
        auto reason = text_field(result, "closed_reason");
        turn.say(reason.empty() ? text_field(result, "note") : reason);
        state_.slot.date.reset();
        state_.slot.start.reset();
        return ask(turn, Question::kDate, "Which other day would suit you?");
    }
    auto problem = rule_problem(facility_, slot, clock_.now());
    if (problem.empty()) {
        problem = "Sorry, " + booking::spoken_time(*slot.start) + " " + day +
                  " is already taken.";
    }
    turn.say(problem);
    offer_alternatives(turn, result.contains("alternatives") ? result["alternatives"] : json{});
}

void BuiltinAgent::offer_alternatives(AgentTurn& turn, const json& alternatives) {
    const auto day = state_.slot.date.value_or(today());
    state_.slot.start.reset();
    state_.checked.reset();
    state_.offered = offered_starts(alternatives);
    if (state_.offered.empty()) {
        return ask(turn, Question::kTime, "Would another time or day work for you?");
    }
    const auto what = state_.offered.size() == 1 ? "The nearest free time is "
                                                   : "The nearest free times are ";
    ask(turn, Question::kTime,
        what + offers_text(state_.offered, day, today()) + ". Would one of those work?");
}

void BuiltinAgent::drop_field_for(std::string_view code) {
    auto& slot = state_.slot;
    state_.checked.reset();
    if (code == "INVALID_DURATION" && slot.duration_minutes) {
        slot.duration_minutes.reset();
    } else if (code == "INVALID_COURT_COUNT" && (slot.courts || !slot.resource_ids.empty())) {
        slot.courts.reset();
        slot.resource_ids.clear();
    } else if ((code == "SERVICE_NOT_FOUND" || code == "RESOURCE_NOT_ELIGIBLE") &&
               (slot.service_id || !slot.resource_ids.empty())) {
        slot.service_id.reset();
        slot.resource_ids.clear();
    } else if (code == "INVALID_DATE" || code == "CLOSED" || code == "TOO_FAR_AHEAD") {
        slot.date.reset();
        slot.start.reset();
    } else {
        // Every other refusal is about the start; dropping it also ends the re-check loop.
        slot.start.reset();
    }
}

void BuiltinAgent::make_quote(AgentTurn& turn) {
    auto args = slot_arguments(state_.slot);
    args["customer_name"] = state_.contact.name;
    if (!state_.contact.phone.empty()) args["customer_phone"] = state_.contact.phone;
    if (!state_.contact.email.empty()) args["customer_email"] = state_.contact.email;
    const auto result = turn.call("create_quote", args);
    if (!is_ok(result)) {
        const auto code = error_code(result);
        turn.say(error_message(result));
        if (code == "SLOT_UNAVAILABLE") {
            return offer_alternatives(turn, result.contains("alternatives") ? result["alternatives"]
                                                                             : json{});
        }
        if (code == "INVALID_NAME") {
            state_.contact.name.clear();
        } else if (code == "CONTACT_REQUIRED" || code == "INVALID_PHONE" ||
                   code == "INVALID_EMAIL") {
            state_.contact.phone.clear();
            state_.contact.email.clear();
        } else {
            drop_field_for(code);
        }
        return advance_booking(turn);
    }
    state_.quote_id = text_field(result, "quote_id");
    state_.quoted = state_.slot;
    const auto minutes = result.value("duration_minutes", 0);
    ask(turn, Question::kConfirmQuote,
        "Here's the booking: " + span_summary(result, facility_.resource_kind) + " (" +
            booking::spoken_duration(minutes) + ") under " + state_.contact.name + ", " +
            money_text(result.contains("price") ? result["price"] : json{}) +
            " in total. Nothing is booked yet. Shall I confirm it?");
}

void BuiltinAgent::confirm_quote(AgentTurn& turn) {
    const auto result = turn.call("confirm_booking", {{"quote_id", state_.quote_id}});
    state_.quote_id.clear();
    state_.quoted.reset();
    if (is_ok(result)) {
        const auto booked = booking_ref(result, facility_.resource_kind);
        turn.say("You're booked! " + span_summary(result, facility_.resource_kind) +
                 ". Your booking ID is " + text_field(result, "booking_id") + ".");
        clear_task();
        if (booked) state_.last_booked = booked;
        return ask(turn, Question::kNone, "Anything else I can help with?");
    }
    const auto code = error_code(result);
    if (code == "QUOTE_EXPIRED" || code == "QUOTE_NOT_FOUND") {
        turn.say("That quote has expired, so let me make a fresh one.");
        state_.checked.reset();
        return advance_booking(turn);
    }
    turn.say(error_message(result));
    if (code == "SLOT_UNAVAILABLE") {
        return offer_alternatives(turn, result.contains("alternatives") ? result["alternatives"]
                                                                         : json{});
    }
    drop_field_for(code);
    advance_booking(turn);
}

void BuiltinAgent::decline_quote(AgentTurn& turn) {
    const auto asked = state_.asked;
    if (asked == Question::kName || asked == Question::kContact) {
        turn.say("I need a name and a phone number or email to complete the booking.");
        return reprompt(turn);
    }
    state_.quote_id.clear();
    state_.quoted.reset();
    if (asked == Question::kConfirmQuote) {
        return ask(turn, Question::kChangeAfterNo,
                   "No problem, nothing has been booked. Would you like a different time or day?");
    }
    clear_task();
    ask(turn, Question::kNone, "No problem. Anything else I can help with?");
}

}  // namespace frontdesk::chat
