// The interpreter on input nobody plans for: huge, random, non-UTF-8, shouted; plus the context
// builder, which must read "now" in the facility's zone.
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "booking/facility.hpp"
#include "chat/interpret_context.hpp"
#include "chat/interpretation.hpp"
#include "core/time_zone.hpp"
#include "unit/chat/contexts.hpp"
#include "unit/chat/render.hpp"

namespace frontdesk::chat {
namespace {

using testing::hm;
using testing::ymd;

// Every result, whatever the input, is internally consistent.
void expect_sane(const Interpretation& in, std::string_view text) {
    SCOPED_TRACE(std::string{"utterance bytes: "} + std::to_string(text.size()));
    if (in.date) {
        EXPECT_TRUE(in.date->ok());
    }
    if (in.last_date) {
        ASSERT_TRUE(in.date.has_value());
        EXPECT_GT(*in.last_date, *in.date);
    }
    if (in.start_time) {
        EXPECT_GE(in.start_time->count(), 0);
        EXPECT_LT(in.start_time->count(), 24 * 60);
    }
    if (in.start_time && in.end_time) {
        EXPECT_GT(*in.end_time, *in.start_time);
    }
    if (in.duration_minutes) {
        EXPECT_GT(*in.duration_minutes, 0);
        EXPECT_LE(*in.duration_minutes, 24 * 60);
    }
    if (in.resource_count) {
        EXPECT_GE(*in.resource_count, 1);
    }
    for (const auto r : in.resources) {
        EXPECT_LT(r, testing::courts().resources.size());
    }
    if (in.phone) {
        EXPECT_GE(in.phone->size(), 10U);
    }
}

TEST(InterpreterEdges, VeryLongInputIsReadFromTheStartAndFlagged) {
    std::string text = "book 2 courts tomorrow at 6pm ";
    while (text.size() < 100'000) text += "blah blah 7 8 9 court nonsense ";
    const auto in = interpret(text, testing::reference());
    EXPECT_TRUE(in.truncated);
    EXPECT_EQ(in.intent, Intent::kBook);
    EXPECT_EQ(in.resource_count, 2);
    EXPECT_EQ(in.date, ymd(2026, 11, 22));
    EXPECT_EQ(in.start_time, hm(18, 0));
    expect_sane(in, text);
}

TEST(InterpreterEdges, ShoutingIsTheSame) {
    const auto context = testing::reference();
    EXPECT_EQ(testing::render(interpret("BOOK 2 COURTS TOMORROW AT 6PM", context)),
              testing::render(interpret("book 2 courts tomorrow at 6pm", context)));
}

TEST(InterpreterEdges, Deterministic) {
    const auto context = testing::reference();
    const std::string text = "hi I'm Asha, any court free tomorrow 6 to 8? 98450 12345";
    EXPECT_EQ(testing::render(interpret(text, context)), testing::render(interpret(text, context)));
}

TEST(InterpreterEdges, NonAsciiAroundEnglishStillReads) {
    const auto in = interpret("कल book court 2 at 6pm 🙏", testing::reference());
    EXPECT_EQ(in.intent, Intent::kBook);
    EXPECT_EQ(in.resources, (std::vector<std::size_t>{1}));
    EXPECT_EQ(in.start_time, hm(18, 0));
}

TEST(InterpreterEdges, InvalidUtf8AndControlBytes) {
    static constexpr char kBytes[] = "\xFF\xFE book\x00 a court \xC3 at 7\x01\x80pm";
    const std::string text{kBytes, sizeof kBytes - 1};
    const auto in = interpret(text, testing::reference());
    EXPECT_EQ(in.intent, Intent::kBook);
    expect_sane(in, text);
}

TEST(InterpreterEdges, LoneNumberIsOfferedAsBothNumberAndTime) {
    const auto in = interpret("2", testing::reference());
    EXPECT_EQ(in.lone_number, 2);
    EXPECT_EQ(in.start_time, hm(14, 0));
    EXPECT_TRUE(in.meridiem_assumed);
    EXPECT_EQ(interpret("45", testing::reference()).start_time, std::nullopt);
}

TEST(InterpreterEdges, RandomInputNeverBreaksTheInvariants) {
    // Fragments that trigger every extractor, glued at random with random bytes between.
    const std::string_view pieces[] = {"book",
                                       "2",
                                       "courts",
                                       "court",
                                       "3",
                                       "tomorrow",
                                       "the",
                                       "22nd",
                                       "31st",
                                       "feb",
                                       "29",
                                       "6",
                                       "to",
                                       "8",
                                       "pm",
                                       "am",
                                       ":",
                                       "18:30",
                                       "half",
                                       "past",
                                       "six",
                                       "-",
                                       "/",
                                       "+91",
                                       "98450",
                                       "12345",
                                       "@",
                                       ".",
                                       "com",
                                       "I'm",
                                       "my name is",
                                       "hours",
                                       "and",
                                       "a",
                                       "an",
                                       "hour",
                                       "minutes",
                                       "next",
                                       "friday",
                                       "weekend",
                                       "between",
                                       "after",
                                       "noon",
                                       "midnight",
                                       "yes",
                                       "no",
                                       "cancel",
                                       "that",
                                       "\xC3\xA9",
                                       "\xE2\x80\x99",
                                       "\xE2\x80\x93",
                                       "\xFF",
                                       " ",
                                       "  ",
                                       ",",
                                       "?",
                                       "twenty",
                                       "two",
                                       "o'clock",
                                       "1.5",
                                       "2026-11-22",
                                       "22/11",
                                       "13/13"};
    std::uint32_t state = 12345;
    const auto next = [&state] {
        state = state * 1664525U + 1013904223U;
        return state >> 8;
    };
    const auto context = testing::reference();
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        const auto words = next() % 24;
        for (std::uint32_t w = 0; w < words; ++w) {
            text += pieces[next() % std::size(pieces)];
            if (next() % 3 != 0) text += ' ';
        }
        expect_sane(interpret(text, context), text);
        if (::testing::Test::HasFailure()) {
            ADD_FAILURE() << "input: " << text;
            return;
        }
    }
}

TEST(InterpretContextBuilder, ReadsNowInTheFacilityZone) {
    booking::Facility facility;
    facility.time_zone = TimeZone::locate("America/Chicago");
    facility.resources = testing::courts().resources;
    facility.resource_kind = "court";
    // 04:00 UTC on the 21st is 22:00 on the 20th in Chicago (UTC-6 in November).
    const auto now = *parse_rfc3339("2026-11-21T04:00:00Z");
    const auto context = make_interpret_context(facility, now);
    EXPECT_EQ(context.today, ymd(2026, 11, 20));
    EXPECT_EQ(context.now, hm(22, 0));
    EXPECT_EQ(context.resources.size(), 5U);
    EXPECT_EQ(interpret("tomorrow", context).date, ymd(2026, 11, 21));
    EXPECT_EQ(interpret("court 3", context).resources, (std::vector<std::size_t>{2}));
}

}  // namespace
}  // namespace frontdesk::chat
