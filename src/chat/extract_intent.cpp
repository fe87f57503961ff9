// Yes/no answers, the intent, the info topic, and lone numbers.
#include <array>

#include "chat/extractors.hpp"
#include "chat/number_words.hpp"

namespace frontdesk::chat::detail {
namespace {

// Anywhere in the message these settle a question on their own.
constexpr auto kNoPhrases = std::to_array<std::string_view>(
    {"cancel that", "not now", "never mind", "nevermind", "dont book", "do not book", "not really",
     "no thanks", "no thank you"});
constexpr auto kYesPhrases = std::to_array<std::string_view>(
    {"go ahead", "go for it", "please do", "do it", "book it", "confirm", "confirmed",
     "sounds good", "that works", "works for me", "of course", "lets do it"});
// Only as the first word (after fillers): "sure" in "I'm not sure" is no answer.
constexpr auto kLeadingYes = std::to_array<std::string_view>(
    {"yes",     "yeah",    "yea",   "yep",         "yup",        "ya",
     "yah",     "yess",    "yesss", "sure",        "ok",         "okay",
     "okey",    "alright", "right", "correct",     "absolutely", "definitely",
     "perfect", "great",   "fine",  "affirmative", "haan",       "\xF0\x9F\x91\x8D"});
constexpr auto kLeadingNo = std::to_array<std::string_view>(
    {"no", "nope", "nah", "na", "dont", "wrong", "negative", "nahi"});

std::size_t first_content(const Scan& scan) noexcept {
    std::size_t i = 0;
    while (scan.free_is(i, {"oh", "um", "uh", "umm", "well", "hmm", "so", "ah", "and"})) ++i;
    return i;
}

std::optional<bool> read_answer(Scan& scan) noexcept {
    for (const auto phrase : kNoPhrases) {
        if (scan.take(phrase, Claim::kPhrase)) return false;
    }
    const auto first = first_content(scan);
    if (scan.size() == first + 1 && scan.free_is(first, {"y", "k", "kk", "n"})) {
        const bool yes = scan.text(first) != "n";
        scan.claim(first, 1, Claim::kPhrase);
        return yes;
    }
    if (scan.free(first) && is_one_of(scan.text(first), kLeadingNo)) {
        scan.claim(first, 1, Claim::kPhrase);
        return false;
    }
    bool yes = false;
    if (scan.free(first) && is_one_of(scan.text(first), kLeadingYes)) {
        scan.claim(first, 1, Claim::kPhrase);
        yes = true;
    }
    for (const auto phrase : kYesPhrases) yes = scan.take(phrase, Claim::kPhrase) || yes;
    return yes ? std::optional{true} : std::nullopt;
}

bool wants_human(const Scan& scan) noexcept {
    if (scan.contains_any({"human", "real person", "operator", "representative", "manager",
                           "receptionist", "transfer me", "live person", "owner"})) {
        return true;
    }
    return scan.contains_any({"talk", "speak", "connect", "transfer", "put me"}) &&
           scan.contains_any(
               {"someone", "somebody", "person", "agent", "staff", "reception", "anyone"});
}

bool wants_cancel(const Scan& scan) noexcept {
    return scan.contains_any({"cancel", "call off", "cant make it", "cannot make it",
                              "wont make it", "cant come", "wont be able to make it",
                              "delete my booking", "remove my booking"});
}

bool wants_move(const Scan& scan) noexcept {
    return scan.contains_any({"reschedule", "move", "shift", "postpone", "prepone", "push",
                              "change", "bring forward", "switch", "rebook", "different time",
                              "another time", "another day", "different day"});
}

bool asks_price(const Scan& scan) noexcept {
    return scan.contains_any({"how much", "price",    "prices",     "pricing",   "cost",
                              "costs",    "rate",     "rates",      "charge",    "charges",
                              "fee",      "fees",     "tariff",     "expensive", "cheap",
                              "cheaper",  "per hour", "per person", "rupees",    "dollars"});
}

bool mentions_resource(const Scan& scan, const InterpretContext& context,
                       const Interpretation& out) noexcept {
    if (!out.resources.empty() || out.resource_count || out.all_resources) return true;
    for (std::size_t i = 0; i < scan.size(); ++i) {
        if (is_kind_word(scan.text(i), context.resource_kind)) return true;
    }
    return scan.contains_any({"slot", "slots"});
}

bool asks_hours(const Scan& scan, bool resource) noexcept {
    if (scan.contains_any({"timings", "timing", "hours", "opening", "closing", "when do you"})) {
        return true;
    }
    // "is court 3 open at 6?" asks about the court, not the facility.
    return !resource && scan.contains_any({"open", "opens", "close", "closes", "closed", "shut"});
}

bool asks_availability(const Scan& scan, bool resource) noexcept {
    if (scan.contains_any({"free", "available", "availability", "vacant", "empty", "is there",
                           "are there", "do you have", "have any", "got any", "anything",
                           "what times", "which times", "when can"})) {
        return true;
    }
    return resource && scan.contains_any({"any", "open", "slots"});
}

bool wants_booking(const Scan& scan, const InterpretContext& context,
                   const Interpretation& out) noexcept {
    if (scan.contains_any({"book", "reserve", "reservation", "schedule", "play", "playing",
                           "appointment", "a booking", "new booking", "another booking",
                           "looking for", "hold"})) {
        return true;
    }
    const bool something =
        mentions_resource(scan, context, out) || out.service || !out.service_candidates.empty();
    return something && scan.contains_any({"want", "need", "like", "get", "grab", "take"});
}

InfoTopic info_topic(const Scan& scan) noexcept {
    if (scan.contains_any({"rent", "rental", "rentals", "hire", "racket", "rackets", "racquet",
                           "racquets", "shoes", "ball", "balls", "shuttle", "shuttles",
                           "shuttlecock", "equipment", "gear", "paddle", "paddles"})) {
        return InfoTopic::kRentals;
    }
    if (scan.contains_any({"coach", "coaches", "coaching", "lesson", "lessons", "class", "classes",
                           "training", "trainer", "academy", "teach", "learn"})) {
        return InfoTopic::kCoaching;
    }
    if (scan.contains_any({"where", "address", "location", "located", "directions", "parking",
                           "map", "find you", "get there", "reach you"})) {
        return InfoTopic::kLocation;
    }
    if (scan.contains_any({"services", "what do you offer", "menu", "what do you do"})) {
        return InfoTopic::kServices;
    }
    if (scan.contains_any({"policy", "cancellation", "refund", "refunds"})) {
        return InfoTopic::kPolicy;
    }
    if (scan.contains_any(
            {"my booking", "my bookings", "my reservation", "my appointment", "do i have a"})) {
        return InfoTopic::kMyBookings;
    }
    return InfoTopic::kNone;
}

bool has_details(const Interpretation& out) noexcept {
    return out.date || out.date_invalid || out.day_kind || out.start_time || out.end_time ||
           out.window || out.duration_minutes || out.resource_count || out.all_resources ||
           out.party_size || !out.resources.empty() || out.unknown_resource_number || out.service ||
           !out.service_candidates.empty() || out.name || out.phone || out.email || out.reference ||
           out.lone_number;
}

bool greets(const Scan& scan) noexcept {
    return scan.contains_any({"hi", "hii", "hello", "helo", "hey", "hiya", "hola", "namaste",
                              "greetings", "good morning", "good afternoon", "good evening", "yo"});
}

bool thanks(const Scan& scan) noexcept {
    return scan.contains_any({"thanks", "thank", "thankyou", "thx", "ty", "appreciate it"});
}

bool says_goodbye(const Scan& scan) noexcept {
    return scan.contains_any({"bye", "goodbye", "byebye", "good bye", "see you", "see ya",
                              "good night", "thats all", "thats it", "nothing else", "take care",
                              "cya"});
}

Intent choose_intent(const Scan& scan, const InterpretContext& context,
                     const Interpretation& out) noexcept {
    const bool resource = mentions_resource(scan, context, out);
    if (wants_human(scan)) return Intent::kTalkToHuman;
    if (wants_cancel(scan)) return Intent::kCancel;
    if (wants_move(scan)) return Intent::kReschedule;
    if (asks_price(scan)) return Intent::kAskPrice;
    if (asks_hours(scan, resource)) return Intent::kAskHours;
    if (out.topic != InfoTopic::kNone) return Intent::kAskInfo;
    if (asks_availability(scan, resource)) return Intent::kCheckAvailability;
    if (wants_booking(scan, context, out)) return Intent::kBook;
    if (says_goodbye(scan)) return Intent::kGoodbye;
    if (out.answer) return *out.answer ? Intent::kConfirmYes : Intent::kConfirmNo;
    if (has_details(out)) return Intent::kProvideDetails;
    if (thanks(scan)) return Intent::kThanks;
    if (greets(scan)) return Intent::kGreeting;
    return Intent::kUnknown;
}

}  // namespace

void extract_intent(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept {
    out.answer = read_answer(scan);
    out.topic = info_topic(scan);
    out.intent = choose_intent(scan, context, out);
}

std::optional<int> lone_number(const Scan& scan) noexcept {
    std::optional<int> number;
    for (std::size_t i = 0; i < scan.size(); ++i) {
        if (!scan.free(i)) return std::nullopt;
        if (is_one_of(scan.text(i),
                      {"please",  "pls",  "plz",   "ok",     "okay", "um",     "uh",
                       "umm",     "hmm",  "maybe", "say",    "lets", "how",    "about",
                       "make",    "it",   "at",    "around", "just", "only",   "then",
                       "so",      "well", "what",  "like",   "ish",  "approx", "approximately",
                       "instead", "is",   "works", "fine",   "good", "for"})) {
            continue;
        }
        const auto read = read_cardinal(scan, i);
        if (!read || number) return std::nullopt;
        number = read->value;
        i += read->length - 1;
    }
    return number;
}

}  // namespace frontdesk::chat::detail
