// The prompt is plain sentences, read by a speech model: short lines, times in words, prices
// with the currency, and the booking discipline stated as hard rules (seed 000: never claim a
// booking before confirm succeeds).
#include "realtime/session_instructions.hpp"

#include <array>
#include <sstream>

#include "booking/money.hpp"
#include "booking/spoken.hpp"
#include "core/local_time.hpp"

namespace frontdesk::realtime {
namespace {

using booking::Facility;

constexpr unsigned kDaysPerWeek = 7;
// Monday first: how people read a week of opening hours.
constexpr std::array<unsigned, kDaysPerWeek> kWeekOrder{1, 2, 3, 4, 5, 6, 0};
// Holidays further out than this are left to get_facility_info.
constexpr int kClosedDatesHorizonDays = 60;

std::string money(const Facility& facility, booking::Money amount) {
    return booking::format_money(amount, facility.currency_minor_digits) + " " + facility.currency;
}

void write_now(std::ostringstream& out, const Facility& facility, const Clock& clock) {
    const auto local = facility.time_zone.to_local(clock.now());
    out << "Right now it is " << booking::spoken_date(local.date) << " "
        << static_cast<int>(local.date.year()) << ", " << booking::spoken_time(local.time)
        << " at the facility (today is " << format_date(local.date)
        << "). Work out dates such as \"tomorrow\" or \"next Friday\" from this date.\n";
}

void write_hours(std::ostringstream& out, const Facility& facility, LocalDate today) {
    out << "Opening hours:\n";
    for (const auto day : kWeekOrder) {
        out << "- " << booking::weekday_name(day) << ": ";
        const auto& hours = facility.weekly_hours[day];
        out << (hours.empty() ? std::string{"closed"} : booking::spoken_hours(hours));
        if (!facility.breaks[day].empty()) {
            out << " (closed " << booking::spoken_hours(facility.breaks[day]) << ")";
        }
        out << "\n";
    }
    const auto horizon = format_date(add_days(today, kClosedDatesHorizonDays));
    for (const auto& date : facility.closed_dates) {
        if (date >= format_date(today) && date <= horizon) out << "- Closed on " << date << "\n";
    }
}

void write_prices(std::ostringstream& out, const Facility& facility) {
    const auto kind = facility.resource_kind;
    out << "There are " << facility.resources.size() << " " << booking::plural(kind) << ".\n";
    if (facility.pricing.weekday_per_hour > 0 || facility.pricing.weekend_per_hour > 0) {
        out << "Price per " << kind
            << " per hour: " << money(facility, facility.pricing.weekday_per_hour)
            << " on weekdays, " << money(facility, facility.pricing.weekend_per_hour)
            << " at weekends.\n";
    }
    for (const auto& service : facility.services) {
        out << "- Service " << service.name << " (id " << service.id
            << "): " << booking::spoken_duration(service.duration_minutes) << ", "
            << money(facility, service.price) << "\n";
    }
    for (const auto& rental : facility.rentals) {
        out << "- " << rental.name << ": " << money(facility, rental.price) << "\n";
    }
    const auto& coaching = facility.coaching;
    if (coaching.available) {
        out << "Coaching is available: " << money(facility, coaching.fee);
        if (!coaching.timings.empty()) out << ", " << booking::spoken_list(coaching.timings);
        if (coaching.age_below) out << ", for players under " << *coaching.age_below;
        out << ". Coaching is arranged with the facility; do not book it yourself.\n";
    }
}

void write_rules(std::ostringstream& out, const Facility& facility) {
    const auto& rules = facility.rules;
    out << "Booking rules: at least " << booking::spoken_duration(rules.minimum_duration_minutes)
        << ", at most " << booking::spoken_duration(rules.maximum_duration_minutes)
        << ", in steps of " << booking::spoken_duration(rules.duration_multiple_minutes)
        << "; bookings start every " << booking::spoken_duration(rules.slot_granularity_minutes)
        << " from opening time; up to " << rules.maximum_days_ahead << " days ahead";
    if (rules.minimum_notice_minutes > 0) {
        out << "; at least " << booking::spoken_duration(rules.minimum_notice_minutes)
            << " in advance";
    }
    if (rules.cancellation_notice_minutes > 0) {
        out << "; cancel or move at least "
            << booking::spoken_duration(rules.cancellation_notice_minutes) << " before the start";
    }
    out << ". The tools check every rule; trust their answers over your own arithmetic.\n";
}

void write_discipline(std::ostringstream& out, const CallerInfo& caller) {
    out << "How to book, strictly in this order:\n"
           "1. Find out the day, time, length and number of "
           "courts; call check_availability.\n"
           "2. Get the customer's name. ";
    if (caller.phone.empty()) {
        out << "Ask for a phone number or email for the booking.\n";
    } else {
        out << "You already have the caller's phone number (it ends in "
            << caller.phone.substr(caller.phone.size() > 4 ? caller.phone.size() - 4 : 0)
            << "); never ask for it, the tools fill it in.\n";
    }
    out << "3. Call create_quote, then read back the day, time, "
           "courts and total price and ask for a clear yes.\n"
           "4. Only after the caller says yes, call confirm_booking.\n"
           "Never say a booking is made, confirmed or reserved until confirm_booking has "
           "returned ok. A quote is not a booking. If a tool fails, say so honestly and offer the "
           "alternatives it returns. Never invent booking ids, prices or free times.\n";
}

void write_style(std::ostringstream& out) {
    out << "You are speaking on the phone. Keep every answer to one or two short sentences, ask "
           "one question at a time, say times and prices in words, and do not read out lists "
           "longer than three items. Speak the caller's language if it is not English. If the "
           "caller presses phone keys, the digits reach you as a text message. When the caller "
           "is done, say a short goodbye and call end_call. If they ask for a person, or you "
           "cannot help, call transfer_call.\n";
}

}  // namespace

std::string greeting_text(const Facility& facility) {
    if (!facility.agent.greeting.empty()) return facility.agent.greeting;
    return "Thank you for calling " + facility.name + ". How can I help you today?";
}

std::string session_instructions(const Facility& facility, const Clock& clock,
                                 const CallerInfo& caller) {
    std::ostringstream out;
    out << "You are the phone booking assistant of " << facility.name
        << ". You answer calls, give information and book "
        << booking::plural(facility.resource_kind) << " using your tools.\n";
    write_now(out, facility, clock);
    write_hours(out, facility, facility.time_zone.today(clock.now()));
    write_prices(out, facility);
    write_rules(out, facility);
    write_discipline(out, caller);
    write_style(out);
    out << "Your first words in this call are: \"" << greeting_text(facility) << "\"\n";
    if (!facility.agent.instructions.empty()) {
        out << "Notes from the facility: " << facility.agent.instructions << "\n";
    }
    return out.str();
}

std::string greeting_instructions(const Facility& facility) {
    return "Greet the caller by saying exactly: \"" + greeting_text(facility) + "\"";
}

std::string idle_prompt_instructions() {
    return "The caller has been silent for a while. Ask briefly and kindly whether they are "
           "still there and whether you can help with anything else.";
}

std::string farewell_instructions(std::string_view why) {
    return "End the call now: " + std::string{why} +
           " Say one short, polite goodbye sentence and nothing else.";
}

std::string continuation_instructions(std::string_view base_instructions,
                                      std::string_view conversation_so_far) {
    std::string out{base_instructions};
    out +=
        "\nThis call is already in progress: you have greeted the caller, do not greet them "
        "again. Continue naturally from where the conversation stopped. The conversation so "
        "far:\n";
    out += conversation_so_far;
    out += "\n";
    return out;
}

}  // namespace frontdesk::realtime
