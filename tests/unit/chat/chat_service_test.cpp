// ChatService with scripted agents (no network): sessions, transcripts in the conversation log,
// idle expiry (injected clock), fallback from a failing hosted model, serialised turns.
#include "chat/chat_service.hpp"

#include <atomic>
#include <map>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "chat/agent_events.hpp"
#include "chat/chat_config.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::chat {
namespace {

using booking::ConversationSpeaker;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kFacility = "pickle_x_mysore";

/// Echoes the message; "tool" makes it call get_facility_info first (through the registry).
class EchoAgent final : public TextAgent {
public:
    EchoAgent(const tools::ToolRegistry& tools, tools::ToolContext context)
        : tools_(tools), context_(std::move(context)) {}
    AgentReply respond(std::string_view message) override {
        AgentReply reply;
        reply.engine = "builtin";
        if (message == "tool") {
            const auto result = tools_.call("get_facility_info", json::object(), context_);
            reply.events.push_back(function_call_event("get_facility_info", json::object()));
            reply.events.push_back(function_result_event("get_facility_info", result.output));
        }
        reply.events.push_back(message_event("echo: " + std::string{message}));
        return reply;
    }

private:
    const tools::ToolRegistry& tools_;
    tools::ToolContext context_;
};

/// A hosted model that fails every turn after one tool call, and remembers what it was told.
class FailingRemote final : public RemoteTextAgent {
public:
    explicit FailingRemote(std::vector<std::string>& told) : told_(told) {}
    AgentReply respond(std::string_view) override {
        std::vector<AgentEvent> partial{
            function_call_event("check_availability", json::object()),
            function_result_event("check_availability", {{"ok", true}})};
        throw EngineFailure("OPENAI_UNAVAILABLE", "HTTP 500", std::move(partial));
    }
    void record_answered_elsewhere(const AgentReply& reply) override {
        told_.push_back(reply.events.back().text);
    }

private:
    std::vector<std::string>& told_;
};

class ChatServiceTest : public ::testing::Test {
protected:
    ChatEngines echo_engines() {
        return {.builtin = [this](const tools::ToolContext& context, const booking::Facility&) {
            ++builtins_made_;
            return std::make_unique<EchoAgent>(tools_, context);
        }};
    }
    std::unique_ptr<ChatService> make_service(ChatEngines engines, ChatSettings settings = {}) {
        return std::make_unique<ChatService>(facilities_, tools_, store_, clock_,
                                             std::move(engines), std::move(settings));
    }
    booking::ConversationTranscript transcript(const std::string& id) {
        auto found = store_.find_conversation(id);
        EXPECT_TRUE(found) << id;
        return found.value_or(booking::ConversationTranscript{});
    }

    booking::FacilityDirectory facilities_ = booking::load_facilities(FRONTDESK_FACILITIES_DIR);
    booking::SqliteStore store_{":memory:"};
    ManualClock clock_{*parse_rfc3339("2026-11-21T04:30:00Z")};
    booking::BookingService bookings_{facilities_, store_, clock_};
    tools::ToolRegistry tools_{bookings_};
    std::atomic<int> builtins_made_{0};
};

TEST_F(ChatServiceTest, NewSessionThenContinuedTurnsAreLoggedInOrder) {
    auto service = make_service(echo_engines());
    const auto first = service->chat({.facility_id = kFacility,
                                      .message = "hello",
                                      .customer = {.name = "Asha", .phone = "+919800000001"}});
    EXPECT_EQ(first.session_id.rfind("chat_", 0), 0U) << first.session_id;
    EXPECT_EQ(first.reply.engine, "builtin");
    ASSERT_EQ(first.reply.events.size(), 1U);
    EXPECT_EQ(first.reply.events[0].text, "echo: hello");

    const auto second = service->chat(
        {.facility_id = kFacility, .session_id = first.session_id, .message = "tool"});
    EXPECT_EQ(second.session_id, first.session_id);
    EXPECT_EQ(builtins_made_, 1);

    const auto log = transcript(first.session_id);
    EXPECT_EQ(log.conversation.channel, booking::ConversationChannel::kChat);
    EXPECT_EQ(log.conversation.facility_id, kFacility);
    EXPECT_EQ(log.conversation.caller, "+919800000001");
    ASSERT_EQ(log.entries.size(), 5U);
    EXPECT_EQ(log.entries[0].speaker, ConversationSpeaker::kUser);
    EXPECT_EQ(log.entries[1].text, "echo: hello");
    EXPECT_EQ(log.entries[2].text, "tool");
    EXPECT_EQ(log.entries[3].speaker, ConversationSpeaker::kTool);
    EXPECT_EQ(log.entries[3].tool_name, "get_facility_info");
    EXPECT_EQ(log.entries[3].tool_arguments, "{}");
    EXPECT_TRUE(json::parse(log.entries[3].tool_result)["ok"].get<bool>());
    EXPECT_EQ(log.entries[4].speaker, ConversationSpeaker::kAgent);
}

TEST_F(ChatServiceTest, BadRequestsAreTypedErrors) {
    auto service = make_service(echo_engines(), {.max_message_bytes = 10});
    auto code_of = [&](const ChatRequest& request) -> std::string {
        try {
            (void)service->chat(request);
        } catch (const Error& e) {
            return e.code();
        }
        return "none";
    };
    EXPECT_EQ(code_of({.facility_id = kFacility, .message = "  "}), "MISSING_FIELD");
    EXPECT_EQ(code_of({.message = "hi"}), "MISSING_FIELD");
    EXPECT_EQ(code_of({.facility_id = kFacility, .message = "far too long"}), "MESSAGE_TOO_LONG");
    EXPECT_EQ(code_of({.facility_id = "nowhere", .message = "hi"}), "FACILITY_NOT_FOUND");
    EXPECT_EQ(code_of({.facility_id = kFacility, .session_id = "chat_nope", .message = "hi"}),
              "SESSION_NOT_FOUND");
    const auto id = service->chat({.facility_id = kFacility, .message = "hi"}).session_id;
    const auto& other = facilities_.all().front().id;
    ASSERT_NE(other, kFacility);
    EXPECT_EQ(code_of({.facility_id = other, .session_id = id, .message = "hi"}),
              "SESSION_FACILITY_MISMATCH");
}

TEST_F(ChatServiceTest, IdleSessionsAreSweptAndFinishedInTheLog) {
    auto service = make_service(echo_engines(), {.idle_timeout = 30min});
    const auto id = service->chat({.facility_id = kFacility, .message = "hi"}).session_id;
    clock_.advance(29min);
    EXPECT_EQ(service->expire_idle(), 0U);
    (void)service->respond(id, "still here");
    clock_.advance(30min);
    EXPECT_EQ(service->expire_idle(), 1U);
    EXPECT_EQ(service->session_count(), 0U);
    EXPECT_THROW((void)service->respond(id, "hello?"), NotFound);

    const auto log = transcript(id);
    EXPECT_EQ(log.conversation.end_reason, "idle_timeout");
    EXPECT_EQ(log.conversation.ended_at, clock_.now());
    const auto metrics = json::parse(log.conversation.metrics_json);
    EXPECT_EQ(metrics["turns"], 2);
    EXPECT_EQ(metrics["engine"], "builtin");
}

TEST_F(ChatServiceTest, AnIdleSessionExpiresLazilyOnItsNextUse) {
    auto service = make_service(echo_engines(), {.idle_timeout = 1min});
    const auto id = service->chat({.facility_id = kFacility, .message = "hi"}).session_id;
    clock_.advance(2min);
    try {
        (void)service->chat({.facility_id = kFacility, .session_id = id, .message = "again"});
        FAIL() << "an expired session answered";
    } catch (const NotFound& e) {
        EXPECT_EQ(e.code(), "SESSION_NOT_FOUND");
        EXPECT_NE(std::string{e.what()}.find("without a session_id"), std::string::npos);
    }
    EXPECT_EQ(transcript(id).conversation.end_reason, "idle_timeout");
}

TEST_F(ChatServiceTest, FailingHostedModelFallsBackToTheBuiltinAgentForTheTurn) {
    std::vector<std::string> told;
    auto engines = echo_engines();
    engines.remote = [&told](const tools::ToolContext&, const booking::Facility&,
                             const ChatCustomer&) { return std::make_unique<FailingRemote>(told); };
    auto service = make_service(std::move(engines));
    const auto turn = service->chat({.facility_id = kFacility, .message = "book"});
    EXPECT_EQ(turn.reply.engine, "builtin");
    ASSERT_EQ(turn.reply.events.size(), 3U);  // the model's tool call, its result, the answer
    EXPECT_EQ(turn.reply.events[0].function_name, "check_availability");
    EXPECT_EQ(turn.reply.events[2].text, "echo: book");
    EXPECT_EQ(told, std::vector<std::string>{"echo: book"});
    EXPECT_EQ(builtins_made_, 1);  // built on first need only

    EXPECT_TRUE(service->close_session(turn.session_id, "client_closed"));
    EXPECT_FALSE(service->close_session(turn.session_id, "client_closed"));
    const auto log = transcript(turn.session_id);
    EXPECT_EQ(log.conversation.end_reason, "client_closed");
    const auto metrics = json::parse(log.conversation.metrics_json);
    EXPECT_EQ(metrics["fallback_turns"], 1);
    EXPECT_EQ(metrics["engine"], "openai");
    ASSERT_EQ(log.entries.size(), 3U);
    EXPECT_EQ(log.entries[1].tool_name, "check_availability");
}

TEST_F(ChatServiceTest, RunToolUsesTheSessionsFacilityAndLogsTheCall) {
    auto service = make_service(echo_engines());
    const auto id =
        service->open_session(kFacility, booking::ConversationChannel::kDebug, {.phone = "+91980"});
    const auto info = service->run_tool(id, "get_facility_info", json::object());
    EXPECT_TRUE(info.ok()) << info.output;
    EXPECT_EQ(service->run_tool(id, "end_call", json::object()).output["error"]["code"],
              "UNKNOWN_TOOL");
    const auto log = transcript(id);
    EXPECT_EQ(log.conversation.channel, booking::ConversationChannel::kDebug);
    ASSERT_EQ(log.entries.size(), 2U);
    EXPECT_EQ(log.entries[0].tool_name, "get_facility_info");
}

TEST_F(ChatServiceTest, TurnsOfOneSessionAreSerialised) {
    auto service = make_service(echo_engines());
    const auto id = service->chat({.facility_id = kFacility, .message = "start"}).session_id;
    constexpr int kThreads = 4;
    constexpr int kTurns = 10;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&service, &id, t] {
            for (int i = 0; i < kTurns; ++i) {
                (void)service->respond(id, "m" + std::to_string(t) + "-" + std::to_string(i));
            }
        });
    }
    for (auto& thread : threads) thread.join();
    const auto log = transcript(id);
    ASSERT_EQ(log.entries.size(), 2U * (kThreads * kTurns + 1));
    // Each user message is immediately followed by its own answer: no turn interleaved.
    for (std::size_t i = 0; i + 1 < log.entries.size(); i += 2) {
        EXPECT_EQ(log.entries[i + 1].text, "echo: " + log.entries[i].text);
    }
}

TEST_F(ChatServiceTest, TooManySessionsIsBusyUnlessIdleOnesCanGo) {
    auto service = make_service(echo_engines(), {.idle_timeout = 1min, .max_sessions = 2});
    (void)service->chat({.facility_id = kFacility, .message = "a"});
    (void)service->chat({.facility_id = kFacility, .message = "b"});
    EXPECT_THROW((void)service->chat({.facility_id = kFacility, .message = "c"}), Unavailable);
    clock_.advance(2min);
    EXPECT_NO_THROW((void)service->chat({.facility_id = kFacility, .message = "c"}));
    EXPECT_EQ(service->session_count(), 1U);
}

TEST(ChatConfig, ReadsTheEnvironment) {
    std::map<std::string, std::string> vars;
    const EnvLookup env = [&vars](const std::string& name) -> std::optional<std::string> {
        const auto found = vars.find(name);
        return found == vars.end() ? std::nullopt : std::optional<std::string>{found->second};
    };
    auto config = chat_config_from_env(env);
    EXPECT_FALSE(config.openai);  // no key: the built-in agent only
    EXPECT_EQ(config.settings.idle_timeout, 30min);
    EXPECT_TRUE(config.settings.api_key.empty());

    vars = {{"OPENAI_API_KEY", "sk-x"},
            {"OPENAI_BASE_URL", "http://127.0.0.1:9/v1/"},
            {"CHAT_API_KEY", "k"},
            {"CHAT_SESSION_IDLE_MINUTES", "5"}};
    config = chat_config_from_env(env);
    ASSERT_TRUE(config.openai);
    EXPECT_EQ(config.openai->base_url, "http://127.0.0.1:9/v1");
    EXPECT_EQ(config.openai->model, "gpt-4o-mini");
    EXPECT_EQ(config.openai->api_key.reveal(), "sk-x");
    EXPECT_EQ(config.settings.idle_timeout, 5min);
    EXPECT_TRUE(config.settings.api_key.matches("k"));

    vars["CHAT_SESSION_IDLE_MINUTES"] = "0";
    EXPECT_THROW((void)chat_config_from_env(env), ConfigError);
}

}  // namespace
}  // namespace frontdesk::chat
