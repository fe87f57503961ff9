// Tools that steer the conversation itself: ending the call and handing it to a person.
#include "core/json_fields.hpp"
#include "tools/tool_registry.hpp"
#include "tools/tool_schemas.hpp"

namespace frontdesk::tools {

std::vector<ToolDefinition> call_tools(booking::BookingService& bookings) {
    using namespace schema;
    const auto reason = object({{"reason", string("Why, in a few words (for the call log).")}},
                               nlohmann::json::array());
    return {
        {"end_call",
         "End the conversation after your goodbye: when the customer is done or asked to hang up.",
         reason,
         [](const nlohmann::json&, const ToolContext&) {
             ToolResult result{{{"ok", true},
                                {"action", "end_call"},
                                {"instructions", "Say a short goodbye; the call ends after it."}}};
             result.action = CallAction::kEndCall;
             return result;
         }},
        {"transfer_call",
         "Hand the caller to a person at the facility, when they ask for one or you cannot help.",
         reason,
         [&bookings](const nlohmann::json&, const ToolContext& context) {
             const auto& facility = bookings.facilities().get(context.facility_id);
             const auto& number = facility.agent.transfer_number;
             if (!number || number->empty()) {
                 return tool_error("TRANSFER_UNAVAILABLE",
                                   "Nobody can take the call right now. Offer to take a message "
                                   "or to help with the booking yourself.");
             }
             ToolResult result{{{"ok", true},
                                {"action", "transfer_call"},
                                {"instructions", "Tell the caller you are connecting them now."}}};
             result.action = CallAction::kTransfer;
             result.transfer_to = *number;
             return result;
         }},
    };
}

}  // namespace frontdesk::tools
