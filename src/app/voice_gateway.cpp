#include "app/voice_gateway.hpp"

#include <optional>

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include "app/conversation_call_recorder.hpp"
#include "core/logging.hpp"
#include "net/tls_context.hpp"
#include "net/websocket_upgrade.hpp"
#include "realtime/call_session.hpp"
#include "realtime/prompt_audio.hpp"
#include "realtime/realtime_client.hpp"
#include "realtime/realtime_endpoint.hpp"
#include "realtime/realtime_stats.hpp"
#include "telephony/exotel_stream.hpp"
#include "telephony/stream_token.hpp"
#include "telephony/twilio_call_control.hpp"
#include "telephony/twilio_stream.hpp"
#include "telephony/twiml.hpp"
#include "telephony/voice_webhook.hpp"

namespace frontdesk::app {
namespace {

std::string env_or(const EnvLookup& env, const char* name, std::string fallback = {}) {
    return env(name).value_or(std::move(fallback));
}

telephony::FacilityLookup facility_lookup(const booking::FacilityDirectory& facilities) {
    return [&facilities](std::string_view called) -> std::optional<std::string> {
        if (const auto* facility = facilities.find_by_phone(called)) return facility->id;
        return std::nullopt;
    };
}

realtime::RealtimeEndpoint endpoint_of(const realtime::RealtimeConfig& config) {
    auto endpoint = realtime::realtime_endpoint(config.base_url, config.model);
    if (!endpoint)
        throw ConfigError("OPENAI_BASE_URL: '" + config.base_url + "' must be an https URL");
    return *endpoint;
}

nlohmann::json stats_json(const realtime::RealtimeStatsSnapshot& s, bool twilio_rest) {
    return {{"configured", s.configured},
            {"twilio_call_control", twilio_rest},
            {"active_calls", s.active_calls},
            {"total_calls", s.total_calls},
            {"completed_calls", s.completed_calls},
            {"failed_calls", s.failed_calls},
            {"model_sessions", s.model_sessions},
            {"model_errors", s.model_errors},
            {"tool_calls", s.tool_calls},
            {"tool_errors", s.tool_errors},
            {"barge_ins", s.barge_ins},
            {"audio_dropped", s.audio_dropped}};
}

}  // namespace

struct VoiceGateway::Parts {
    Parts(const AppConfig& config, const EnvLookup& env,
          const booking::FacilityDirectory& facilities, const tools::ToolRegistry& tools,
          booking::ConversationLog& conversations, net::WorkerPool& pool, net::HttpsClient& https,
          const Clock& clock)
        : public_url(config.public_url),
          realtime_config(realtime::realtime_config_from_env(env)),
          tls(net::make_client_tls_context()),
          stats(realtime_config.configured()),
          apology(realtime::load_prompt_audio(std::filesystem::path{config.assets_path} /
                                              realtime::kApologyPrompt)),
          recorder(conversations, pool),
          credentials{env_or(env, "TWILIO_ACCOUNT_SID"), Secret{env_or(env, "TWILIO_AUTH_TOKEN")},
                      env_or(env, "TWILIO_API_BASE_URL", "https://api.twilio.com")},
          call_control(
              credentials, https,
              [&pool](std::function<void()> job) { return pool.try_post(std::move(job)); }),
          services{facilities,
                   tools,
                   pool,
                   clock,
                   realtime::make_realtime_connector(tls, endpoint_of(realtime_config),
                                                     realtime_config.api_key),
                   recorder,
                   stats,
                   apology,
                   {}} {
        const auto stream_url =
            telephony::stream_url_from_public_url(public_url, "/voice/stream").value_or("");
        const Secret auth_token{env_or(env, "TWILIO_AUTH_TOKEN")};
        webhook = {auth_token, stream_url};
        services.settings.max_call_length = config.max_call_length;
        services.settings.idle_prompt_after = config.idle_prompt_after;
        twilio.auth_token = auth_token;
        if (!auth_token.empty()) {
            stream_tokens.emplace(auth_token, clock);
            webhook.stream_tokens = &*stream_tokens;
            twilio.stream_tokens = &*stream_tokens;
        }
        twilio.stream_url = stream_url;
        twilio.call_control = &call_control;
        twilio.facility_lookup = facility_lookup(facilities);
        exotel.basic_auth = Secret{env_or(env, "EXOTEL_BASIC_AUTH")};
        exotel.facility_lookup = facility_lookup(facilities);
        lookup = facility_lookup(facilities);
    }

    std::string public_url;
    realtime::RealtimeConfig realtime_config;
    boost::asio::ssl::context tls;
    realtime::RealtimeStats stats;
    std::vector<std::uint8_t> apology;
    ConversationCallRecorder recorder;
    telephony::TwilioCredentials credentials;
    telephony::TwilioCallControl call_control;
    realtime::CallSessionServices services;
    std::optional<telephony::StreamTokens> stream_tokens;  // when TWILIO_AUTH_TOKEN is set
    telephony::VoiceWebhookSettings webhook;
    telephony::TwilioStreamSettings twilio;
    telephony::ExotelStreamSettings exotel;
    telephony::FacilityLookup lookup;
};

VoiceGateway::VoiceGateway(const AppConfig& config, const EnvLookup& env,
                           const booking::FacilityDirectory& facilities,
                           const tools::ToolRegistry& tools,
                           booking::ConversationLog& conversations, net::WorkerPool& pool,
                           net::HttpsClient& https, const Clock& clock)
    : parts_(std::make_unique<Parts>(config, env, facilities, tools, conversations, pool, https,
                                     clock)) {
    logger("app")->info("voice: OpenAI Realtime {}, Twilio call control {}, signatures {}",
                        parts_->realtime_config.configured() ? "configured" : "not configured",
                        parts_->credentials.configured() ? "on" : "off",
                        parts_->webhook.auth_token.empty() ? "not checked" : "checked");
}

VoiceGateway::~VoiceGateway() = default;

void VoiceGateway::register_routes(net::Router& router) {
    router.add("POST", "/voice/webhook", [this](net::HttpRequest& request) {
        const auto url = telephony::webhook_url(parts_->public_url, request.target);
        const auto answer = telephony::handle_voice_webhook(
            parts_->webhook, {request.body, request.header("x-twilio-signature").value_or(""), url},
            parts_->lookup);
        net::HttpResponse response;
        response.status = answer.status;
        response.content_type = answer.content_type;
        response.body = answer.body;
        return response;
    });
    for (const char* path : {"/voice/status", "/realtime/status"}) {
        router.add("GET", path, [this](net::HttpRequest&) {
            return net::json_response(
                stats_json(parts_->stats.snapshot(), parts_->credentials.configured()));
        });
    }
}

void VoiceGateway::register_streams(net::HttpServer& server) {
    server.set_upgrade_handler("/voice/stream", [this](net::UpgradeContext&& upgrade) {
        if (auto leg = telephony::accept_twilio_stream(std::move(upgrade), parts_->twilio)) {
            (void)realtime::CallSession::start(std::move(leg), parts_->services);
        }
    });
    server.set_upgrade_handler("/voice/exotel", [this](net::UpgradeContext&& upgrade) {
        if (auto leg = telephony::accept_exotel_stream(std::move(upgrade), parts_->exotel)) {
            (void)realtime::CallSession::start(std::move(leg), parts_->services);
        }
    });
}

}  // namespace frontdesk::app
