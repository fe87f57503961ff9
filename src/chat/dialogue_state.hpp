#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/local_time.hpp"

namespace frontdesk::chat {

/// What the built-in agent is helping with right now.
enum class Task : std::uint8_t { kNone, kBook, kCancel, kReschedule };

/// The question the agent asked last, which decides how a short answer ("yes", "6", "Asha")
/// is read.
enum class Question : std::uint8_t {
    kNone,
    kService,        // which service (salons)
    kDate,           // which day
    kTime,           // what time (possibly after offering free starts)
    kBookOffered,    // "6 pm is free. Shall I book it?"
    kName,           // the name for the booking
    kContact,        // a phone number or e-mail
    kConfirmQuote,   // the quote was read back: explicit yes to confirm
    kChangeAfterNo,  // the quote was declined: what to change
    kLookupContact,  // which phone or e-mail the existing booking is under
    kWhichBooking,   // several bookings found: which one
    kConfirmCancel,  // explicit yes to cancel the target booking
    kMoveTarget,     // where to move the target booking
    kConfirmMove,    // explicit yes to move it
};

/// The slot being discussed. Unset fields fall back to the tools' defaults (the service's length
/// or the facility's minimum duration, one court), which the quote reads back.
struct SlotDraft {
    std::optional<LocalDate> date;
    std::optional<TimeOfDay> start;
    std::optional<int> duration_minutes;
    std::optional<int> courts;
    std::vector<std::string> resource_ids;
    std::optional<std::string> service_id;
    friend bool operator==(const SlotDraft&, const SlotDraft&) = default;
};

/// Who the booking is for. The caller's number pre-fills `phone`.
struct ContactDraft {
    std::string name;
    std::string phone;
    std::string email;
};

/// A start the agent offered (a free time or an alternative to a taken one).
struct OfferedStart {
    LocalDate date;
    TimeOfDay start{0};
};

/// An existing booking as the agent talks about it.
struct BookingRef {
    std::string id;
    LocalDate date;
    TimeOfDay start{0};
    TimeOfDay end{0};
    std::string summary;  // "Court 1 on Saturday 21 November from 6 pm to 7 pm"
};

/// One conversation's memory between turns. A plain value owned by BuiltinAgent.
struct DialogueState {
    Task task = Task::kNone;
    Question asked = Question::kNone;
    std::string question;  // the words of the last question, repeated after an aside
    SlotDraft slot;
    std::optional<SlotDraft> checked;  // the draft last found free by check_availability
    std::optional<SlotDraft> quoted;   // the draft behind quote_id
    ContactDraft contact;
    std::string quote_id;  // the live quote, empty when none
    std::vector<OfferedStart> offered;
    std::vector<BookingRef> candidates;  // bookings found for a cancel or a move
    std::optional<BookingRef> target;    // the booking being cancelled or moved
    SlotDraft move_to;                   // a reschedule's new date, start and length
    std::optional<BookingRef> last_booked;  // confirmed (or moved) in this conversation
    bool ended = false;                     // goodbye was said and end_call made
};

}  // namespace frontdesk::chat
