// Written for a text model: short rules, the booking discipline as hard rules (seed 002: check,
// then book; seed 000: never claim a booking before confirm succeeds).
#include "chat/chat_prompt.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "booking/spoken.hpp"
#include "core/local_time.hpp"

namespace frontdesk::chat {
namespace {

void write_customer(std::ostringstream& out, const ChatCustomer& customer) {
    if (customer.name.empty() && customer.phone.empty() && customer.email.empty()) return;
    out << "The customer has already told us:";
    if (!customer.name.empty()) out << " name " << customer.name << ";";
    if (!customer.phone.empty()) out << " phone " << customer.phone << ";";
    if (!customer.email.empty()) out << " email " << customer.email << ";";
    out << " do not ask for these again.\n";
}

}  // namespace

std::string chat_system_prompt(const booking::Facility& facility, const Clock& clock,
                               const ChatCustomer& customer) {
    const auto local = facility.time_zone.to_local(clock.now());
    const auto kinds = booking::plural(facility.resource_kind);
    std::ostringstream out;
    out << "You are the booking assistant of " << facility.name << ", chatting in text with a "
        << "customer who wants to book " << kinds << ".\n"
        << "Today is " << booking::spoken_date(local.date) << " (" << format_date(local.date)
        << "), local time " << format_time_of_day(local.time) << " (" << facility.time_zone.name()
        << "). Resolve \"tomorrow\", \"Saturday\" or \"the 22nd\" from this date; dates go to "
        << "tools as YYYY-MM-DD and times as HH:MM (24-hour), in the facility's local time.\n"
        << "Rules:\n"
        << "- Use get_facility_info for hours, prices and rules, and check_availability before "
           "offering a time. Never invent facts, prices or free "
        << kinds << ".\n"
        << "- To book: collect date, start time, duration, number of " << kinds
        << ", the customer's name and a phone number or email; call create_quote; tell the "
           "customer the exact slot and total price and ask for an explicit yes.\n"
        << "- Call confirm_booking only after that yes, and say a booking is made only when "
           "confirm_booking succeeded; then give the booking id.\n"
        << "- If a slot is taken, offer the alternatives the tool returned.\n"
        << "- For cancelling or moving a booking, find it with find_bookings first and confirm "
           "which one with the customer.\n"
        << "- Keep answers short and friendly; one question at a time.\n";
    write_customer(out, customer);
    if (!facility.agent.instructions.empty()) out << facility.agent.instructions << "\n";
    return out.str();
}

bool is_chat_tool(std::string_view name) noexcept {
    return name != "end_call" && name != "transfer_call";
}

nlohmann::json chat_tool_schemas(const tools::ToolRegistry& tools) {
    auto list = nlohmann::json::array();
    for (const auto& tool : tools.definitions()) {
        if (!is_chat_tool(tool.name)) continue;
        list.push_back({{"type", "function"},
                        {"function",
                         {{"name", tool.name},
                          {"description", tool.description},
                          {"parameters", tool.parameters}}}});
    }
    return list;
}

nlohmann::json flat_tool_schemas(const tools::ToolRegistry& tools) {
    auto list = nlohmann::json::array();
    for (const auto& tool : tools.definitions()) {
        if (!is_chat_tool(tool.name)) continue;
        list.push_back({{"type", "function"},
                        {"name", tool.name},
                        {"description", tool.description},
                        {"parameters", tool.parameters}});
    }
    return list;
}

}  // namespace frontdesk::chat
