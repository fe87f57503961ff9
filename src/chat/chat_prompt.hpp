#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "booking/facility.hpp"
#include "core/clock.hpp"
#include "tools/tool_registry.hpp"

// What a text conversation tells the model: the system prompt and the tools it may call.
// Pure (the clock is injected); any thread.
namespace frontdesk::chat {

/// Who the customer said they are (POST /chat's "customer", the debug socket's caller_number).
struct ChatCustomer {
    std::string name{};
    std::string phone{};  // as given; the tools normalise it
    std::string email{};
};

/// The text agent's system prompt: the facility, today's date and time in its zone, the
/// quote → explicit yes → confirm discipline, what is known about the customer, and the
/// facility's own extra instructions. Facts (hours, prices, rules) come from get_facility_info.
[[nodiscard]] std::string chat_system_prompt(const booking::Facility& facility, const Clock& clock,
                                             const ChatCustomer& customer);

/// The registry's tools a text conversation may use, in the Chat Completions shape. Voice-only
/// tools (end_call, transfer_call) are left out: a chat has no call to end or hand over.
[[nodiscard]] nlohmann::json chat_tool_schemas(const tools::ToolRegistry& tools);
/// The same tools in the flat shape the /realtime debug socket lists as "functions".
[[nodiscard]] nlohmann::json flat_tool_schemas(const tools::ToolRegistry& tools);
/// Whether a text conversation may call `name`.
[[nodiscard]] bool is_chat_tool(std::string_view name) noexcept;

}  // namespace frontdesk::chat
