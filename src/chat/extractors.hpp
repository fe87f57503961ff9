#pragma once

#include "chat/interpretation.hpp"
#include "chat/scan.hpp"

// The extractors interpret() runs, in this order. Each reads free tokens, claims what it used and
// fills its fields of the Interpretation; none throws or allocates beyond the result's strings.
namespace frontdesk::chat::detail {

// Contact details: e-mail, pasted ids, phone (digits or spoken digits), then the person's name.
void extract_contact(Scan& scan, Interpretation& out) noexcept;

// Durations: "for two hours", "90 minutes", "an hour and a half", "1.5 hrs", "1h30".
void extract_durations(Scan& scan, Interpretation& out) noexcept;

// "court 3", "courts 1 and 2", "the third court", resource names ("Center Court", "Maria").
void extract_resources(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept;

// Resource counts ("2 courts", "both courts", "all courts") and party size ("4 people").
void extract_quantities(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept;

// Dates: relative words, weekdays, day-of-month, day and month, 22/11, ISO; day kinds; day parts.
void extract_dates(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept;

// Times and ranges; am/pm resolved against the day part, hours, "now" and the pending slot.
void extract_times(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept;

// The best-matching service by the words of its name.
void extract_service(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept;

// Yes/no, then the intent (and the info topic) from what is left.
void extract_intent(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept;

// The message is one number and filler ("2", "at six", "make it 3 please").
[[nodiscard]] std::optional<int> lone_number(const Scan& scan) noexcept;

// Case-insensitive ASCII comparison that ignores apostrophes in `name` ("Men's" is "mens"):
// `word` is a token's text, `name` a word as a facility owner typed it.
[[nodiscard]] bool equals_folded(std::string_view word, std::string_view name) noexcept;

// "court"/"courts" for resource_kind "court" (any case, plural with "s").
[[nodiscard]] bool is_kind_word(std::string_view word, std::string_view kind) noexcept;

}  // namespace frontdesk::chat::detail
