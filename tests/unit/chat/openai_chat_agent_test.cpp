// OpenAiChatAgent through the real curl client against a fake Chat Completions server over TLS
// (the test CA via SSL_CERT_FILE), on the real booking service with an in-memory store.
// "Now" is pinned: Saturday 2026-11-21 10:00 in Mysore.
#include "chat/openai_chat_agent.hpp"

#include <functional>
#include <memory>

#include <gtest/gtest.h>

#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "chat/agent_events.hpp"
#include "chat/chat_service.hpp"
#include "core/time_zone.hpp"
#include "net/https_client.hpp"
#include "support/fake_https_server.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::chat {
namespace {

using nlohmann::json;
using test::FakeHttpRequest;
using test::FakeHttpResponse;
using test::FakeHttpsServer;
using namespace std::chrono_literals;

const net::CurlGlobal kCurlGlobal;

json tool_call_answer(const std::string& id, const std::string& name, const json& arguments) {
    return {{"id", "chatcmpl-1"},
            {"object", "chat.completion"},
            {"choices",
             {{{"index", 0},
               {"finish_reason", "tool_calls"},
               {"message",
                {{"role", "assistant"},
                 {"content", nullptr},
                 {"refusal", nullptr},
                 {"tool_calls",
                  {{{"id", id},
                    {"type", "function"},
                    {"function", {{"name", name}, {"arguments", arguments.dump()}}}}}}}}}}}};
}

json text_answer(const std::string& text) {
    return {{"choices",
             {{{"index", 0},
               {"finish_reason", "stop"},
               {"message", {{"role", "assistant"}, {"content", text}}}}}}};
}

FakeHttpResponse ok(const json& body) { return FakeHttpResponse::json(200, body.dump()); }

/// The last "tool" message of a request, parsed.
json last_tool_output(const FakeHttpRequest& request) {
    const auto messages = json::parse(request.body)["messages"];
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        if ((*it)["role"] == "tool") return json::parse((*it)["content"].get<std::string>());
    }
    return nullptr;
}

class OpenAiChatAgentTest : public ::testing::Test {
protected:
    std::unique_ptr<OpenAiChatAgent> agent_for(const FakeHttpsServer& fake) {
        settings_.base_url = fake.url() + "/v1";
        return std::make_unique<OpenAiChatAgent>(settings_, *http_, tools_, context_,
                                                 "You are a test assistant.");
    }
    static std::string code_of_failure(OpenAiChatAgent& agent, std::string_view message) {
        try {
            (void)agent.respond(message);
        } catch (const EngineFailure& e) {
            return e.code();
        }
        return "none";
    }

    test::ScopedSslCertFile trust_test_ca_{test::test_certificates().ca_cert};
    std::unique_ptr<net::HttpsClient> http_ = net::make_curl_https_client();
    booking::FacilityDirectory facilities_ = booking::load_facilities(FRONTDESK_FACILITIES_DIR);
    booking::SqliteStore store_{":memory:"};
    ManualClock clock_{*parse_rfc3339("2026-11-21T04:30:00Z")};
    booking::BookingService bookings_{facilities_, store_, clock_};
    tools::ToolRegistry tools_{bookings_};
    tools::ToolContext context_{"pickle_x_mysore", "+919800000001", "chat"};
    OpenAiChatSettings settings_{.api_key = Secret{"sk-test"},
                                 .model = "gpt-test",
                                 .connect_timeout = 2s,
                                 .request_timeout = 5s};
};

TEST_F(OpenAiChatAgentTest, RunsAToolCallRoundThenReturnsTheAnswer) {
    FakeHttpsServer fake([](const FakeHttpRequest& request) {
        if (last_tool_output(request).is_null()) {
            return ok(tool_call_answer("call_1", "check_availability",
                                       {{"date", "2026-11-22"}, {"start_time", "18:00"}}));
        }
        return ok(text_answer("All 4 courts are free at 6 pm tomorrow."));
    });
    auto agent = agent_for(fake);
    const auto reply = agent->respond("any court tomorrow at 6pm?");

    EXPECT_EQ(reply.engine, "openai");
    ASSERT_EQ(reply.events.size(), 3U);
    EXPECT_EQ(reply.events[0].kind, AgentEvent::Kind::kFunctionCall);
    EXPECT_EQ(reply.events[0].arguments["start_time"], "18:00");
    EXPECT_EQ(reply.events[1].kind, AgentEvent::Kind::kFunctionResult);
    EXPECT_TRUE(reply.events[1].result["available"].get<bool>()) << reply.events[1].result;
    EXPECT_EQ(reply.events[2].text, "All 4 courts are free at 6 pm tomorrow.");

    const auto requests = fake.requests();
    ASSERT_EQ(requests.size(), 2U);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].path, "/v1/chat/completions");
    EXPECT_EQ(requests[0].header("authorization"), "Bearer sk-test");
    const auto first = json::parse(requests[0].body);
    EXPECT_EQ(first["model"], "gpt-test");
    EXPECT_EQ(first["messages"][0]["role"], "system");
    EXPECT_EQ(first["messages"][1]["content"], "any court tomorrow at 6pm?");
    std::set<std::string> tool_names;
    for (const auto& tool : first["tools"]) tool_names.insert(tool["function"]["name"]);
    EXPECT_TRUE(tool_names.contains("create_quote"));
    EXPECT_FALSE(tool_names.contains("end_call"));  // voice only
    // Follow-up: the assistant message with its tool_calls, then the tool's answer to it.
    const auto second = json::parse(requests[1].body)["messages"];
    ASSERT_EQ(second.size(), 4U);
    EXPECT_EQ(second[2]["tool_calls"][0]["id"], "call_1");
    EXPECT_FALSE(second[2].contains("refusal"));
    EXPECT_EQ(second[3]["role"], "tool");
    EXPECT_EQ(second[3]["tool_call_id"], "call_1");
    EXPECT_EQ(agent->messages().size(), 5U);  // + the final answer, kept for the next turn
}

TEST_F(OpenAiChatAgentTest, BooksThroughQuoteAndConfirmToolCalls) {
    FakeHttpsServer fake([](const FakeHttpRequest& request) {
        const auto last = last_tool_output(request);
        if (last.is_null()) {
            return ok(tool_call_answer(
                "call_q", "create_quote",
                {{"date", "2026-11-22"}, {"start_time", "18:00"}, {"customer_name", "Asha"}}));
        }
        if (last.contains("quote_id") && !last.contains("booking_id")) {
            return ok(
                tool_call_answer("call_c", "confirm_booking", {{"quote_id", last["quote_id"]}}));
        }
        return ok(text_answer("Booked: " + last.value("booking_id", std::string{"?"})));
    });
    auto agent = agent_for(fake);
    const auto reply = agent->respond("yes, book it");
    ASSERT_EQ(reply.events.size(), 5U);
    const auto& confirmed = reply.events[3].result;
    ASSERT_TRUE(confirmed["ok"].get<bool>()) << confirmed;
    EXPECT_EQ(reply.events.back().text, "Booked: " + confirmed["booking_id"].get<std::string>());
    const auto stored = store_.find_booking(confirmed["booking_id"].get<std::string>());
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->source, "chat");
    EXPECT_EQ(stored->customer.phone, "+919800000001");
}

TEST_F(OpenAiChatAgentTest, FailuresThrowEngineFailureAndKeepTheHistoryWhole) {
    int status = 500;
    FakeHttpsServer fake([&status](const FakeHttpRequest&) {
        return FakeHttpResponse::json(status, R"({"error":{"type":"server_error"}})");
    });
    auto agent = agent_for(fake);
    EXPECT_EQ(code_of_failure(*agent, "hello"), "OPENAI_UNAVAILABLE");
    status = 429;
    EXPECT_EQ(code_of_failure(*agent, "hello again"), "OPENAI_RATE_LIMITED");
    status = 200;  // but not a completion
    EXPECT_EQ(code_of_failure(*agent, "and again"), "OPENAI_BAD_RESPONSE");
    // Each failed turn kept its user message; the fallback's answer is recorded after it.
    AgentReply fallback;
    fallback.events.push_back(message_event("Sorry, say that again?"));
    agent->record_answered_elsewhere(fallback);
    const auto& messages = agent->messages();
    ASSERT_EQ(messages.size(), 5U);
    EXPECT_EQ(messages[3]["content"], "and again");
    EXPECT_EQ(messages[4]["role"], "assistant");
    EXPECT_EQ(messages[4]["content"], "Sorry, say that again?");
}

TEST_F(OpenAiChatAgentTest, ATimeoutIsAFailure) {
    FakeHttpsServer fake([](const FakeHttpRequest&) {
        auto response = ok(text_answer("too late"));
        response.delay = 3s;
        return response;
    });
    settings_.request_timeout = 300ms;
    auto agent = agent_for(fake);
    EXPECT_EQ(code_of_failure(*agent, "hello"), "OPENAI_UNAVAILABLE");
}

TEST_F(OpenAiChatAgentTest, BadArgumentsAndVoiceToolsAreAnsweredWithErrors) {
    FakeHttpsServer fake([](const FakeHttpRequest& request) {
        const auto messages = json::parse(request.body)["messages"];
        const auto tools_answered = std::count_if(
            messages.begin(), messages.end(), [](const json& m) { return m["role"] == "tool"; });
        if (tools_answered == 0) {
            auto answer = tool_call_answer("call_bad", "check_availability", json::object());
            answer["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = "{not json";
            return ok(answer);
        }
        if (tools_answered == 1)
            return ok(tool_call_answer("call_end", "end_call", json::object()));
        return ok(text_answer("done"));
    });
    auto agent = agent_for(fake);
    const auto reply = agent->respond("hi");
    ASSERT_EQ(reply.events.size(), 5U);
    EXPECT_EQ(reply.events[1].result["error"]["code"], "INVALID_ARGUMENTS");
    EXPECT_EQ(reply.events[3].result["error"]["code"], "UNKNOWN_TOOL");
}

TEST_F(OpenAiChatAgentTest, AModelThatNeverAnswersIsCutOffWithItsToolCallsKept) {
    FakeHttpsServer fake([](const FakeHttpRequest&) {
        return ok(tool_call_answer("call_x", "get_facility_info", json::object()));
    });
    settings_.max_rounds = 3;
    auto agent = agent_for(fake);
    try {
        (void)agent->respond("hi");
        FAIL() << "no failure";
    } catch (const EngineFailure& e) {
        EXPECT_EQ(e.code(), "OPENAI_TOO_MANY_ROUNDS");
        EXPECT_EQ(e.partial_events().size(), 6U);
    }
    EXPECT_EQ(fake.request_count(), 3U);
}

/// A fixed built-in stand-in: this file tests the fallback wiring, not the built-in agent.
class CannedAgent final : public TextAgent {
public:
    AgentReply respond(std::string_view) override {
        AgentReply reply;
        reply.events.push_back(message_event("The built-in agent here."));
        return reply;
    }
};

TEST_F(OpenAiChatAgentTest, ChatServiceFallsBackToTheBuiltinAgentOnA500) {
    int status = 500;
    FakeHttpsServer fake([&status](const FakeHttpRequest&) {
        return status == 200 ? ok(text_answer("Hello from the model."))
                             : FakeHttpResponse::json(status, R"({"error":{}})");
    });
    settings_.base_url = fake.url() + "/v1";
    ChatEngines engines{
        .builtin = [](const tools::ToolContext&,
                      const booking::Facility&) { return std::make_unique<CannedAgent>(); },
        .remote =
            [this](const tools::ToolContext& context, const booking::Facility& facility,
                   const ChatCustomer& customer) {
                return std::make_unique<OpenAiChatAgent>(
                    settings_, *http_, tools_, context,
                    chat_system_prompt(facility, clock_, customer));
            }};
    ChatService service{facilities_, tools_, store_, clock_, std::move(engines), {}};
    const auto first = service.chat({.facility_id = "pickle_x_mysore", .message = "hi"});
    EXPECT_EQ(first.reply.engine, "builtin");
    EXPECT_EQ(first.reply.events.back().text, "The built-in agent here.");

    status = 200;
    const auto second = service.chat(
        {.facility_id = "pickle_x_mysore", .session_id = first.session_id, .message = "hi?"});
    EXPECT_EQ(second.reply.engine, "openai");
    EXPECT_EQ(second.reply.events.back().text, "Hello from the model.");
    // The model saw the fallback's answer to the first turn.
    const auto messages = json::parse(fake.requests().back().body)["messages"];
    ASSERT_EQ(messages.size(), 4U);
    EXPECT_EQ(messages[2]["content"], "The built-in agent here.");
    EXPECT_NE(messages[0]["content"].get<std::string>().find("Today is"), std::string::npos);
}

}  // namespace
}  // namespace frontdesk::chat
