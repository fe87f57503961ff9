#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/booking_service.hpp"

namespace frontdesk::tools {

/// Who is calling a tool. The facility is fixed by the conversation (the number dialled, the
/// chat's facility_id), never chosen by the model; the caller's number pre-fills contact phone.
struct ToolContext {
    std::string facility_id;
    std::string caller_phone;  // E.164 caller ID, empty when unknown
    std::string source;        // "voice", "chat", "debug": recorded on quotes and bookings
};

/// What the conversation should do after a tool ran (voice: hang up or hand over the call).
enum class CallAction { kNone, kEndCall, kTransfer };

/// A tool's answer. `output` is always a JSON object the model can read: {"ok": true, …} or
/// {"ok": false, "error": {"code", "message"}, …}.
struct ToolResult {
    ToolResult() = default;
    explicit ToolResult(nlohmann::json result) : output(std::move(result)) {}

    nlohmann::json output;
    CallAction action = CallAction::kNone;
    std::string transfer_to;  // E.164, with kTransfer

    [[nodiscard]] bool ok() const { return output.value("ok", false); }
};

/// One tool: its JSON schema and its handler. Handlers may throw frontdesk::Error; the registry
/// turns that into an error result.
struct ToolDefinition {
    std::string name;
    std::string description;
    nlohmann::json parameters;  // JSON Schema of the arguments object
    std::function<ToolResult(const nlohmann::json& arguments, const ToolContext& context)> run;
};

/// The one set of tools every agent uses (voice, text chat, the debug websocket, the built-in
/// agent): check_availability, get_facility_info, create_quote, confirm_booking, find_bookings,
/// cancel_booking, reschedule_booking, end_call, transfer_call.
///
/// Threads: any thread but an event loop's: tools call the booking service, which blocks on the
/// store. Immutable after construction. Borrows the service, which must outlive it.
class ToolRegistry {
public:
    explicit ToolRegistry(booking::BookingService& bookings);

    [[nodiscard]] const std::vector<ToolDefinition>& definitions() const noexcept { return tools_; }
    [[nodiscard]] const ToolDefinition* find(std::string_view name) const noexcept;

    /// Tool list in the OpenAI Realtime shape: [{"type":"function","name",…,"parameters"}].
    [[nodiscard]] nlohmann::json realtime_schemas() const;
    /// Tool list in the Chat Completions shape: [{"type":"function","function":{…}}].
    [[nodiscard]] nlohmann::json chat_schemas() const;

    /// Runs a tool. Never throws: an unknown tool, arguments that are not an object or fail
    /// validation, and every booking error come back as {"ok": false, "error": …}.
    [[nodiscard]] ToolResult call(std::string_view name, const nlohmann::json& arguments,
                                  const ToolContext& context) const noexcept;

    [[nodiscard]] booking::BookingService& bookings() const noexcept { return bookings_; }

private:
    booking::BookingService& bookings_;
    std::vector<ToolDefinition> tools_;
};

/// {"ok": false, "error": {"code": code, "message": message}}
[[nodiscard]] ToolResult tool_error(std::string_view code, std::string_view message);

// Tool definitions, one group per file; the registry collects them.
[[nodiscard]] std::vector<ToolDefinition> booking_tools(booking::BookingService& bookings);
[[nodiscard]] std::vector<ToolDefinition> call_tools(booking::BookingService& bookings);

}  // namespace frontdesk::tools
