#include "integration/fake_model_script.hpp"

namespace frontdesk::test {

using nlohmann::json;

std::optional<json> read_until(FakeWsConnection& connection, std::string_view type) {
    while (auto text = connection.read_text(kModelDeadline)) {
        auto event = json::parse(*text, nullptr, false);
        if (event.is_object() && event.value("type", "") == type) return event;
    }
    return std::nullopt;
}

std::optional<std::string> accept_session(FakeWsConnection& connection) {
    auto update = read_until(connection, "session.update");
    if (!update) return std::nullopt;
    const auto format = (*update)["session"]["audio"]["input"]["format"];
    connection.send_text(
        json{{"type", "session.updated"},
             {"session",
              {{"type", "realtime"},
               {"audio", {{"input", {{"format", format}}}, {"output", {{"format", format}}}}}}}}
            .dump());
    return format.value("type", "");
}

std::optional<json> tool_output(FakeWsConnection& connection, const std::string& call_id) {
    while (auto event = read_until(connection, "conversation.item.create")) {
        const auto& item = (*event)["item"];
        if (item.value("type", "") == "function_call_output" &&
            item.value("call_id", "") == call_id) {
            return json::parse(item.value("output", "{}"), nullptr, false);
        }
    }
    return std::nullopt;
}

void call_tool(FakeWsConnection& connection, const std::string& name, const json& arguments,
               const std::string& call_id) {
    const std::string response_id = "resp_" + call_id;
    connection.send_text(json{
        {"type", "response.function_call_arguments.done"},
        {"response_id", response_id},
        {"item_id", "fc_" + call_id},
        {"call_id", call_id},
        {"name", name},
        {"arguments",
         arguments.dump()}}.dump());
    connection.send_text(json{{"type", "response.done"},
                              {"response", {{"id", response_id}, {"status", "completed"}}}}
                             .dump());
}

void say(FakeWsConnection& connection, const std::string& response_id,
         const std::string& base64_audio) {
    connection.send_text(json{{"type", "response.output_audio.delta"},
                              {"response_id", response_id},
                              {"item_id", "item_" + response_id},
                              {"delta", base64_audio}}
                             .dump());
    connection.send_text(json{{"type", "response.done"},
                              {"response", {{"id", response_id}, {"status", "completed"}}}}
                             .dump());
}

}  // namespace frontdesk::test
