// POST /chat over real HTTP with the built-in agent (no OpenAI key): a multi-turn conversation
// that books, its transcript through the owner's conversation API, and the error answers.
#include <cstdlib>

#include <gtest/gtest.h>

#include "integration/integration_fixture.hpp"

namespace frontdesk::test {
namespace {

using nlohmann::json;

constexpr const char* kFacility = "pickle_x_mysore";

class ChatTest : public ServerTest {
protected:
    void SetUp() override {
        // The built-in agent only, whatever the developer's shell exports.
        ::unsetenv("OPENAI_API_KEY");
        ::unsetenv("CHAT_API_KEY");
        ServerTest::SetUp();
    }

    static bool confirmed(const json& answer) {
        for (const auto& event : answer["events"]) {
            if (event["type"] == "function_result" && event["function_name"] == "confirm_booking" &&
                event["result"].value("ok", false)) {
                return true;
            }
        }
        return false;
    }
};

TEST_F(ChatTest, MultiTurnConversationBooksAndLeavesATranscript) {
    auto http = client();
    const std::vector<std::string> script{
        "I'd like to book a court tomorrow at 7 pm for 1 hour",
        "my name is Asha Rao and my phone is 98450 12345",
        "1 court",
        "yes",
        "yes please, confirm",
    };
    std::string session_id;
    bool booked = false;
    int turns = 0;
    for (const auto& message : script) {
        json body{{"facility_id", kFacility}, {"message", message}};
        if (!session_id.empty()) body["session_id"] = session_id;
        const auto response = http.post_json("/chat", body);
        ASSERT_EQ(response.status, 200) << response.body;
        const auto answer = response.json();
        ++turns;
        if (session_id.empty()) session_id = answer["session_id"];
        EXPECT_EQ(answer["session_id"], session_id);
        EXPECT_EQ(answer["engine"], "builtin");
        EXPECT_FALSE(answer["reply"].get<std::string>().empty()) << answer;
        if (confirmed(answer)) {
            booked = true;
            break;
        }
    }
    ASSERT_TRUE(booked) << "the conversation never confirmed a booking";

    const auto bookings = http.get("/owner/bookings?facility_id=pickle_x_mysore", owner_auth());
    ASSERT_EQ(bookings.status, 200);
    ASSERT_EQ(bookings.json()["count"], 1) << bookings.body;
    EXPECT_EQ(bookings.json()["bookings"][0]["source"], "chat");

    const auto conversation = http.get("/owner/conversations/" + session_id, owner_auth());
    ASSERT_EQ(conversation.status, 200) << conversation.body;
    const auto record = conversation.json();
    EXPECT_EQ(record["channel"], "chat");
    EXPECT_EQ(record["facility_id"], kFacility);
    const auto& transcript = record["transcript"];
    ASSERT_GE(transcript.size(), static_cast<std::size_t>(2 * turns));
    EXPECT_EQ(transcript[0]["speaker"], "user");
    EXPECT_EQ(transcript[0]["text"], script[0]);
    bool logged_confirm = false;
    for (const auto& entry : transcript) {
        if (entry.value("tool_name", "") == "confirm_booking" &&
            entry["result"].value("ok", false)) {
            logged_confirm = true;
        }
    }
    EXPECT_TRUE(logged_confirm) << transcript.dump(2);

    const auto listed =
        http.get("/owner/conversations?facility_id=pickle_x_mysore&channel=chat", owner_auth());
    ASSERT_EQ(listed.status, 200) << listed.body;
    ASSERT_EQ(listed.json()["count"], 1);
    EXPECT_EQ(listed.json()["conversations"][0]["conversation_id"], session_id);
}

TEST_F(ChatTest, BadRequestsGetJsonErrors) {
    auto http = client();
    auto code = [](const HttpResult& result) { return result.json()["error"]["code"]; };

    const auto no_message = http.post_json("/chat", {{"facility_id", kFacility}});
    EXPECT_EQ(no_message.status, 400);
    EXPECT_EQ(code(no_message), "MISSING_FIELD");

    const auto not_json =
        http.request("POST", "/chat", "{nope", {{"Content-Type", "application/json"}});
    EXPECT_EQ(not_json.status, 400);
    EXPECT_EQ(code(not_json), "INVALID_JSON");

    const auto unknown_facility =
        http.post_json("/chat", {{"facility_id", "atlantis"}, {"message", "hi"}});
    EXPECT_EQ(unknown_facility.status, 404);
    EXPECT_EQ(code(unknown_facility), "FACILITY_NOT_FOUND");

    const auto unknown_session = http.post_json(
        "/chat", {{"facility_id", kFacility}, {"session_id", "chat_gone"}, {"message", "hi"}});
    EXPECT_EQ(unknown_session.status, 404);
    EXPECT_EQ(code(unknown_session), "SESSION_NOT_FOUND");

    const auto bad_customer = http.post_json(
        "/chat", {{"facility_id", kFacility}, {"message", "hi"}, {"customer", "Asha"}});
    EXPECT_EQ(bad_customer.status, 400);
}

TEST_F(ChatTest, ConversationsNeedTheOwnerKey) {
    auto http = client();
    EXPECT_EQ(http.get("/owner/conversations").status, 401);
    EXPECT_EQ(http.get("/owner/conversations/chat_x").status, 401);
    EXPECT_EQ(http.get("/owner/conversations/chat_x", owner_auth()).status, 404);
    EXPECT_EQ(http.get("/owner/conversations?channel=fax", owner_auth()).status, 400);
    EXPECT_EQ(http.get("/owner/conversations", owner_auth()).status, 200);
}

TEST(ChatAuth, ChatApiKeyIsRequiredWhenConfigured) {
    ::unsetenv("OPENAI_API_KEY");
    TempDir dir;
    ServerProcess server{frontdesk_binary(),
                         {{"FRONTDESK_DB", (dir.path() / "frontdesk.db").string()},
                          {"FRONTDESK_FACILITIES", FRONTDESK_FACILITIES_DIR},
                          {"FRONTDESK_ASSETS", FRONTDESK_SOURCE_DIR "/assets"},
                          {"CHAT_API_KEY", "chat-secret"},
                          {"LOG_LEVEL", "info"}}};
    HttpClient http{"127.0.0.1", server.port()};
    const json body{{"facility_id", kFacility}, {"message", "hi"}};
    const auto missing = http.post_json("/chat", body);
    EXPECT_EQ(missing.status, 401);
    EXPECT_EQ(missing.json()["error"]["code"], "API_KEY_REQUIRED");
    EXPECT_EQ(http.post_json("/chat", body, {{"X-API-Key", "wrong"}}).status, 401);
    const auto allowed = http.post_json("/chat", body, {{"X-API-Key", "chat-secret"}});
    EXPECT_EQ(allowed.status, 200) << allowed.body;
}

}  // namespace
}  // namespace frontdesk::test
