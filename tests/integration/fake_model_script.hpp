#pragma once
// Building blocks for scripts that the fake OpenAI Realtime peer (FakeWssServer) runs in the
// end-to-end voice tests: read until an event type, answer session.update, speak, call a tool
// and read its output back. Blocking; used on the script's own thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/fake_wss_server.hpp"

namespace frontdesk::test {

inline constexpr auto kModelDeadline = std::chrono::seconds{20};

/// Reads the server's events until one of `type` arrives; nullopt on a closed socket or the
/// deadline.
std::optional<nlohmann::json> read_until(FakeWsConnection& connection, std::string_view type);

/// As above, for the first event of `type` that `match` accepts. Every other event read on the
/// way is appended to `passed` when given.
std::optional<nlohmann::json> read_until(FakeWsConnection& connection, std::string_view type,
                                         const std::function<bool(const nlohmann::json&)>& match,
                                         std::vector<nlohmann::json>* passed = nullptr);

/// Reads every event until the server closes the connection (or the deadline passes).
std::vector<nlohmann::json> read_until_closed(FakeWsConnection& connection);

/// Answers the server's session.update with session.updated echoing its audio format. Returns
/// the format type asked for ("audio/pcmu", "audio/pcm"), nullopt when none arrived.
std::optional<std::string> accept_session(FakeWsConnection& connection);

/// As accept_session, returning the whole session.update event.
std::optional<nlohmann::json> accept_session_update(FakeWsConnection& connection);

/// The output of the function call `call_id`, as the server sent it back.
std::optional<nlohmann::json> tool_output(FakeWsConnection& connection, const std::string& call_id);

/// The model calls tool `name` with `arguments`, then ends its response.
void call_tool(FakeWsConnection& connection, const std::string& name,
               const nlohmann::json& arguments, const std::string& call_id);

/// The model books a court at 18:00 on `date` for `customer_name`: create_quote, then
/// confirm_booking with the quote's id. The confirm output; nullopt when a step got no answer.
std::optional<nlohmann::json> book_court(FakeWsConnection& connection, const std::string& date,
                                         const std::string& customer_name);

/// The model calls end_call and waits for the server's response.create (its goodbye turn);
/// false when either did not come.
bool end_call(FakeWsConnection& connection);

/// The model speaks `base64_audio` (default: 100 ms of μ-law, base64 of 800 × 0x55) as one
/// audio delta of response `response_id`, then ends the response.
void say(FakeWsConnection& connection, const std::string& response_id,
         const std::string& base64_audio = std::string(1068, 'V'));

/// The steps of a response, for scripts that need them apart (barge-in, several deltas):
/// response.created, one response.output_audio.delta of `item_id`, response.done.
void start_response(FakeWsConnection& connection, const std::string& response_id);
void send_audio_delta(FakeWsConnection& connection, const std::string& response_id,
                      const std::string& item_id, std::span<const std::uint8_t> audio);
void end_response(FakeWsConnection& connection, const std::string& response_id,
                  std::string_view status = "completed");

/// The model's server VAD heard the caller start speaking.
void speech_started(FakeWsConnection& connection, const std::string& item_id);

/// The audio of an input_audio_buffer.append (or any event's `field`), decoded; empty when the
/// field is missing or not base64.
std::vector<std::uint8_t> decoded_audio(const nlohmann::json& event, const char* field = "audio");

/// `samples` PCM16 little-endian samples of the constant `value` (a DC level survives
/// resampling, so the far end can count how many samples it heard).
std::vector<std::uint8_t> pcm16_constant(std::size_t samples, std::int16_t value);
/// PCM16 little-endian bytes as samples (a trailing odd byte is ignored).
std::vector<std::int16_t> pcm16_samples(std::span<const std::uint8_t> bytes);

/// Polls `done` every few milliseconds until it holds or `deadline` passes, for state a test
/// can only ask about (the server's asynchronous log, its HTTP status). False on the deadline.
bool poll_until(const std::function<bool()>& done,
                std::chrono::milliseconds deadline = kModelDeadline);

/// Named one-shot flags shared by a test thread and its model scripts, so each can wait
/// (bounded) for a step of another. Any thread.
class ScriptSignals {
public:
    void raise(const std::string& name);
    /// True once `name` was raised; false when `deadline` passed first.
    [[nodiscard]] bool wait(const std::string& name,
                            std::chrono::milliseconds deadline = kModelDeadline) const;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable raised_;
    std::set<std::string> flags_;  // guarded by mutex_
};

}  // namespace frontdesk::test
