#include "app/app.hpp"

#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/debug_websocket.hpp"
#include "api/routes.hpp"
#include "app/booking_core.hpp"
#include "app/calendar_sync.hpp"
#include "app/periodic_job.hpp"
#include "app/voice_gateway.hpp"
#include "calendar/calendar_config.hpp"
#include "core/logging.hpp"
#include "net/http_server.hpp"
#include "net/router.hpp"
#include "net/websocket_upgrade.hpp"
#include "net/worker_pool.hpp"

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

net::HttpServerSettings server_settings(const AppConfig& config) {
    net::HttpServerSettings settings;
    settings.host = config.host;
    settings.port = config.port;
    settings.body_limit = config.body_limit_bytes;
    settings.shutdown_grace = config.shutdown_grace;
    return settings;
}

/// The network side of one run: the event loop, the worker pool, the HTTP server with its routes
/// and websocket endpoints, voice, calendar sync and the periodic sweeps. Borrows the core and
/// the configuration. Members are declared in the order they must be torn down in reverse.
class Serving {
public:
    Serving(const AppConfig& config, BookingCore& core);

    /// Listens, starts the timers and runs the loop on config.io_threads threads until a stop
    /// signal has drained the server; then drains the worker pool.
    void run_until_stopped();

private:
    void on_stop_signal(int signal_number);

    const AppConfig& config_;
    api::ApiContext context_;
    net::Router router_;
    // Declared before the loop so it outlives it: call sessions still queued in the loop's
    // handlers when it is destroyed borrow the gateway's services.
    std::optional<VoiceGateway> voice_;
    asio::io_context ioc_;
    net::WorkerPool pool_;
    std::optional<CalendarSync> calendar_sync_;
    net::HttpServer server_;
    api::DebugSocketHub debug_sockets_;
    PeriodicJob quote_sweep_;
    PeriodicJob chat_sweep_;
    asio::signal_set signals_;
};

Serving::Serving(const AppConfig& config, BookingCore& core)
    : config_(config),
      context_{.bookings = core.bookings,
               .config = config,
               .chat = &core.chat,
               .conversations = &core.store},
      ioc_{config.io_threads},
      pool_{static_cast<std::size_t>(config.worker_threads), kWorkerQueueLimit},
      server_{ioc_, router_, pool_, server_settings(config)},
      debug_sockets_{core.chat, pool_, core.clock},
      quote_sweep_{ioc_, pool_, kSweepInterval,
                   [&core] { release_expired_quotes(core.store, core.clock); }},
      chat_sweep_{ioc_, pool_, kSweepInterval, [&core] { expire_idle_chats(core.chat); }},
      signals_{ioc_, SIGINT, SIGTERM} {
    api::register_routes(router_, context_);
    voice_.emplace(config, process_env(), core.facilities, core.tools, core.store, pool_,
                   *core.https, core.clock);
    voice_->register_routes(router_);
    voice_->register_streams(server_);
    const auto calendar_config = calendar::parse_calendar_config(process_env());
    if (calendar_config.enabled()) {
        calendar_sync_.emplace(calendar_config, core.store, core.bookings, *core.https, core.clock,
                               pool_, ioc_);
        context_.calendar_sync = &calendar_sync_->sync_store();
    }
    server_.set_upgrade_handler("/realtime", [this](net::UpgradeContext&& upgrade) {
        debug_sockets_.accept(std::move(upgrade));
    });
}

void Serving::run_until_stopped() {
    const auto port = server_.start();
    logger("app")->info("listening on http://{}:{} (public URL {})", config_.host, port,
                        config_.public_url);
    quote_sweep_.start();
    chat_sweep_.start();
    if (calendar_sync_) calendar_sync_->start();
    signals_.async_wait([this](boost::system::error_code ec, int signal_number) {
        if (!ec) on_stop_signal(signal_number);
    });

    std::vector<std::thread> loop_threads;
    for (int i = 1; i < config_.io_threads; ++i) loop_threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& thread : loop_threads) thread.join();
    // Handlers still queued post their responses back to the (stopped) loop: harmless.
    pool_.stop_and_join();
}

void Serving::on_stop_signal(int signal_number) {
    logger("app")->info("signal {} received: stopping (grace {} s)", signal_number,
                        config_.shutdown_grace.count());
    quote_sweep_.stop();
    chat_sweep_.stop();
    if (calendar_sync_) calendar_sync_->stop();
    debug_sockets_.close_all();
    server_.stop([this] { ioc_.stop(); });
}

}  // namespace

int App::run() {
    const net::CurlGlobal curl;  // before any thread starts: curl_global_init is not thread-safe
    BookingCore core{config_};
    {
        Serving serving{config_, core};
        serving.run_until_stopped();
    }
    core.chat.close_all("shutdown");  // after the pool: no turn is running any more
    logger("app")->info("stopped");
    return 0;
}

}  // namespace frontdesk::app
