// The built-in agent's turn: read the message, let the open question claim a short answer
// ("yes", "6", "Asha"), otherwise act on the intent. Rules: docs/builtin_agent.md §11.
#include "chat/builtin_agent.hpp"

#include "booking/spoken.hpp"
#include "chat/interpret_context.hpp"
#include "chat/reply_phrasing.hpp"
#include "core/logging.hpp"

namespace frontdesk::chat {
namespace {

const auto& log() {
    static const auto instance = logger("chat");
    return instance;
}

// Intents that are never an answer to the open question: they are handled as asked, and the open
// question is repeated afterwards.
bool is_aside(Intent intent) {
    switch (intent) {
        case Intent::kAskPrice:
        case Intent::kAskHours:
        case Intent::kAskInfo:
        case Intent::kTalkToHuman:
        case Intent::kGoodbye:
        case Intent::kThanks:
        case Intent::kGreeting:
        case Intent::kCancel:
            return true;
        default:
            return false;
    }
}

bool has_slot_details(const Interpretation& said) {
    return said.date || said.start_time || said.duration_minutes || said.resource_count ||
           said.all_resources || !said.resources.empty() || said.service || said.window;
}

}  // namespace

BuiltinAgent::BuiltinAgent(const tools::ToolRegistry& tools, tools::ToolContext context,
                           const booking::Facility& facility, const Clock& clock)
    : tools_(tools), context_(std::move(context)), facility_(facility), clock_(clock) {
    state_.contact.phone = context_.caller_phone;
}

AgentReply BuiltinAgent::respond(std::string_view user_message) {
    AgentTurn turn{tools_, context_};
    try {
        handle(turn, user_message);
    } catch (const std::exception& e) {
        // Tools never throw and the interpreter is noexcept, so this is a bug in the dialogue:
        // forget the conversation rather than repeat it, and keep the session alive.
        log()->error("builtin agent turn failed for facility {}: {}", context_.facility_id,
                     e.what());
        const auto contact = state_.contact;
        state_ = DialogueState{};
        state_.contact = contact;
        turn.say("Sorry, something went wrong on my side. What would you like to do?");
    }
    return turn.finish();
}

LocalDate BuiltinAgent::today() const { return facility_.time_zone.today(clock_.now()); }

PendingSlot BuiltinAgent::pending() const {
    const bool managing = state_.task == Task::kCancel || state_.task == Task::kReschedule;
    if (managing && state_.target) return {state_.target->date, state_.target->start};
    if (state_.slot.date || state_.slot.start) return {state_.slot.date, state_.slot.start};
    if (state_.last_booked) return {state_.last_booked->date, state_.last_booked->start};
    return {};
}

InterpretContext BuiltinAgent::context_now() const {
    return make_interpret_context(facility_, clock_.now(), pending());
}

void BuiltinAgent::handle(AgentTurn& turn, std::string_view message) {
    const auto said = interpret(message, context_now());
    if (said.date_invalid) {
        ask(turn, Question::kDate, "That date doesn't exist. Which day did you mean?");
        return;
    }
    if (said.unknown_resource_number) {
        turn.say("We don't have " + facility_.resource_kind + " " +
                 std::to_string(*said.unknown_resource_number) + "; we have " +
                 std::to_string(facility_.resources.size()) + " " +
                 booking::plural(facility_.resource_kind) + ".");
    }
    if (handle_answer(turn, said, message)) return;
    handle_intent(turn, said, message);
}

bool BuiltinAgent::handle_answer(AgentTurn& turn, const Interpretation& said,
                                 std::string_view message) {
    if (is_aside(said.intent) || state_.task == Task::kNone) return false;
    return state_.task == Task::kBook ? handle_booking_answer(turn, said, message)
                                      : handle_manage_answer(turn, said);
}

bool BuiltinAgent::handle_manage_answer(AgentTurn& turn, const Interpretation& said) {
    const auto asked = state_.asked;
    if (asked == Question::kConfirmCancel || asked == Question::kConfirmMove) {
        if (asked == Question::kConfirmMove && (said.date || said.start_time)) {
            merge_move(said);
            advance_manage(turn);
        } else if (said.answer == true) {
            asked == Question::kConfirmCancel ? cancel_target(turn) : move_target(turn);
        } else if (said.answer == false) {
            clear_task();
            ask(turn, Question::kNone, "Okay, I've left your booking as it is. Anything else?");
        } else {
            return false;
        }
        return true;
    }
    if (asked == Question::kLookupContact && (said.phone || said.email)) {
        merge_contact(said);
        if (find_target(turn, said)) advance_manage(turn);
        return true;
    }
    if (asked == Question::kWhichBooking && pick_candidate(said)) {
        advance_manage(turn);
        return true;
    }
    if (asked == Question::kMoveTarget && (said.date || said.start_time || said.duration_minutes)) {
        merge_move(said);
        advance_manage(turn);
        return true;
    }
    return false;
}

// Details change the draft (and void the quote); "yes" and "no" answer the open question.
bool BuiltinAgent::handle_booking_answer(AgentTurn& turn, const Interpretation& said,
                                         std::string_view message) {
    const auto asked = state_.asked;
    bool contact_changed = merge_contact(said);
    if (asked == Question::kName && state_.contact.name.empty() &&
        said.intent == Intent::kUnknown) {
        if (auto name = bare_name(message)) {
            state_.contact.name = *name;
            contact_changed = true;
        }
    }
    if (merge_slot(said) || contact_changed) {
        state_.quote_id.clear();
        state_.quoted.reset();
        if (said.window && !said.start_time && state_.slot.date) {
            list_free_starts(turn, said);
        } else {
            advance_booking(turn);
        }
        return true;
    }
    if (said.answer == true) {
        if (asked == Question::kConfirmQuote) {
            confirm_quote(turn);
        } else if (asked == Question::kTime && state_.offered.size() == 1) {
            state_.slot.date = state_.offered.front().date;
            state_.slot.start = state_.offered.front().start;
            advance_booking(turn);
        } else if (asked == Question::kBookOffered) {
            advance_booking(turn);
        } else {
            return false;
        }
        return true;
    }
    if (said.answer == false) {
        decline_quote(turn);
        return true;
    }
    return false;
}

void BuiltinAgent::handle_intent(AgentTurn& turn, const Interpretation& said,
                                 std::string_view message) {
    switch (said.intent) {
        case Intent::kTalkToHuman:
            return transfer(turn);
        case Intent::kGoodbye:
            return say_goodbye(turn);
        case Intent::kCancel:
            return start_manage(turn, Task::kCancel, said, message);
        case Intent::kReschedule:
            return start_manage(turn, Task::kReschedule, said, message);
        case Intent::kAskPrice:
        case Intent::kAskHours:
        case Intent::kAskInfo:
            answer_info(turn, said);
            if (state_.asked == Question::kNone) return turn.say("Anything else I can help with?");
            return reprompt(turn);
        case Intent::kCheckAvailability:
            return answer_availability(turn, said);
        case Intent::kBook:
        case Intent::kProvideDetails:
            if (said.intent == Intent::kBook || has_slot_details(said)) {
                if (state_.task != Task::kBook) clear_task();
                state_.task = Task::kBook;
                merge_slot(said);
                merge_contact(said);
                if (said.window && !said.start_time && state_.slot.date) {
                    return list_free_starts(turn, said);
                }
                return advance_booking(turn);
            }
            merge_contact(said);
            turn.say(said.name ? "Thanks, " + *said.name + "." : "Thanks, got it.");
            return reprompt(turn);
        default:
            return handle_small_talk(turn, said);
    }
}

void BuiltinAgent::handle_small_talk(AgentTurn& turn, const Interpretation& said) {
    const bool open_question = state_.asked != Question::kNone;
    switch (said.intent) {
        case Intent::kGreeting:
            turn.say("Hello! This is " + facility_.name + ".");
            break;
        case Intent::kThanks:
            turn.say("You're welcome!");
            break;
        case Intent::kConfirmYes:
        case Intent::kConfirmNo:
            if (!open_question) turn.say("Okay.");
            break;
        default:
            turn.say(open_question ? "Sorry, I didn't catch that." : "Sorry, I didn't get that.");
            break;
    }
    reprompt(turn);
}

void BuiltinAgent::ask(AgentTurn& turn, Question question, std::string text) {
    turn.say(text);
    state_.asked = question;
    state_.question = std::move(text);
}

void BuiltinAgent::reprompt(AgentTurn& turn) {
    if (state_.asked != Question::kNone && !state_.question.empty()) {
        turn.say(state_.question);
        return;
    }
    turn.say("I can check free " + booking::plural(facility_.resource_kind) +
             ", make a booking, cancel or move one, or tell you about prices and hours. "
             "What would you like?");
}

void BuiltinAgent::say_goodbye(AgentTurn& turn) {
    const auto result = turn.call("end_call", {{"reason", "the customer said goodbye"}});
    if (!state_.quote_id.empty()) turn.say("Your quote wasn't confirmed, so nothing is booked.");
    clear_task();
    state_.ended = result.value("ok", false);
    turn.say("Thanks for contacting " + facility_.name + ". Goodbye!");
}

void BuiltinAgent::transfer(AgentTurn& turn) {
    const auto result = turn.call("transfer_call", {{"reason", "the customer asked for a person"}});
    if (result.value("ok", false)) {
        turn.say("Sure, I'm connecting you with someone at " + facility_.name + " now.");
        return;
    }
    // The tool's message is written for a model; the customer hears a plain sentence.
    turn.say("I'm sorry, nobody can take over right now, but I can help with bookings myself.");
    reprompt(turn);
}

void BuiltinAgent::clear_task() {
    state_.task = Task::kNone;
    state_.asked = Question::kNone;
    state_.question.clear();
    state_.slot = {};
    state_.checked.reset();
    state_.quoted.reset();
    state_.quote_id.clear();
    state_.offered.clear();
    state_.candidates.clear();
    state_.target.reset();
    state_.move_to = {};
}

}  // namespace frontdesk::chat
