// The /realtime debug websocket's messages: parsing what the client sent (no exceptions on this
// path: bad input gets an error event and the socket stays open) and running requests on the
// worker pool, one at a time, with the results posted back to the socket's strand.
#include <exception>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/url/parse.hpp>

#include "api/chat_json.hpp"
#include "api/debug_socket_session.hpp"
#include "chat/chat_service.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"
#include "core/phone.hpp"
#include "net/worker_pool.hpp"

namespace frontdesk::api {
namespace {

using nlohmann::json;

spdlog::logger& log() {
    static const auto instance = logger("api");
    return *instance;
}

std::string frame(const json& message) {
    return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string error_frame(std::string_view code, std::string_view message) {
    return frame({{"type", "error"}, {"code", code}, {"message", message}});
}

std::optional<std::string> query_param(std::string_view target, std::string_view name) {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) return std::nullopt;
    const auto params = url->params();
    const auto found = params.find(name);
    if (found == params.end() || !(*found).has_value) return std::nullopt;
    return std::string{(*found).value};
}

}  // namespace

bool DebugSocketSession::resolve_facility(const net::WebsocketSession::Request& request) {
    const std::string_view target{request.target().data(), request.target().size()};
    const auto facility_id = query_param(target, "facility_id");
    caller_.phone = query_param(target, "caller_number").value_or("");
    if (!facility_id || facility_id->empty()) {
        close(DebugSocketEnd::kUnknownFacility, "facility_id is required");
        return false;
    }
    facility_ = chat_.facilities().find(*facility_id);
    if (facility_ == nullptr) {
        close(DebugSocketEnd::kUnknownFacility, "unknown facility_id '" + *facility_id + "'");
        return false;
    }
    log_prefix_ += " facility=" + facility_->id;
    return true;
}

void DebugSocketSession::handle_text(std::string_view text) {
    const auto message = json::parse(text, nullptr, false);
    if (message.is_discarded()) return send_error("INVALID_JSON", "The message is not valid JSON.");
    const auto type = message.is_object() ? message.find("type") : message.end();
    if (!message.is_object() || type == message.end() || !type->is_string()) {
        return send_error("MISSING_TYPE", "Send a JSON object with a string field 'type'.");
    }
    const auto& kind = type->get_ref<const std::string&>();
    if (kind == "ping") return send(frame({{"type", "pong"}}));
    if (kind == "function_call") {
        const auto name = message.find("function_name");
        const auto arguments = message.find("arguments");
        if (name == message.end() || !name->is_string()) {
            return send_error("MISSING_FIELD", "function_call needs a string 'function_name'.");
        }
        if (arguments != message.end() && !arguments->is_object()) {
            return send_error("INVALID_FIELD", "function_call 'arguments' must be an object.");
        }
        return queue_request(
            {.kind = Request::Kind::kFunctionCall,
             .function_name = name->get<std::string>(),
             .arguments = arguments == message.end() ? json::object() : *arguments});
    }
    if (kind == "message") {
        const auto said = message.find("text");
        if (said == message.end() || !said->is_string() ||
            said->get_ref<const std::string&>().empty()) {
            return send_error("MISSING_FIELD", "message needs a non-empty string 'text'.");
        }
        return queue_request({.kind = Request::Kind::kMessage, .text = said->get<std::string>()});
    }
    send_error("UNKNOWN_TYPE",
               "Unknown message type '" + kind + "'; expected ping, function_call or message.");
}

void DebugSocketSession::send_error(std::string_view code, std::string_view message) {
    send(error_frame(code, message));
}

void DebugSocketSession::queue_request(Request request) {
    if (ws_.is_closed()) return;
    if (pending_.size() >= limits_.max_pending_requests) {
        return send_error("TOO_MANY_REQUESTS", "Wait for the answers before sending more.");
    }
    pending_.push_back(std::move(request));
    run_next();
}

void DebugSocketSession::run_next() {
    if (ws_.is_closed() || request_running_ || pending_.empty()) return;
    // The job gets copies and the app-owned services only: nothing of this session is read
    // off its strand.
    Job job{
        chat_, *facility_, clock_, caller_, session_id_, log_prefix_, std::move(pending_.front())};
    pending_.pop_front();
    request_running_ = true;
    const bool queued = pool_.try_post(
        [weak = weak_from_this(), strand = ws_.executor(), job = std::move(job)]() mutable {
            auto outcome = execute(job);
            boost::asio::post(strand, [weak, outcome = std::move(outcome)]() mutable {
                // A socket that ended meanwhile drops the answer.
                if (auto session = weak.lock()) session->on_done(std::move(outcome));
            });
        });
    if (queued) return;
    request_running_ = false;
    if (session_id_.empty()) return close(DebugSocketEnd::kInternalError, "server busy");
    send_error("SERVER_BUSY", "The server is busy; try again in a moment.");
    run_next();
}

DebugSocketSession::Outcome DebugSocketSession::open(const Job& job) {
    Outcome outcome;
    outcome.session_id =
        job.chat.open_session(job.facility.id, booking::ConversationChannel::kDebug, job.caller);
    outcome.frames.push_back(
        frame({{"type", "session.created"},
               {"session_id", outcome.session_id},
               {"facility", job.facility.name},
               {"facility_id", job.facility.id},
               {"system_prompt", chat::chat_system_prompt(job.facility, job.clock, job.caller)},
               {"functions", chat::flat_tool_schemas(job.chat.tools())}}));
    return outcome;
}

// On a pool thread.
DebugSocketSession::Outcome DebugSocketSession::execute(const Job& job) {
    const auto& request = job.request;
    try {
        if (request.kind == Request::Kind::kOpen) return open(job);
        Outcome outcome;
        if (request.kind == Request::Kind::kFunctionCall) {
            const auto result =
                job.chat.run_tool(job.session_id, request.function_name, request.arguments);
            outcome.frames.push_back(frame({{"type", "function_result"},
                                            {"function_name", request.function_name},
                                            {"result", result.output}}));
            return outcome;
        }
        const auto reply = job.chat.respond(job.session_id, request.text);
        for (const auto& event : reply.events) {
            outcome.frames.push_back(frame(agent_event_json(event, "agent_message")));
        }
        return outcome;
    } catch (const Error& e) {
        return Outcome{{error_frame(e.code(), e.what())}, {}, request.kind == Request::Kind::kOpen};
    } catch (const std::exception& e) {
        log().error("{} debug socket request failed: {}", job.log_prefix, e.what());
        return Outcome{{error_frame("INTERNAL_ERROR", "Something went wrong on our side.")},
                       {},
                       request.kind == Request::Kind::kOpen};
    }
}

void DebugSocketSession::on_done(Outcome outcome) {
    request_running_ = false;
    if (!outcome.session_id.empty()) {
        session_id_ = std::move(outcome.session_id);
        log_prefix_ += " session=" + session_id_;
        log().info("{} debug socket open (caller {})", log_prefix_,
                   caller_.phone.empty() ? std::string{"unknown"} : redact_phone(caller_.phone));
        // The client left while the session was being opened: finish it now.
        if (ws_.is_closed()) return finish_chat_session("client_closed");
    }
    for (auto& text : outcome.frames) send(std::move(text));
    if (outcome.fatal) return close(DebugSocketEnd::kInternalError, "could not open a session");
    run_next();
}

}  // namespace frontdesk::api
