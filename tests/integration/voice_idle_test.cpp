// A silent caller through the binary: with FRONTDESK_IDLE_PROMPT_SECONDS set, the model is asked
// to check on the caller once the greeting has played and that long has passed in silence.
#include <chrono>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "integration/fake_model_script.hpp"
#include "integration/integration_fixture.hpp"
#include "support/fake_twilio_caller.hpp"
#include "support/fake_wss_server.hpp"

namespace frontdesk::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kIdlePromptSeconds = 5;  // the smallest the server accepts

struct IdleLog {
    std::optional<Clock::duration> greeting_to_prompt;
    std::string prompt_instructions;
};

void silent_caller_script(FakeWsConnection& connection, ScriptSignals& signals, IdleLog& log) {
    if (!accept_session(connection) || !read_until(connection, "response.create")) return;
    say(connection, "resp_greet");
    const auto greeted = Clock::now();
    const auto prompt = read_until(connection, "response.create");
    if (!prompt) return;
    log.greeting_to_prompt = Clock::now() - greeted;
    log.prompt_instructions = prompt->value("/response/instructions"_json_pointer, "");
    signals.raise("prompted");
    read_until_closed(connection);
}

class VoiceIdleTest : public ModelServerTest {};

TEST_F(VoiceIdleTest, ASilentCallerIsPromptedAfterTheConfiguredTime) {
    ScriptSignals signals;
    IdleLog log;
    FakeWssServer openai(
        [&](FakeWsConnection& connection) { silent_caller_script(connection, signals, log); });
    start_server_with_model(openai.port(),
                            {{"FRONTDESK_IDLE_PROMPT_SECONDS", std::to_string(kIdlePromptSeconds)}});

    FakeCallerThread loop;
    FakeTwilioCall call;
    call.parameters = {{"facility_id", "pickle_x_mysore"}, {"caller", "+919800000004"}};
    FakeTwilioCaller caller{loop.executor(), server_->port(), call,
                            CallerScript{.media_frames = 0}};
    caller.start();

    ASSERT_TRUE(signals.wait("prompted")) << server_->log();
    ASSERT_TRUE(log.greeting_to_prompt.has_value());
    const auto waited = std::chrono::duration<double>(*log.greeting_to_prompt).count();
    EXPECT_GE(waited, kIdlePromptSeconds - 0.5) << "prompted before the configured silence";
    EXPECT_LT(waited, kIdlePromptSeconds + 3.0) << "the default (15 s) would not come this soon";
    EXPECT_NE(log.prompt_instructions.find("silent"), std::string::npos)
        << log.prompt_instructions;
    caller.send_stop();
}

}  // namespace
}  // namespace frontdesk::test
