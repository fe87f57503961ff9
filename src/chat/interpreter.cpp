#include "chat/extractors.hpp"
#include "chat/interpretation.hpp"
#include "chat/scan.hpp"
#include "chat/tokenizer.hpp"

namespace frontdesk::chat {
namespace {

constexpr int kMinutesPerHour = 60;

constexpr TimeOfDay at_hour(int hour) noexcept { return TimeOfDay{hour * kMinutesPerHour}; }

}  // namespace

Interpretation interpret(std::string_view utterance, const InterpretContext& context) noexcept {
    const Tokens tokens{utterance};
    Scan scan{tokens};
    Interpretation out;
    out.truncated = tokens.truncated();
    // Order matters: each extractor claims its tokens, so the phone's digits are no time,
    // "two hours" is no count, "court 3" is no time and "22nd" is no resource.
    detail::extract_contact(scan, out);
    out.lone_number = detail::lone_number(scan);
    detail::extract_durations(scan, out);
    detail::extract_resources(scan, context, out);
    detail::extract_quantities(scan, context, out);
    detail::extract_dates(scan, context, out);
    detail::extract_times(scan, context, out);
    detail::extract_service(scan, context, out);
    detail::extract_intent(scan, context, out);
    return out;
}

TimeWindow window_of(DayPart part) noexcept {
    switch (part) {
        case DayPart::kMorning:
            return {at_hour(5), at_hour(12)};
        case DayPart::kAfternoon:
            return {at_hour(12), at_hour(16)};
        case DayPart::kEvening:
            return {at_hour(16), at_hour(21)};
        case DayPart::kNight:
            return {at_hour(21), at_hour(24)};
        case DayPart::kTonight:
            return {at_hour(16), at_hour(24)};
    }
    return {};
}

std::string_view to_string(Intent intent) noexcept {
    switch (intent) {
        case Intent::kUnknown:
            return "unknown";
        case Intent::kGreeting:
            return "greeting";
        case Intent::kBook:
            return "book";
        case Intent::kCheckAvailability:
            return "check_availability";
        case Intent::kAskPrice:
            return "ask_price";
        case Intent::kAskHours:
            return "ask_hours";
        case Intent::kAskInfo:
            return "ask_info";
        case Intent::kCancel:
            return "cancel";
        case Intent::kReschedule:
            return "reschedule";
        case Intent::kConfirmYes:
            return "confirm_yes";
        case Intent::kConfirmNo:
            return "confirm_no";
        case Intent::kProvideDetails:
            return "provide_details";
        case Intent::kTalkToHuman:
            return "talk_to_human";
        case Intent::kThanks:
            return "thanks";
        case Intent::kGoodbye:
            return "goodbye";
    }
    return "unknown";
}

std::string_view to_string(InfoTopic topic) noexcept {
    switch (topic) {
        case InfoTopic::kNone:
            return "none";
        case InfoTopic::kRentals:
            return "rentals";
        case InfoTopic::kCoaching:
            return "coaching";
        case InfoTopic::kLocation:
            return "location";
        case InfoTopic::kServices:
            return "services";
        case InfoTopic::kPolicy:
            return "policy";
        case InfoTopic::kMyBookings:
            return "my_bookings";
    }
    return "none";
}

std::string_view to_string(DayPart part) noexcept {
    switch (part) {
        case DayPart::kMorning:
            return "morning";
        case DayPart::kAfternoon:
            return "afternoon";
        case DayPart::kEvening:
            return "evening";
        case DayPart::kNight:
            return "night";
        case DayPart::kTonight:
            return "tonight";
    }
    return "morning";
}

}  // namespace frontdesk::chat
