#include "app/app.hpp"

#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "api/routes.hpp"
#include "booking/booking_service.hpp"
#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "core/logging.hpp"
#include "net/http_server.hpp"
#include "net/router.hpp"
#include "net/worker_pool.hpp"

namespace frontdesk::app {
namespace {

namespace asio = boost::asio;

// Jobs waiting for a worker beyond the ones running; more than this answers 503 at once.
constexpr std::size_t kWorkerQueueLimit = 1024;
// Released quotes are only bookkeeping (expired holds are ignored anyway), so once a minute.
constexpr auto kQuoteSweepInterval = std::chrono::minutes{1};

/// Periodically marks expired quotes as released, on the worker pool (it touches the store).
void schedule_quote_sweep(asio::steady_timer& timer, net::WorkerPool& pool,
                          booking::BookingStore& store, const Clock& clock) {
    timer.expires_after(kQuoteSweepInterval);
    timer.async_wait([&timer, &pool, &store, &clock](boost::system::error_code ec) {
        if (ec) return;  // cancelled at shutdown
        (void)pool.try_post([&store, &clock] {
            try {
                (void)store.release_expired_quotes(clock.now());
            } catch (const std::exception& e) {
                logger("app")->warn("releasing expired quotes failed: {}", e.what());
            }
        });
        schedule_quote_sweep(timer, pool, store, clock);
    });
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
    const auto facilities = booking::load_facilities(config_.facilities_path);
    log->info("loaded {} facilities from {}", facilities.all().size(), config_.facilities_path);

    booking::SqliteStore store{config_.db_path};
    SystemClock clock;
    booking::BookingService bookings{facilities, store, clock, {.quote_hold = config_.quote_hold}};

    api::ApiContext context{.bookings = bookings, .config = config_};
    net::Router router;
    api::register_routes(router, context);

    asio::io_context ioc{config_.io_threads};
    net::WorkerPool pool{static_cast<std::size_t>(config_.worker_threads), kWorkerQueueLimit};
    net::HttpServer server{ioc, router, pool, server_settings(config_)};
    const auto port = server.start();
    log->info("listening on http://{}:{} (public URL {})", config_.host, port, config_.public_url);

    asio::steady_timer sweep{ioc};
    schedule_quote_sweep(sweep, pool, store, clock);

    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&](boost::system::error_code ec, int signal_number) {
        if (ec) return;
        log->info("signal {} received: stopping (grace {} s)", signal_number,
                  config_.shutdown_grace.count());
        sweep.cancel();
        server.stop([&ioc] { ioc.stop(); });
    });

    std::vector<std::thread> loop_threads;
    for (int i = 1; i < config_.io_threads; ++i) loop_threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& thread : loop_threads) thread.join();

    // Handlers still queued post their responses back to the (stopped) loop: harmless.
    pool.stop_and_join();
    log->info("stopped");
    return 0;
}

}  // namespace frontdesk::app
