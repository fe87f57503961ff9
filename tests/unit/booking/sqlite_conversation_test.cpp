// The conversation log on SQLite (schema v2): headers, ordered transcripts, finish, filters.
#include <gtest/gtest.h>

#include "booking/sqlite_store.hpp"
#include "core/error.hpp"
#include "unit/booking/store_test_support.hpp"

namespace frontdesk::booking {
namespace {

using namespace test;

Conversation chat(std::string id, std::string facility, Instant started,
                  ConversationChannel channel = ConversationChannel::kChat) {
    Conversation c;
    c.id = std::move(id);
    c.channel = channel;
    c.facility_id = std::move(facility);
    c.caller = "+919876543210";
    c.started_at = started;
    return c;
}

ConversationEntry said(ConversationSpeaker speaker, std::string text, Instant at) {
    ConversationEntry entry;
    entry.speaker = speaker;
    entry.text = std::move(text);
    entry.at = at;
    return entry;
}

ConversationEntry tool(std::string name, std::string arguments, std::string result, Instant at) {
    ConversationEntry entry;
    entry.speaker = ConversationSpeaker::kTool;
    entry.tool_name = std::move(name);
    entry.tool_arguments = std::move(arguments);
    entry.tool_result = std::move(result);
    entry.at = at;
    return entry;
}

class ConversationLogTest : public ::testing::Test {
protected:
    SqliteStore store_{":memory:"};
    ConversationLog& log_ = store_;
};

TEST_F(ConversationLogTest, TranscriptKeepsItsOrderAcrossAppends) {
    log_.start_conversation(chat("chat_1", "club", kNow));
    const std::vector<ConversationEntry> first{
        said(ConversationSpeaker::kUser, "any court at 6?", kNow),
        tool("check_availability", R"({"date":"2030-06-01"})", R"({"ok":true})", kNow + 1s)};
    log_.append_entries("chat_1", first);
    const std::vector<ConversationEntry> second{
        said(ConversationSpeaker::kAgent, "Court 2 is free.", kNow + 2s)};
    log_.append_entries("chat_1", second);

    const auto found = log_.find_conversation("chat_1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->conversation.entry_count, 3);
    EXPECT_EQ(found->conversation.caller, "+919876543210");
    EXPECT_FALSE(found->conversation.ended_at);
    ASSERT_EQ(found->entries.size(), 3U);
    EXPECT_EQ(found->entries[0].seq, 0);
    EXPECT_EQ(found->entries[0].text, "any court at 6?");
    EXPECT_EQ(found->entries[1].speaker, ConversationSpeaker::kTool);
    EXPECT_EQ(found->entries[1].tool_name, "check_availability");
    EXPECT_EQ(found->entries[1].tool_arguments, R"({"date":"2030-06-01"})");
    EXPECT_EQ(found->entries[1].tool_result, R"({"ok":true})");
    EXPECT_EQ(found->entries[1].at, kNow + 1s);
    EXPECT_EQ(found->entries[2].seq, 2);
    EXPECT_EQ(found->entries[2].speaker, ConversationSpeaker::kAgent);
    EXPECT_TRUE(found->entries[2].tool_name.empty());
}

TEST_F(ConversationLogTest, FinishIsRecordedOnceAndTheFirstWins) {
    log_.start_conversation(chat("chat_1", "club", kNow));
    EXPECT_TRUE(log_.finish_conversation("chat_1", "idle_timeout", R"({"turns":2})", kNow + 5min));
    EXPECT_FALSE(log_.finish_conversation("chat_1", "client_closed", "{}", kNow + 9min));
    const auto found = log_.find_conversation("chat_1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->conversation.ended_at, kNow + 5min);
    EXPECT_EQ(found->conversation.end_reason, "idle_timeout");
    EXPECT_EQ(found->conversation.metrics_json, R"({"turns":2})");
}

TEST_F(ConversationLogTest, UnknownAndDuplicateIdsAreErrors) {
    const std::vector<ConversationEntry> one{said(ConversationSpeaker::kUser, "hi", kNow)};
    EXPECT_THROW(log_.append_entries("nope", one), NotFound);
    EXPECT_THROW((void)log_.finish_conversation("nope", "x", "{}", kNow), NotFound);
    EXPECT_FALSE(log_.find_conversation("nope"));
    log_.start_conversation(chat("chat_1", "club", kNow));
    EXPECT_THROW(log_.start_conversation(chat("chat_1", "club", kNow)), InvalidArgument);
}

TEST_F(ConversationLogTest, ListFiltersByFacilityChannelAndTimeNewestFirst) {
    log_.start_conversation(chat("a", "club", kNow));
    log_.start_conversation(chat("b", "club", kNow + 1h, ConversationChannel::kTwilio));
    log_.start_conversation(chat("c", "other", kNow + 2h));
    log_.start_conversation(chat("d", "club", kNow + 3h));

    auto ids = [](const std::vector<Conversation>& list) {
        std::vector<std::string> out;
        for (const auto& c : list) out.push_back(c.id);
        return out;
    };
    EXPECT_EQ(ids(log_.list_conversations({})), (std::vector<std::string>{"d", "c", "b", "a"}));
    EXPECT_EQ(ids(log_.list_conversations({.facility_id = "club"})),
              (std::vector<std::string>{"d", "b", "a"}));
    EXPECT_EQ(ids(log_.list_conversations(
                  {.facility_id = "club", .channel = ConversationChannel::kTwilio})),
              (std::vector<std::string>{"b"}));
    EXPECT_EQ(
        ids(log_.list_conversations({.started_from = kNow + 1h, .started_before = kNow + 3h})),
        (std::vector<std::string>{"c", "b"}));
    EXPECT_EQ(ids(log_.list_conversations({.limit = 1})), (std::vector<std::string>{"d"}));
}

TEST_F(ConversationLogTest, SurvivesAReopen) {
    ScratchDir dir;
    const auto path = dir.path() / "frontdesk.db";
    {
        SqliteStore store{path};
        store.start_conversation(chat("chat_9", "club", kNow));
        const std::vector<ConversationEntry> one{said(ConversationSpeaker::kUser, "hello", kNow)};
        store.append_entries("chat_9", one);
    }
    SqliteStore reopened{path};
    const auto found = reopened.find_conversation("chat_9");
    ASSERT_TRUE(found);
    ASSERT_EQ(found->entries.size(), 1U);
    EXPECT_EQ(found->entries[0].text, "hello");
}

TEST(ConversationWords, ChannelAndSpeakerRoundTrip) {
    for (auto channel : {ConversationChannel::kChat, ConversationChannel::kDebug,
                         ConversationChannel::kTwilio, ConversationChannel::kExotel}) {
        EXPECT_EQ(parse_conversation_channel(to_string(channel)), channel);
    }
    EXPECT_FALSE(parse_conversation_channel("sms"));
    EXPECT_EQ(parse_conversation_speaker("tool"), ConversationSpeaker::kTool);
    EXPECT_FALSE(parse_conversation_speaker("robot"));
}

}  // namespace
}  // namespace frontdesk::booking
