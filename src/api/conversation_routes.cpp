// The owner's view of conversations (calls, chats, debug sessions): list with filters, and one
// with its transcript. Authorization: Bearer $OWNER_API_KEY.
#include "api/auth.hpp"
#include "api/chat_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace frontdesk::api {
namespace {

using nlohmann::json;

constexpr int kMaxListed = 1000;

booking::ConversationFilter filter_from_query(const net::HttpRequest& request,
                                              const ApiContext& context) {
    booking::ConversationFilter filter;
    filter.facility_id = request.query_param("facility_id");
    if (filter.facility_id) (void)context.bookings.facilities().get(*filter.facility_id);
    if (const auto channel = request.query_param("channel")) {
        filter.channel = booking::parse_conversation_channel(*channel);
        if (!filter.channel) {
            throw InvalidArgument("INVALID_PARAMETER",
                                  "'channel' must be chat, debug, twilio or exotel.");
        }
    }
    filter.started_from = query_instant(request, "from");
    filter.started_before = query_instant(request, "to");
    filter.limit = query_int(request, "limit", 1, kMaxListed).value_or(filter.limit);
    return filter;
}

net::HttpResponse list(net::HttpRequest& request, ApiContext& context) {
    authorize_owner(request, context);
    json items = json::array();
    for (const auto& found :
         context.conversations->list_conversations(filter_from_query(request, context))) {
        items.push_back(conversation_json(found));
    }
    return net::json_response({{"conversations", items}, {"count", items.size()}});
}

net::HttpResponse get(net::HttpRequest& request, ApiContext& context) {
    authorize_owner(request, context);
    const auto& id = request.path_param("id");
    const auto found = context.conversations->find_conversation(id);
    if (!found) {
        throw NotFound("CONVERSATION_NOT_FOUND", "No conversation with id '" + id + "'.");
    }
    json body = conversation_json(found->conversation);
    json transcript = json::array();
    for (const auto& entry : found->entries) transcript.push_back(conversation_entry_json(entry));
    body["transcript"] = std::move(transcript);
    return net::json_response(body);
}

}  // namespace

void register_conversation_routes(net::Router& router, ApiContext& context) {
    if (context.conversations == nullptr) return;
    router.add("GET", "/owner/conversations", with_context(context, list));
    router.add("GET", "/owner/conversations/{id}", with_context(context, get));
}

}  // namespace frontdesk::api
