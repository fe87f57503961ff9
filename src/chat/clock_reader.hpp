#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "chat/interpretation.hpp"
#include "chat/scan.hpp"

// Reading a clock time from tokens, and choosing am or pm for it. Used by extract_times.
namespace frontdesk::chat::detail {

enum class Meridiem : std::uint8_t { kNone, kAm, kPm };

/// A time as said, before am/pm is settled: "6", "6:30 pm", "half past six", "18:30", "noon".
struct ClockRead {
    int hour = 0;  // 0..24 as said
    int minute = 0;
    Meridiem meridiem = Meridiem::kNone;
    bool twenty_four_hour = false;  // "18:30", "08:00", "noon": nothing to choose
    bool midnight = false;
    bool strong = false;  // unmistakably a time ("6pm", "18:30"), needs no cue around it
    std::size_t length = 0;
};

/// A clock time from free tokens at `i`.
[[nodiscard]] std::optional<ClockRead> read_clock(const Scan& scan, std::size_t i) noexcept;

/// What am/pm is chosen from when the person did not say (docs/builtin_agent.md, "Times").
struct MeridiemHints {
    const InterpretContext& context;
    std::optional<LocalDate> date;    // the date said, or the pending slot's
    std::optional<DayPart> day_part;  // said anywhere in the message
};

/// The time of day meant as a start; `assumed` is set when am/pm was chosen by rule.
[[nodiscard]] std::optional<TimeOfDay> resolve_start(const ClockRead& read,
                                                     const MeridiemHints& hints,
                                                     bool& assumed) noexcept;

/// The time of day meant as the end of a range starting at `start`: the first reading after it
/// (no guess: the start already chose). nullopt when no reading comes after the start.
[[nodiscard]] std::optional<TimeOfDay> resolve_end(const ClockRead& read, TimeOfDay start) noexcept;

/// A range's start when only its end said am/pm ("6 to 8 pm", "11 to 1 pm"): the reading of
/// `start` with the end's meridiem if that comes first, else the other one.
[[nodiscard]] std::optional<TimeOfDay> resolve_start_before(const ClockRead& start,
                                                            TimeOfDay end) noexcept;

}  // namespace frontdesk::chat::detail
