#pragma once

#include <string>
#include <string_view>

#include "booking/facility.hpp"
#include "core/clock.hpp"

// The voice agent's system prompt and per-response instructions, built from a facility's file.
// Pure (the clock is injected); any thread.

namespace frontdesk::realtime {

/// Who is on the line, as far as the carrier told us.
struct CallerInfo {
    std::string phone;  // E.164, empty when withheld
};

/// The session instructions: who the agent is, the facility's hours, prices, rules, rentals and
/// coaching, today's date and time in the facility's zone, the quote→confirm discipline, how to
/// end or hand over the call, and the facility's own extra instructions.
[[nodiscard]] std::string session_instructions(const booking::Facility& facility,
                                               const Clock& clock, const CallerInfo& caller);

/// The greeting the agent opens with (the facility's, or a default naming the facility).
[[nodiscard]] std::string greeting_text(const booking::Facility& facility);

/// Per-response instructions for the first response: say the greeting.
[[nodiscard]] std::string greeting_instructions(const booking::Facility& facility);

/// Per-response instructions when the caller has gone quiet.
[[nodiscard]] std::string idle_prompt_instructions();

/// Per-response instructions before the agent ends the call itself (idle caller, time limit).
[[nodiscard]] std::string farewell_instructions(std::string_view why);

/// The instructions of a fresh Realtime session that continues a call (the 60-minute session
/// limit): the usual instructions plus a transcript summary, and "do not greet again".
[[nodiscard]] std::string continuation_instructions(std::string_view base_instructions,
                                                    std::string_view conversation_so_far);

}  // namespace frontdesk::realtime
