#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "booking/facility.hpp"
#include "core/local_time.hpp"

namespace frontdesk::chat {

/// What a message asks for. The dialogue manager decides what to do with it; see
/// docs/builtin_agent.md for the words behind each one and the order in which they win.
enum class Intent : std::uint8_t {
    kUnknown,
    kGreeting,           // "hi", "good morning"
    kBook,               // "book 2 courts", "I'd like a haircut"
    kCheckAvailability,  // "any court free tomorrow evening?"
    kAskPrice,           // "how much is it on weekends?"
    kAskHours,           // "what time do you open?"
    kAskInfo,            // rentals, coaching, location, services, policy, "my booking"
    kCancel,             // "cancel my booking"
    kReschedule,         // "move it to 7"
    kConfirmYes,         // "yes", "go ahead", "book it"
    kConfirmNo,          // "no", "not now", "cancel that"
    kProvideDetails,     // only information: a name, a phone, a date, "6"
    kTalkToHuman,        // "can I speak to someone?"
    kThanks,             // "thanks"
    kGoodbye,            // "bye", "that's all"
};

/// Which kind of information an kAskInfo (or a kAskPrice about an extra) is about.
enum class InfoTopic : std::uint8_t {
    kNone,
    kRentals,     // rackets, shoes, balls
    kCoaching,    // lessons, classes, a coach
    kLocation,    // address, directions, parking
    kServices,    // "what do you offer?"
    kPolicy,      // cancellation and refund policy
    kMyBookings,  // "do I have a booking?"
};

/// A part of the day the person named instead of (or besides) a time.
enum class DayPart : std::uint8_t { kMorning, kAfternoon, kEvening, kNight, kTonight };

/// "on weekends" / "weekdays": a kind of day, not a date (prices and hours differ by it).
enum class DayKind : std::uint8_t { kWeekday, kWeekend };

/// A span of local wall time [start, end) within one day, minutes since midnight. Plain value.
struct TimeWindow {
    TimeOfDay start{0};
    TimeOfDay end{0};
    friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

/// What the previous turns settled on, used to read "move it to 7" or "same time": the date and
/// start of the slot being discussed or of the booking being moved. Both unset when none.
/// Plain value, kept by the dialogue between turns.
struct PendingSlot {
    std::optional<LocalDate> date;
    std::optional<TimeOfDay> start_time;
};

/// Everything interpret() knows besides the words: the facility's local "now" and what it offers.
/// A plain view, built per turn by the caller (see make_interpret_context); it never reads a clock.
/// Borrows the facility's resources, services and hours: the Facility must outlive the call.
/// Any thread.
struct InterpretContext {
    LocalDate today{};                         // the facility's local date now
    TimeOfDay now{0};                          // the facility's local time of day now
    std::string_view resource_kind = "court";  // singular: what people call them (any case)
    std::span<const booking::Resource> resources;
    std::span<const booking::Service> services;
    // Opening hours by weekday_index() (7 entries), or empty when unknown. Only used to choose
    // between am and pm for a bare hour ("at 7").
    std::span<const std::vector<booking::DayInterval>> weekly_hours;
    PendingSlot pending;
};

/// What one message said. Every field is optional: unset means "not said". Dates and times are
/// resolved against InterpretContext (the facility's zone), never the server's. Owns its strings;
/// indexes point into the context's spans. A value type: any thread.
struct Interpretation {
    Intent intent = Intent::kUnknown;
    InfoTopic topic = InfoTopic::kNone;
    std::optional<bool> answer;  // yes (true) or no (false) to the last question

    std::optional<LocalDate> date;
    std::optional<LocalDate> last_date;  // a span of days from `date` ("this weekend")
    bool date_invalid = false;           // a date that does not exist ("31 November")
    std::optional<DayKind> day_kind;

    std::optional<TimeOfDay> start_time;
    std::optional<TimeOfDay> end_time;  // the end of a range ("6 to 8 pm"), 1440 for midnight
    bool meridiem_assumed = false;      // am/pm was chosen by rule: say it back explicitly
    std::optional<DayPart> day_part;
    std::optional<TimeWindow> window;  // the day part's hours, or "after 6" / "before 10"

    std::optional<int> duration_minutes;
    std::optional<int> resource_count;            // "2 courts", "a court", "both courts"
    bool all_resources = false;                   // "all courts"
    std::optional<int> party_size;                // "4 people", "both of us"
    std::vector<std::size_t> resources;           // indexes into InterpretContext::resources
    std::optional<int> unknown_resource_number;   // "court 9" when there is no court 9
    std::optional<std::size_t> service;           // index into InterpretContext::services
    std::vector<std::size_t> service_candidates;  // several services match equally ("haircut")

    std::optional<std::string> name;   // "Asha Rao", capitalised as typed (ASCII first letters up)
    std::optional<std::string> phone;  // digits only, with a leading '+' when one was given
    std::optional<std::string> email;
    std::optional<std::string> reference;  // an id we issued, pasted back: "bk_3f9c…"

    std::optional<int> lone_number;  // the message was just a number ("2", "at six"): an answer
    bool truncated = false;          // the message was longer than we read (kMaxUtteranceBytes)
};

/// Bytes of a message that are read; the rest is ignored (and Interpretation::truncated set).
inline constexpr std::size_t kMaxUtteranceBytes = 2000;

/// Reads one message. Pure and deterministic: the same text and context give the same result.
/// Never throws on any input (bytes that are not UTF-8, empty, huge); allocates only the
/// strings and index lists it returns (running out of memory terminates). Any thread.
[[nodiscard]] Interpretation interpret(std::string_view utterance,
                                       const InterpretContext& context) noexcept;

/// Stable lower-case names for logs and tests ("check_availability").
[[nodiscard]] std::string_view to_string(Intent intent) noexcept;
[[nodiscard]] std::string_view to_string(InfoTopic topic) noexcept;
[[nodiscard]] std::string_view to_string(DayPart part) noexcept;

/// The hours each day part stands for (documented in docs/builtin_agent.md).
[[nodiscard]] TimeWindow window_of(DayPart part) noexcept;

}  // namespace frontdesk::chat
