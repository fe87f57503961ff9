#pragma once
// The CallSession test fixture: a session on a fake CallLeg and fake model connections, with
// helpers that play the model's side (go live, call a tool, read the tool's output).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "realtime/call_session.hpp"
#include "realtime_test_support.hpp"

namespace frontdesk::realtime::test {

inline constexpr std::size_t kUlaw100ms = 800;

class CallSessionTest : public AsyncTest {
protected:
    void TearDown() override {
        if (session_) session_->end(telephony::LegEnd::kShutdown, "test over");
        run_ready();
    }

    CallSessionSettings& settings() { return fx_.services->settings; }
    FakeModel& model(std::size_t index = 0) { return *fx_.models.at(index); }

    void start_call(telephony::CallStart start = twilio_start()) {
        session_ = CallSession::start(leg_, *fx_.services);
        leg_->start_call(std::move(start));
        ASSERT_TRUE(run_until(
            [&] { return !fx_.models.empty() && !model().sent("session.update").empty(); },
            "session.update"));
    }

    void go_live(media::AudioFormat format = media::kTwilioFormat) {
        model().emit(session_updated(format));
        ASSERT_EQ(model().sent("response.create").size(), 1U);
    }

    void send_delta(std::string_view item, std::size_t bytes, std::uint8_t value = 0x55) {
        const std::vector<std::uint8_t> audio(bytes, value);
        model().emit(audio_delta(item, audio));
    }

    /// The model asks for a tool in response `response_id`, then completes that response.
    void call_tool(const std::string& name, const json& arguments, const std::string& call_id,
                   const std::string& response_id) {
        model().emit({{"type", "response.function_call_arguments.done"},
                      {"response_id", response_id},
                      {"item_id", "fc_" + call_id},
                      {"call_id", call_id},
                      {"name", name},
                      {"arguments", arguments.dump()}});
        model().emit({{"type", "response.done"},
                      {"response", {{"id", response_id}, {"status", "completed"}}}});
    }

    /// Waits for the function_call_output of `call_id` and returns its parsed output.
    json tool_output(const std::string& call_id) {
        json found;
        run_until(
            [&] {
                for (const auto& event : model().sent("conversation.item.create")) {
                    if (event["item"].value("call_id", "") == call_id) {
                        found = json::parse(event["item"]["output"].get<std::string>());
                        return true;
                    }
                }
                return false;
            },
            "function_call_output of " + call_id);
        return found;
    }

    ServicesFixture fx_;
    std::shared_ptr<FakeLeg> leg_ = std::make_shared<FakeLeg>(strand_);
    std::shared_ptr<CallSession> session_;
};

}  // namespace frontdesk::realtime::test
