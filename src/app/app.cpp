#include "app/app.hpp"

#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/debug_websocket.hpp"
#include "api/routes.hpp"
#include "app/calendar_sync.hpp"
#include "app/periodic_job.hpp"
#include "app/voice_gateway.hpp"
#include "booking/booking_service.hpp"
#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "calendar/calendar_config.hpp"
#include "chat/builtin_agent.hpp"
#include "chat/chat_config.hpp"
#include "chat/chat_service.hpp"
#include "chat/openai_chat_agent.hpp"
#include "core/logging.hpp"
#include "net/http_server.hpp"
#include "net/https_client.hpp"
#include "net/router.hpp"
#include "net/websocket_upgrade.hpp"
#include "net/worker_pool.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::app {
namespace {

namespace asio = boost::asio;

// Jobs waiting for a worker beyond the ones running; more than this answers 503 at once.
constexpr std::size_t kWorkerQueueLimit = 1024;
// Quotes and chat sessions expire after minutes; sweeping once a minute is precise enough.
constexpr auto kSweepInterval = std::chrono::minutes{1};

/// Marks expired quotes as released (bookkeeping: expired holds are ignored anyway).
void release_expired_quotes(booking::BookingStore& store, const Clock& clock) {
    try {
        (void)store.release_expired_quotes(clock.now());
    } catch (const std::exception& e) {
        logger("app")->warn("releasing expired quotes failed: {}", e.what());
    }
}

/// Finishes chat sessions that have been idle too long (it writes their transcripts).
void expire_idle_chats(chat::ChatService& chat) {
    try {
        (void)chat.expire_idle();
    } catch (const std::exception& e) {
        logger("app")->warn("expiring chat sessions failed: {}", e.what());
    }
}

/// The built-in agent always; OpenAI Chat Completions first when a key is configured.
chat::ChatEngines chat_engines(const chat::ChatConfig& config, const tools::ToolRegistry& registry,
                               const Clock& clock, net::HttpsClient* https) {
    chat::ChatEngines engines;
    engines.builtin = [&registry, &clock](const tools::ToolContext& context,
                                          const booking::Facility& facility) {
        return std::make_unique<chat::BuiltinAgent>(registry, context, facility, clock);
    };
    if (config.openai && https != nullptr) {
        engines.remote = [&settings = *config.openai, https, &registry, &clock](
                             const tools::ToolContext& context, const booking::Facility& facility,
                             const chat::ChatCustomer& customer) {
            return std::make_unique<chat::OpenAiChatAgent>(
                settings, *https, registry, context,
                chat::chat_system_prompt(facility, clock, customer));
        };
    }
    return engines;
}

net::HttpServerSettings server_settings(const AppConfig& config) {
    net::HttpServerSettings settings;
    settings.host = config.host;
    settings.port = config.port;
    settings.body_limit = config.body_limit_bytes;
    settings.shutdown_grace = config.shutdown_grace;
    return settings;
}

}  // namespace

int App::run() {
    auto log = logger("app");
    const net::CurlGlobal curl;  // before any thread starts: curl_global_init is not thread-safe
    const auto facilities = booking::load_facilities(config_.facilities_path);
    log->info("loaded {} facilities from {}", facilities.all().size(), config_.facilities_path);

    booking::SqliteStore store{config_.db_path};
    SystemClock clock;
    booking::BookingService bookings{facilities, store, clock, {.quote_hold = config_.quote_hold}};

    const tools::ToolRegistry tool_registry{bookings};
    const auto chat_config = chat::chat_config_from_env(process_env());
    const auto https = net::make_curl_https_client();
    chat::ChatService chat_service{facilities,
                                   tool_registry,
                                   store,
                                   clock,
                                   chat_engines(chat_config, tool_registry, clock, https.get()),
                                   chat_config.settings};
    log->info("text chat: {}; sessions expire after {} s idle; /chat {}",
              chat_config.openai ? "openai " + chat_config.openai->model + ", builtin fallback"
                                 : std::string{"builtin agent only"},
              chat_config.settings.idle_timeout.count(),
              chat_config.settings.api_key.empty() ? "open" : "needs CHAT_API_KEY");

    api::ApiContext context{
        .bookings = bookings, .config = config_, .chat = &chat_service, .conversations = &store};
    net::Router router;
    api::register_routes(router, context);

    // Declared before the loop so it outlives it: call sessions still queued in the loop's
    // handlers when it is destroyed borrow the gateway's services.
    std::optional<VoiceGateway> voice;
    asio::io_context ioc{config_.io_threads};
    net::WorkerPool pool{static_cast<std::size_t>(config_.worker_threads), kWorkerQueueLimit};
    voice.emplace(config_, process_env(), facilities, tool_registry, store, pool, *https, clock);
    voice->register_routes(router);
    const auto calendar_config = calendar::parse_calendar_config(process_env());
    std::optional<CalendarSync> calendar_sync;
    if (calendar_config.enabled()) {
        calendar_sync.emplace(calendar_config, store, bookings, *https, clock, pool, ioc);
        context.calendar_sync = &calendar_sync->sync_store();
    }
    net::HttpServer server{ioc, router, pool, server_settings(config_)};
    voice->register_streams(server);
    api::DebugSocketHub debug_sockets{chat_service, pool, clock};
    server.set_upgrade_handler("/realtime", [&debug_sockets](net::UpgradeContext&& upgrade) {
        debug_sockets.accept(std::move(upgrade));
    });
    const auto port = server.start();
    log->info("listening on http://{}:{} (public URL {})", config_.host, port, config_.public_url);

    PeriodicJob quote_sweep{ioc, pool, kSweepInterval,
                            [&] { release_expired_quotes(store, clock); }};
    PeriodicJob chat_sweep{ioc, pool, kSweepInterval, [&] { expire_idle_chats(chat_service); }};
    quote_sweep.start();
    chat_sweep.start();
    if (calendar_sync) calendar_sync->start();

    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&](boost::system::error_code ec, int signal_number) {
        if (ec) return;
        log->info("signal {} received: stopping (grace {} s)", signal_number,
                  config_.shutdown_grace.count());
        quote_sweep.stop();
        chat_sweep.stop();
        if (calendar_sync) calendar_sync->stop();
        debug_sockets.close_all();
        server.stop([&ioc] { ioc.stop(); });
    });

    std::vector<std::thread> loop_threads;
    for (int i = 1; i < config_.io_threads; ++i) loop_threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& thread : loop_threads) thread.join();

    // Handlers still queued post their responses back to the (stopped) loop: harmless.
    pool.stop_and_join();
    chat_service.close_all("shutdown");  // after the pool: no turn is running any more
    log->info("stopped");
    return 0;
}

}  // namespace frontdesk::app
