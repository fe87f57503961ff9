#pragma once

#include <memory>

#include "booking/conversation_log.hpp"
#include "booking/facility_directory.hpp"
#include "core/config.hpp"
#include "net/http_server.hpp"
#include "net/https_client.hpp"
#include "net/router.hpp"
#include "net/worker_pool.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::app {

/// The phone line, assembled: `POST /voice/webhook` (TwiML), the Twilio and Exotel media
/// streams (`/voice/stream`, `/voice/exotel`), each bridged to an OpenAI Realtime session, REST
/// call control, call records in the conversation log, and `GET /voice/status` and
/// `GET /realtime/status`. Configured from TWILIO_*, EXOTEL_BASIC_AUTH and OPENAI_*.
///
/// Built once by App before the server starts; everything borrowed outlives every call.
class VoiceGateway {
public:
    /// Throws ConfigError for an unusable OPENAI_BASE_URL; InvalidArgument when the pre-rendered
    /// apology prompt cannot be read.
    VoiceGateway(const AppConfig& config, const EnvLookup& env,
                 const booking::FacilityDirectory& facilities, const tools::ToolRegistry& tools,
                 booking::ConversationLog& conversations, net::WorkerPool& pool,
                 net::HttpsClient& https, const Clock& clock);
    ~VoiceGateway();
    VoiceGateway(const VoiceGateway&) = delete;
    VoiceGateway& operator=(const VoiceGateway&) = delete;

    void register_routes(net::Router& router);
    void register_streams(net::HttpServer& server);

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

}  // namespace frontdesk::app
