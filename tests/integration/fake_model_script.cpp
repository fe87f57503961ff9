#include "integration/fake_model_script.hpp"

#include <thread>

#include <boost/beast/core/detail/base64.hpp>

namespace frontdesk::test {

using nlohmann::json;

namespace {

namespace base64 = boost::beast::detail::base64;

std::string encode_base64(std::span<const std::uint8_t> bytes) {
    std::string out(base64::encoded_size(bytes.size()), '\0');
    out.resize(base64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

}  // namespace

std::optional<json> read_until(FakeWsConnection& connection, std::string_view type) {
    while (auto text = connection.read_text(kModelDeadline)) {
        auto event = json::parse(*text, nullptr, false);
        if (event.is_object() && event.value("type", "") == type) return event;
    }
    return std::nullopt;
}

std::optional<json> read_until(FakeWsConnection& connection, std::string_view type,
                               const std::function<bool(const json&)>& match,
                               std::vector<json>* passed) {
    while (auto text = connection.read_text(kModelDeadline)) {
        auto event = json::parse(*text, nullptr, false);
        if (event.is_object() && event.value("type", "") == type && (!match || match(event))) {
            return event;
        }
        if (passed != nullptr) passed->push_back(std::move(event));
    }
    return std::nullopt;
}

std::vector<json> read_until_closed(FakeWsConnection& connection) {
    std::vector<json> events;
    while (auto text = connection.read_text(kModelDeadline)) {
        events.push_back(json::parse(*text, nullptr, false));
    }
    return events;
}

std::optional<std::string> accept_session(FakeWsConnection& connection) {
    const auto update = accept_session_update(connection);
    if (!update) return std::nullopt;
    return (*update)["session"]["audio"]["input"]["format"].value("type", "");
}

std::optional<json> accept_session_update(FakeWsConnection& connection) {
    auto update = read_until(connection, "session.update");
    if (!update) return std::nullopt;
    const auto format = (*update)["session"]["audio"]["input"]["format"];
    connection.send_text(
        json{{"type", "session.updated"},
             {"session",
              {{"type", "realtime"},
               {"audio", {{"input", {{"format", format}}}, {"output", {{"format", format}}}}}}}}
            .dump());
    return update;
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

std::optional<json> book_court(FakeWsConnection& connection, const std::string& date,
                               const std::string& customer_name) {
    call_tool(connection, "create_quote",
              {{"date", date}, {"start_time", "18:00"}, {"customer_name", customer_name}}, "q1");
    const auto quote = tool_output(connection, "q1");
    if (!quote) return std::nullopt;
    call_tool(connection, "confirm_booking", {{"quote_id", quote->value("quote_id", "")}}, "c1");
    return tool_output(connection, "c1");
}

bool end_call(FakeWsConnection& connection) {
    call_tool(connection, "end_call", {{"reason", "booked"}}, "e1");
    return tool_output(connection, "e1") && read_until(connection, "response.create");
}

void say(FakeWsConnection& connection, const std::string& response_id,
         const std::string& base64_audio) {
    connection.send_text(json{
        {"type", "response.output_audio.delta"},
        {"response_id", response_id},
        {"item_id", "item_" + response_id},
        {"delta",
         base64_audio}}.dump());
    connection.send_text(json{{"type", "response.done"},
                              {"response", {{"id", response_id}, {"status", "completed"}}}}
                             .dump());
}

void start_response(FakeWsConnection& connection, const std::string& response_id) {
    connection.send_text(json{{"type", "response.created"},
                              {"response", {{"id", response_id}, {"status", "in_progress"}}}}
                             .dump());
}

void send_audio_delta(FakeWsConnection& connection, const std::string& response_id,
                      const std::string& item_id, std::span<const std::uint8_t> audio) {
    connection.send_text(json{{"type", "response.output_audio.delta"},
                              {"response_id", response_id},
                              {"item_id", item_id},
                              {"output_index", 0},
                              {"content_index", 0},
                              {"delta", encode_base64(audio)}}
                             .dump());
}

void end_response(FakeWsConnection& connection, const std::string& response_id,
                  std::string_view status) {
    connection.send_text(
        json{{"type", "response.done"}, {"response", {{"id", response_id}, {"status", status}}}}
            .dump());
}

void speech_started(FakeWsConnection& connection, const std::string& item_id) {
    connection.send_text(json{
        {"type", "input_audio_buffer.speech_started"},
        {"audio_start_ms", 0},
        {"item_id", item_id}}.dump());
}

std::vector<std::uint8_t> decoded_audio(const json& event, const char* field) {
    const auto it = event.find(field);
    if (it == event.end() || !it->is_string()) return {};
    const auto& text = it->get_ref<const std::string&>();
    std::vector<std::uint8_t> out(base64::decoded_size(text.size()));
    // Decoding stops at the padding or at the first character that is not base64.
    const auto [written, read] = base64::decode(out.data(), text.data(), text.size());
    if (text.find_first_not_of('=', read) != std::string::npos) return {};
    out.resize(written);
    return out;
}

std::vector<std::uint8_t> pcm16_constant(std::size_t samples, std::int16_t value) {
    const auto bits = static_cast<std::uint16_t>(value);
    std::vector<std::uint8_t> out;
    out.reserve(samples * 2);
    for (std::size_t i = 0; i < samples; ++i) {
        out.push_back(static_cast<std::uint8_t>(bits & 0xFFU));
        out.push_back(static_cast<std::uint8_t>(bits >> 8U));
    }
    return out;
}

std::vector<std::int16_t> pcm16_samples(std::span<const std::uint8_t> bytes) {
    std::vector<std::int16_t> out;
    out.reserve(bytes.size() / 2);
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        const auto bits = static_cast<std::uint16_t>(bytes[i] | (bytes[i + 1] << 8U));
        out.push_back(static_cast<std::int16_t>(bits));
    }
    return out;
}

bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds deadline) {
    constexpr auto kPollInterval = std::chrono::milliseconds{10};
    const auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(kPollInterval);
    }
}

void ScriptSignals::raise(const std::string& name) {
    {
        const std::lock_guard lock{mutex_};
        flags_.insert(name);
    }
    raised_.notify_all();
}

bool ScriptSignals::wait(const std::string& name, std::chrono::milliseconds deadline) const {
    std::unique_lock lock{mutex_};
    return raised_.wait_for(lock, deadline, [&] { return flags_.contains(name); });
}

}  // namespace frontdesk::test
