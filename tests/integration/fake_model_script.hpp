#pragma once
// Building blocks for scripts that the fake OpenAI Realtime peer (FakeWssServer) runs in the
// end-to-end voice tests: read until an event type, answer session.update, speak, call a tool
// and read its output back. Blocking; used on the script's own thread.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "support/fake_wss_server.hpp"

namespace frontdesk::test {

inline constexpr auto kModelDeadline = std::chrono::seconds{20};

/// Reads the server's events until one of `type` arrives; nullopt on a closed socket or the
/// deadline.
std::optional<nlohmann::json> read_until(FakeWsConnection& connection, std::string_view type);

/// Answers the server's session.update with session.updated echoing its audio format. Returns
/// the format type asked for ("audio/pcmu", "audio/pcm"), nullopt when none arrived.
std::optional<std::string> accept_session(FakeWsConnection& connection);

/// The output of the function call `call_id`, as the server sent it back.
std::optional<nlohmann::json> tool_output(FakeWsConnection& connection,
                                          const std::string& call_id);

/// The model calls tool `name` with `arguments`, then ends its response.
void call_tool(FakeWsConnection& connection, const std::string& name,
               const nlohmann::json& arguments, const std::string& call_id);

/// The model speaks `base64_audio` (default: 100 ms of μ-law, base64 of 800 × 0x55) as one
/// audio delta of response `response_id`, then ends the response.
void say(FakeWsConnection& connection, const std::string& response_id,
         const std::string& base64_audio = std::string(1068, 'V'));

}  // namespace frontdesk::test
