#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "chat/dialogue_state.hpp"
#include "core/local_time.hpp"

// The built-in agent's sentences, built from tool results (JSON as the tools return it) and
// dates. Pure, never throws on a malformed or partial result (missing fields read as empty).
// Any thread.
namespace frontdesk::chat {

/// A string field of a JSON object, or "" when absent or not a string.
[[nodiscard]] std::string text_field(const nlohmann::json& object, std::string_view key);

/// A tool result's error code and message ("SLOT_UNAVAILABLE", "That slot was just taken.").
[[nodiscard]] std::string error_code(const nlohmann::json& result);
[[nodiscard]] std::string error_message(const nlohmann::json& result);

/// {"amount": "280.00", "currency": "INR"} → "₹280"; "$32.50"; "12.00 EUR" → "12 EUR".
[[nodiscard]] std::string money_text(const nlohmann::json& money);

/// When a slot is, to follow a time: "today (Saturday 21 November)", "tomorrow (Sunday 22
/// November)", "on Friday 27 November".
[[nodiscard]] std::string day_phrase(LocalDate date, LocalDate today);

/// "6 pm", "4 pm, 5 pm and 6 pm".
[[nodiscard]] std::string times_text(const std::vector<TimeOfDay>& times);

/// A booking or quote as the agent reads it back: "2 courts (Court 1 and Court 2) on Saturday
/// 21 November from 6 pm to 8 pm". `kind` is the facility's resource kind ("court").
[[nodiscard]] std::string span_summary(const nlohmann::json& span, std::string_view kind);

/// The booking behind a find_bookings / confirm_booking / reschedule_booking entry; nullopt when
/// it lacks an id, a date or times.
[[nodiscard]] std::optional<BookingRef> booking_ref(const nlohmann::json& booking,
                                                    std::string_view kind);

/// The starts of a slot list (check_availability "slots" or "alternatives").
[[nodiscard]] std::vector<OfferedStart> offered_starts(const nlohmann::json& slots);

/// "5 pm, 7 pm and 8 pm" (same day as `day`), or with the day for other dates.
[[nodiscard]] std::string offers_text(const std::vector<OfferedStart>& offers, LocalDate day,
                                      LocalDate today);

/// get_facility_info "hours" as a sentence: "We're open every day from 6 am to 11 pm." or
/// "We're open Monday to Friday from 6 am to 10 pm, Saturday from 7 am to 8 pm, …".
[[nodiscard]] std::string weekly_hours_text(const nlohmann::json& hours);

/// The open spans of one weekday from get_facility_info "hours" ("from 6 am to 11 pm"), or ""
/// when closed that day.
[[nodiscard]] std::string day_hours_text(const nlohmann::json& hours, LocalDate date);

/// A message that is only a name ("asha rao", "Sam"): one to three words of letters, none of
/// them a common word; capitalised. nullopt otherwise.
[[nodiscard]] std::optional<std::string> bare_name(std::string_view message);

}  // namespace frontdesk::chat
