#include "tools/tool_registry.hpp"

#include "core/logging.hpp"
#include "tools/booking_json.hpp"

namespace frontdesk::tools {
namespace {

const auto& log() {
    static const auto instance = logger("tools");
    return instance;
}

}  // namespace

ToolResult tool_error(std::string_view code, std::string_view message) {
    return ToolResult{{{"ok", false}, {"error", {{"code", code}, {"message", message}}}}};
}

ToolRegistry::ToolRegistry(booking::BookingService& bookings) : bookings_(bookings) {
    tools_ = booking_tools(bookings);
    for (auto& tool : call_tools(bookings)) tools_.push_back(std::move(tool));
}

const ToolDefinition* ToolRegistry::find(std::string_view name) const noexcept {
    for (const auto& tool : tools_) {
        if (tool.name == name) return &tool;
    }
    return nullptr;
}

nlohmann::json ToolRegistry::realtime_schemas() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& tool : tools_) {
        list.push_back({{"type", "function"},
                        {"name", tool.name},
                        {"description", tool.description},
                        {"parameters", tool.parameters}});
    }
    return list;
}

nlohmann::json ToolRegistry::chat_schemas() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& tool : tools_) {
        list.push_back({{"type", "function"},
                        {"function",
                         {{"name", tool.name},
                          {"description", tool.description},
                          {"parameters", tool.parameters}}}});
    }
    return list;
}

ToolResult ToolRegistry::call(std::string_view name, const nlohmann::json& arguments,
                              const ToolContext& context) const noexcept {
    try {
        const auto* tool = find(name);
        if (tool == nullptr) {
            return tool_error("UNKNOWN_TOOL",
                              "There is no tool named '" + std::string{name} + "'.");
        }
        if (!arguments.is_object()) {
            return tool_error("INVALID_ARGUMENTS", "Tool arguments must be a JSON object.");
        }
        return tool->run(arguments, context);
    } catch (const booking::SlotUnavailable& conflict) {
        auto result = tool_error(conflict.code(), conflict.what());
        const auto* facility = bookings_.facilities().find(context.facility_id);
        if (facility != nullptr) {
            result.output["alternatives"] = slots_json(*facility, conflict.alternatives());
        }
        return result;
    } catch (const Error& e) {
        return tool_error(e.code(), e.what());
    } catch (const std::exception& e) {
        log()->error("tool {} failed: {}", name, e.what());
        return tool_error("INTERNAL_ERROR", "Something went wrong on our side; please try again.");
    }
}

}  // namespace frontdesk::tools
