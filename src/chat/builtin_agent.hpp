#pragma once

#include <string_view>

#include "booking/facility.hpp"
#include "chat/agent_turn.hpp"
#include "chat/dialogue_state.hpp"
#include "chat/interpretation.hpp"
#include "chat/text_agent.hpp"
#include "core/clock.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::chat {

/// The deterministic booking agent: reads each message with interpret(), keeps the dialogue
/// state (the slot being discussed, contact details, the live quote, the booking being cancelled
/// or moved, the last question) and acts only through the tool registry, quote → explicit yes →
/// confirm. Dialogue rules: docs/builtin_agent.md §11.
///
/// Threads: respond() blocks on the store (through the tools), so it runs on the worker pool; one
/// turn at a time per agent (the owner serialises them). Borrows the registry, the facility and
/// the clock, which the composition root keeps alive longer than any conversation; owns its
/// state and its copy of the tool context.
class BuiltinAgent final : public TextAgent {
public:
    BuiltinAgent(const tools::ToolRegistry& tools, tools::ToolContext context,
                 const booking::Facility& facility, const Clock& clock);

    /// Never throws: input it does not understand gets a prompt, and an internal failure an
    /// apology (the state is then reset).
    [[nodiscard]] AgentReply respond(std::string_view user_message) override;

    [[nodiscard]] const DialogueState& state() const noexcept { return state_; }

private:
    // builtin_agent.cpp: reading the message and choosing what to do.
    void handle(AgentTurn& turn, std::string_view message);
    [[nodiscard]] InterpretContext context_now() const;
    [[nodiscard]] PendingSlot pending() const;
    [[nodiscard]] LocalDate today() const;
    bool handle_answer(AgentTurn& turn, const Interpretation& said, std::string_view message);
    bool handle_booking_answer(AgentTurn& turn, const Interpretation& said,
                               std::string_view message);
    bool handle_manage_answer(AgentTurn& turn, const Interpretation& said);
    void handle_intent(AgentTurn& turn, const Interpretation& said, std::string_view message);
    void handle_small_talk(AgentTurn& turn, const Interpretation& said);
    void ask(AgentTurn& turn, Question question, std::string text);
    void reprompt(AgentTurn& turn);
    void say_goodbye(AgentTurn& turn);
    void transfer(AgentTurn& turn);
    void clear_task();

    // agent_info.cpp: questions about the facility.
    void answer_info(AgentTurn& turn, const Interpretation& said);
    void answer_hours(AgentTurn& turn, const Interpretation& said, const nlohmann::json& info);
    void answer_price(AgentTurn& turn, const Interpretation& said, const nlohmann::json& info);
    void answer_topic(AgentTurn& turn, InfoTopic topic, const nlohmann::json& info);
    void answer_availability(AgentTurn& turn, const Interpretation& said);
    void list_free_starts(AgentTurn& turn, const Interpretation& said);
    void probe_window(AgentTurn& turn, const SlotDraft& day, const nlohmann::json& listing,
                      const std::optional<TimeWindow>& window, std::vector<OfferedStart>& offers);

    // agent_booking.cpp: the booking task.
    bool merge_slot(const Interpretation& said);
    bool merge_contact(const Interpretation& said);
    void advance_booking(AgentTurn& turn);
    std::optional<nlohmann::json> check_day(AgentTurn& turn);
    bool check_slot(AgentTurn& turn);
    void explain_unavailable(AgentTurn& turn, const nlohmann::json& result);
    void offer_alternatives(AgentTurn& turn, const nlohmann::json& alternatives);
    void make_quote(AgentTurn& turn);
    void confirm_quote(AgentTurn& turn);
    void decline_quote(AgentTurn& turn);
    void drop_field_for(std::string_view error_code);
    [[nodiscard]] nlohmann::json slot_arguments(const SlotDraft& slot) const;

    // agent_manage.cpp: cancelling and moving an existing booking.
    void start_manage(AgentTurn& turn, Task task, const Interpretation& said,
                      std::string_view message);
    bool find_target(AgentTurn& turn, const Interpretation& said);
    bool lookup_bookings(AgentTurn& turn);
    bool pick_candidate(const Interpretation& said);
    void merge_move(const Interpretation& said);
    void advance_manage(AgentTurn& turn);
    void cancel_target(AgentTurn& turn);
    void move_target(AgentTurn& turn);

    const tools::ToolRegistry& tools_;
    tools::ToolContext context_;
    const booking::Facility& facility_;
    const Clock& clock_;
    DialogueState state_;
};

}  // namespace frontdesk::chat
