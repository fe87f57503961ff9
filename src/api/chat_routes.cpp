// POST /chat: one turn of a text conversation with the booking agent (issue 4 §2).
// Auth: open like the seed unless CHAT_API_KEY is set, then X-API-Key must match it.
#include "api/chat_json.hpp"
#include "api/routes.hpp"
#include "chat/chat_service.hpp"
#include "core/error.hpp"
#include "core/json_fields.hpp"

namespace frontdesk::api {
namespace {

using nlohmann::json;

void authorize_chat(const net::HttpRequest& request, const chat::ChatService& chat) {
    const auto& key = chat.settings().api_key;
    if (key.empty()) return;
    const auto given = request.header("x-api-key");
    if (!given) throw Unauthorized("API_KEY_REQUIRED", "Send the chat API key in X-API-Key.");
    if (!key.matches(*given)) throw Unauthorized("INVALID_API_KEY", "The chat API key is wrong.");
}

chat::ChatCustomer customer_from(const json& body) {
    chat::ChatCustomer customer;
    const auto found = body.find("customer");
    if (found == body.end() || found->is_null()) return customer;
    if (!found->is_object()) {
        throw InvalidArgument("INVALID_FIELD", "Field 'customer' must be an object.");
    }
    customer.name = optional_string(*found, "name").value_or("");
    customer.phone = optional_string(*found, "phone").value_or("");
    customer.email = optional_string(*found, "email").value_or("");
    return customer;
}

net::HttpResponse post_chat(net::HttpRequest& request, ApiContext& context) {
    auto& chat = *context.chat;
    authorize_chat(request, chat);
    const auto body = net::parse_json_body(request);
    chat::ChatRequest turn_request;
    turn_request.facility_id = required_string(body, "facility_id");
    turn_request.session_id = optional_string(body, "session_id");
    turn_request.message = required_string(body, "message");
    turn_request.customer = customer_from(body);
    const auto turn = chat.chat(turn_request);
    return net::json_response(chat_turn_json(turn.session_id, turn.reply));
}

}  // namespace

void register_chat_routes(net::Router& router, ApiContext& context) {
    if (context.chat == nullptr) return;
    router.add("POST", "/chat", with_context(context, post_chat));
}

}  // namespace frontdesk::api
