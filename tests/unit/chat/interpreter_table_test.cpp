// The interpretation table: what people type to a booking line, and what must come out.
// Reference "now": Saturday 2026-11-21 10:15 at a court facility open Mon–Sat 06:00–22:00 and
// Sun 08:00–18:00 (tests/unit/chat/contexts.hpp). Every field of the result is compared: a field
// the row does not mention must be unset.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chat/interpretation.hpp"
#include "unit/chat/contexts.hpp"
#include "unit/chat/render.hpp"

namespace frontdesk::chat {
namespace {

using testing::hm;
using testing::ymd;

enum class At {
    kReference,      // courts, Sat 2026-11-21 10:15
    kPendingToday,   // the same, discussing today 18:00 (a booking being moved)
    kPendingSunday,  // the same, discussing Sun 2026-11-22 17:00
    kMonday,         // courts, Mon 2026-11-16 09:00
    kDecember20,     // courts, Sun 2026-12-20 12:00
    kDecember2027,   // courts, Wed 2027-12-01 12:00
    kSalon,          // salon, Sat 2026-11-21 10:15
};

InterpretContext context_for(At at) {
    using testing::context_at;
    switch (at) {
        case At::kReference:
            return testing::reference();
        case At::kPendingToday:
            return context_at(testing::courts(), ymd(2026, 11, 21), hm(10, 15),
                              {ymd(2026, 11, 21), hm(18, 0)});
        case At::kPendingSunday:
            return context_at(testing::courts(), ymd(2026, 11, 21), hm(10, 15),
                              {ymd(2026, 11, 22), hm(17, 0)});
        case At::kMonday:
            return context_at(testing::courts(), ymd(2026, 11, 16), hm(9, 0));
        case At::kDecember20:
            return context_at(testing::courts(), ymd(2026, 12, 20), hm(12, 0));
        case At::kDecember2027:
            return context_at(testing::courts(), ymd(2027, 12, 1), hm(12, 0));
        case At::kSalon:
            return context_at(testing::salon(), ymd(2026, 11, 21), hm(10, 15));
    }
    return testing::reference();
}

// The expected interpretation; unset fields must be unset in the result.
struct Expect {
    Intent intent = Intent::kUnknown;
    InfoTopic topic = InfoTopic::kNone;
    std::optional<bool> answer{};
    const char* date = nullptr;  // "2026-11-22"
    const char* last_date = nullptr;
    bool date_invalid = false;
    std::optional<DayKind> day_kind{};
    const char* start = nullptr;  // "18:00"
    const char* end = nullptr;
    bool assumed = false;
    std::optional<DayPart> part{};  // its window is implied unless `window` is given
    const char* window_start = nullptr;
    const char* window_end = nullptr;
    std::optional<int> duration{};
    std::optional<int> count{};
    bool all = false;
    std::optional<int> party{};
    std::vector<std::size_t> resources{};
    std::optional<int> unknown_resource{};
    std::optional<std::size_t> service{};
    std::vector<std::size_t> candidates{};
    const char* name = nullptr;
    const char* phone = nullptr;
    const char* email = nullptr;
    const char* reference = nullptr;
    std::optional<int> lone{};
};

struct Row {
    const char* text;
    Expect expect;
    At at = At::kReference;
};

// gtest prints a failing parameter with this instead of its bytes.
[[maybe_unused]] void PrintTo(const Row& row, std::ostream* os) { *os << '"' << row.text << '"'; }

template <typename T, typename F>
std::optional<T> parsed(const char* text, F parse) {
    if (text == nullptr) return std::nullopt;
    auto value = parse(text);
    EXPECT_TRUE(value.has_value()) << "bad expectation: " << text;
    return value;
}

Interpretation to_interpretation(const Expect& e) {
    Interpretation in;
    in.intent = e.intent;
    in.topic = e.topic;
    in.answer = e.answer;
    in.date = parsed<LocalDate>(e.date, parse_date);
    in.last_date = parsed<LocalDate>(e.last_date, parse_date);
    in.date_invalid = e.date_invalid;
    in.day_kind = e.day_kind;
    in.start_time = parsed<TimeOfDay>(e.start, parse_time_of_day);
    in.end_time = parsed<TimeOfDay>(e.end, parse_time_of_day);
    in.meridiem_assumed = e.assumed;
    in.day_part = e.part;
    if (e.part) in.window = window_of(*e.part);
    if (e.window_start != nullptr) {
        in.window =
            TimeWindow{*parse_time_of_day(e.window_start), *parse_time_of_day(e.window_end)};
    }
    in.duration_minutes = e.duration;
    in.resource_count = e.count;
    in.all_resources = e.all;
    in.party_size = e.party;
    in.resources = e.resources;
    in.unknown_resource_number = e.unknown_resource;
    in.service = e.service;
    in.service_candidates = e.candidates;
    if (e.name != nullptr) in.name = e.name;
    if (e.phone != nullptr) in.phone = e.phone;
    if (e.email != nullptr) in.email = e.email;
    if (e.reference != nullptr) in.reference = e.reference;
    in.lone_number = e.lone;
    return in;
}

constexpr auto kBook = Intent::kBook;
constexpr auto kAvailability = Intent::kCheckAvailability;
constexpr auto kDetails = Intent::kProvideDetails;
constexpr auto kEvening = DayPart::kEvening;

// clang-format off
const std::vector<Row> kTable = {
    // The phrases of issue 4.
    {"any court free tomorrow evening?", {.intent = kAvailability, .date = "2026-11-22", .part = kEvening}},
    {"book 2 courts Saturday 6 to 8 pm", {.intent = kBook, .date = "2026-11-21", .start = "18:00", .end = "20:00", .duration = 120, .count = 2}},
    {"how much is it on weekends?", {.intent = Intent::kAskPrice, .day_kind = DayKind::kWeekend}},
    {"what time do you open?", {.intent = Intent::kAskHours}},
    {"cancel my booking", {.intent = Intent::kCancel, .topic = InfoTopic::kMyBookings}},
    {"move it to 7", {.intent = Intent::kReschedule, .start = "07:00", .assumed = true}},
    {"move it to 7", {.intent = Intent::kReschedule, .start = "19:00", .assumed = true}, At::kPendingToday},
    {"move it to 9", {.intent = Intent::kReschedule, .start = "09:00", .assumed = true}, At::kPendingSunday},
    {"next Friday", {.intent = kDetails, .date = "2026-11-27"}},
    {"the 22nd", {.intent = kDetails, .date = "2026-11-22"}},
    {"tonight", {.intent = kDetails, .date = "2026-11-21", .part = DayPart::kTonight}},
    {"6", {.intent = kDetails, .start = "18:00", .assumed = true, .lone = 6}},
    {"6pm", {.intent = kDetails, .start = "18:00"}},
    {"18:30", {.intent = kDetails, .start = "18:30"}},
    {"for two hours", {.intent = kDetails, .duration = 120}},
    {"book two courts for three hours on saturday at six thirty pm", {.intent = kBook, .date = "2026-11-21", .start = "18:30", .duration = 180, .count = 2}},
    // Dates.
    {"Friday", {.intent = kDetails, .date = "2026-11-27"}},
    {"saturday", {.intent = kDetails, .date = "2026-11-21"}},
    {"next saturday", {.intent = kDetails, .date = "2026-11-28"}},
    {"next Friday", {.intent = kDetails, .date = "2026-11-27"}, At::kMonday},
    {"this friday", {.intent = kDetails, .date = "2026-11-20"}, At::kMonday},
    {"last monday", {.intent = kDetails, .date = "2026-11-16"}},
    {"the 21st", {.intent = kDetails, .date = "2026-11-21"}},
    {"the 20th", {.intent = kDetails, .date = "2026-12-20"}},
    {"on the thirty first", {.intent = kDetails, .date = "2026-12-31"}},
    {"the 3rd", {.intent = kDetails, .date = "2027-01-03"}, At::kDecember20},
    {"today", {.intent = kDetails, .date = "2026-11-21"}},
    {"tomorrow", {.intent = kDetails, .date = "2026-11-22"}},
    {"tmrw", {.intent = kDetails, .date = "2026-11-22"}},
    {"day after tomorrow", {.intent = kDetails, .date = "2026-11-23"}},
    {"in 3 days", {.intent = kDetails, .date = "2026-11-24"}},
    {"this weekend", {.intent = kDetails, .date = "2026-11-21", .last_date = "2026-11-22"}},
    {"next weekend", {.intent = kDetails, .date = "2026-11-28", .last_date = "2026-11-29"}},
    {"22/11", {.intent = kDetails, .date = "2026-11-22"}},
    {"3/12", {.intent = kDetails, .date = "2026-12-03"}},
    {"11/22", {.intent = kDetails, .date = "2026-11-22"}},
    {"22/11/2027", {.intent = kDetails, .date = "2027-11-22"}},
    {"Nov 22", {.intent = kDetails, .date = "2026-11-22"}},
    {"22nd November", {.intent = kDetails, .date = "2026-11-22"}},
    {"the 5th of january", {.intent = kDetails, .date = "2027-01-05"}},
    {"2026-11-22", {.intent = kDetails, .date = "2026-11-22"}},
    {"29 feb", {.intent = kDetails, .date_invalid = true}},
    {"29 feb", {.intent = kDetails, .date = "2028-02-29"}, At::kDecember2027},
    {"31 november", {.intent = kDetails, .date_invalid = true}},
    {"the 31st", {.intent = kDetails, .date = "2026-12-31"}},
    {"saturday to monday", {.intent = kDetails, .date = "2026-11-21", .last_date = "2026-11-23"}},
    // Times.
    {"tomorrow at 6:30 pm", {.intent = kDetails, .date = "2026-11-22", .start = "18:30"}},
    {"half past six", {.intent = kDetails, .start = "18:30", .assumed = true}},
    {"quarter to seven in the evening", {.intent = kDetails, .start = "18:45", .part = kEvening}},
    {"seven thirty tonight", {.intent = kDetails, .date = "2026-11-21", .start = "19:30", .part = DayPart::kTonight}},
    {"6 o'clock", {.intent = kDetails, .start = "18:00", .assumed = true}},
    {"noon", {.intent = kDetails, .start = "12:00"}},
    {"midnight", {.intent = kDetails, .start = "00:00"}},
    {"at 18", {.intent = kDetails, .start = "18:00", .lone = 18}},
    {"from 6 till 8", {.intent = kDetails, .start = "18:00", .end = "20:00", .assumed = true, .duration = 120}},
    {"between 7 and 9", {.intent = kDetails, .start = "07:00", .end = "09:00", .assumed = true, .duration = 120}},
    {"18:00-20:00", {.intent = kDetails, .start = "18:00", .end = "20:00", .duration = 120}},
    {"ten past six", {.intent = kDetails, .start = "18:10", .assumed = true}},
    {"sunday at 5", {.intent = kDetails, .date = "2026-11-22", .start = "17:00", .assumed = true}},
    {"6-8pm", {.intent = kDetails, .start = "18:00", .end = "20:00", .duration = 120}},
    {"11 to 1 pm", {.intent = kDetails, .start = "11:00", .end = "13:00", .duration = 120}},
    {"8 to 12 tonight", {.intent = kDetails, .date = "2026-11-21", .start = "20:00", .end = "24:00", .part = DayPart::kTonight, .duration = 240}},
    {"any slots after 6 today?", {.intent = kAvailability, .date = "2026-11-21", .assumed = true, .window_start = "18:00", .window_end = "24:00"}},
    {"center court tomorrow at 5", {.intent = kDetails, .date = "2026-11-22", .start = "17:00", .assumed = true, .resources = {4}}},
    {"is 6 free?", {.intent = kAvailability, .start = "18:00", .assumed = true}},
    {"Do you have any courts available on the 28th between 5 and 7?", {.intent = kAvailability, .date = "2026-11-28", .start = "17:00", .end = "19:00", .assumed = true, .duration = 120}},
    {"Could I get two courts for next Friday from 7 to 9 in the evening?", {.intent = kBook, .date = "2026-11-27", .start = "19:00", .end = "21:00", .part = kEvening, .duration = 120, .count = 2}},
    // Durations and counts.
    {"90 minutes", {.intent = kDetails, .duration = 90}},
    {"an hour and a half", {.intent = kDetails, .duration = 90}},
    {"1.5 hours", {.intent = kDetails, .duration = 90}},
    {"two and a half hours", {.intent = kDetails, .duration = 150}},
    {"1 hour 30 minutes", {.intent = kDetails, .duration = 90}},
    {"half an hour", {.intent = kDetails, .duration = 30}},
    {"2 courts", {.intent = kDetails, .count = 2}},
    {"both courts", {.intent = kDetails, .count = 2}},
    {"all courts", {.intent = kDetails, .all = true}},
    {"I need a court for tomorrow morning", {.intent = kBook, .date = "2026-11-22", .part = DayPart::kMorning, .count = 1}},
    {"book a court for 4 people tomorrow at 4", {.intent = kBook, .date = "2026-11-22", .start = "16:00", .assumed = true, .count = 1, .party = 4}},
    {"court 3", {.intent = kDetails, .resources = {2}}},
    {"court number three", {.intent = kDetails, .resources = {2}}},
    {"courts 1, 2 and 3", {.intent = kDetails, .resources = {0, 1, 2}}},
    {"the 3rd court", {.intent = kDetails, .resources = {2}}},
    {"centre court", {.intent = kDetails, .resources = {4}}},
    {"1h30", {.intent = kDetails, .duration = 90}},
    {"courts 2 and 3 from 7 to 9 am", {.intent = kDetails, .start = "07:00", .end = "09:00", .duration = 120, .resources = {1, 2}}},
    {"is court 9 free at 7pm?", {.intent = kAvailability, .start = "19:00", .unknown_resource = 9}},
    {"twenty two", {.intent = kDetails, .start = "22:00", .lone = 22}},
    // Contact details.
    {"I'm Asha", {.intent = kDetails, .name = "Asha"}},
    {"my name is asha rao", {.intent = kDetails, .name = "Asha Rao"}},
    {"this is Rahul, 98450 12345", {.intent = kDetails, .name = "Rahul", .phone = "9845012345"}},
    {"+91 98450-12345", {.intent = kDetails, .phone = "+919845012345"}},
    {"nine eight four five zero one two three four five", {.intent = kDetails, .phone = "9845012345"}},
    {"my email is asha.rao@example.com", {.intent = kDetails, .email = "asha.rao@example.com"}},
    {"my name is José", {.intent = kDetails, .name = "José"}},
    {"I'm looking for a court tomorrow", {.intent = kBook, .date = "2026-11-22", .count = 1}},
    {"hello, I'd like to book a court for tomorrow 6 to 8 pm, I'm Asha, 9845012345", {.intent = kBook, .date = "2026-11-22", .start = "18:00", .end = "20:00", .duration = 120, .count = 1, .name = "Asha", .phone = "9845012345"}},
    {"Hey there! This is Sam. Book me a court this Sunday 4-5pm", {.intent = kBook, .date = "2026-11-22", .start = "16:00", .end = "17:00", .duration = 60, .count = 1, .name = "Sam"}},
    {"tomorrow 7pm for 1 hour, name is Priya Sharma", {.intent = kDetails, .date = "2026-11-22", .start = "19:00", .duration = 60, .name = "Priya Sharma"}},
    {"please cancel bk_3f9c0a6d1e2b4c58a7d9e0f1", {.intent = Intent::kCancel, .reference = "bk_3f9c0a6d1e2b4c58a7d9e0f1"}},
    {"qt_abcdef123", {.intent = kDetails, .reference = "qt_abcdef123"}},
    {"my name's Asha", {.intent = kDetails, .name = "Asha"}},
    {"we're 4", {.intent = kDetails, .party = 4}},
    // Yes and no.
    {"yes", {.intent = Intent::kConfirmYes, .answer = true}},
    {"yeah please", {.intent = Intent::kConfirmYes, .answer = true}},
    {"go ahead", {.intent = Intent::kConfirmYes, .answer = true}},
    {"sure", {.intent = Intent::kConfirmYes, .answer = true}},
    {"yes book it", {.intent = Intent::kConfirmYes, .answer = true}},
    {"\xF0\x9F\x91\x8D", {.intent = Intent::kConfirmYes, .answer = true}},
    {"no", {.intent = Intent::kConfirmNo, .answer = false}},
    {"nope", {.intent = Intent::kConfirmNo, .answer = false}},
    {"not now", {.intent = Intent::kConfirmNo, .answer = false}},
    {"cancel that", {.intent = Intent::kConfirmNo, .answer = false}},
    {"yes, tomorrow at 6", {.intent = Intent::kConfirmYes, .answer = true, .date = "2026-11-22", .start = "18:00", .assumed = true}},
    {"no, make it 7pm", {.intent = Intent::kConfirmNo, .answer = false, .start = "19:00"}},
    // Other intents.
    {"hi", {.intent = Intent::kGreeting}},
    {"good evening", {.intent = Intent::kGreeting}},
    {"thanks!", {.intent = Intent::kThanks}},
    {"ok thanks, bye", {.intent = Intent::kGoodbye, .answer = true}},
    {"can I talk to a real person?", {.intent = Intent::kTalkToHuman}},
    {"do you rent rackets?", {.intent = Intent::kAskInfo, .topic = InfoTopic::kRentals}},
    {"do you have coaching for kids?", {.intent = Intent::kAskInfo, .topic = InfoTopic::kCoaching}},
    {"where are you located?", {.intent = Intent::kAskInfo, .topic = InfoTopic::kLocation}},
    {"is there parking?", {.intent = Intent::kAskInfo, .topic = InfoTopic::kLocation}},
    {"how much for a racket?", {.intent = Intent::kAskPrice, .topic = InfoTopic::kRentals}},
    {"how much per hour?", {.intent = Intent::kAskPrice}},
    {"what are your timings on sunday?", {.intent = Intent::kAskHours, .date = "2026-11-22"}},
    {"I need to change my booking from saturday to sunday", {.intent = Intent::kReschedule, .topic = InfoTopic::kMyBookings, .date = "2026-11-21", .last_date = "2026-11-22"}},
    {"Can you hold 3 courts for 90 mins tomorrow at 7 in the morning", {.intent = kBook, .date = "2026-11-22", .start = "07:00", .part = DayPart::kMorning, .duration = 90, .count = 3}},
    {"I can't make it tomorrow, please cancel", {.intent = Intent::kCancel, .date = "2026-11-22"}},
    {"reschedule to next friday at 8pm", {.intent = Intent::kReschedule, .date = "2026-11-27", .start = "20:00"}},
    {"I want to play tomorrow at 6am", {.intent = kBook, .date = "2026-11-22", .start = "06:00"}},
    {"asdfgh qwerty", {.intent = Intent::kUnknown}},
    {"", {.intent = Intent::kUnknown}},
    {"मुझे कल कोर्ट चाहिए", {.intent = Intent::kUnknown}},
    // The salon: services and stylists by name.
    {"I'd like a women's haircut with Maria on Monday at 10", {.intent = kBook, .date = "2026-11-23", .start = "10:00", .assumed = true, .resources = {2}, .service = 1}, At::kSalon},
    {"how much is a haircut?", {.intent = Intent::kAskPrice, .candidates = {0, 1, 2}}, At::kSalon},
    {"men's haircut", {.intent = kDetails, .service = 0}, At::kSalon},
    {"a beard trim at 4", {.intent = kDetails, .start = "16:00", .assumed = true, .service = 3}, At::kSalon},
};
// clang-format on

class InterpretationTable : public ::testing::TestWithParam<Row> {};

TEST_P(InterpretationTable, ReadsEveryField) {
    const auto& row = GetParam();
    const auto actual = interpret(row.text, context_for(row.at));
    EXPECT_EQ(testing::render(to_interpretation(row.expect)), testing::render(actual))
        << "utterance: \"" << row.text << "\"";
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
    std::string name = std::to_string(info.index) + "_";
    for (const char* c = info.param.text; *c != '\0' && name.size() < 40; ++c) {
        const bool alnum =
            (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9');
        if (alnum)
            name += *c;
        else if (name.back() != '_')
            name += '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Utterances, InterpretationTable, ::testing::ValuesIn(kTable), row_name);

TEST(InterpretationTableSize, HasAtLeastSixtyRows) { EXPECT_GE(kTable.size(), 60U); }

}  // namespace
}  // namespace frontdesk::chat
