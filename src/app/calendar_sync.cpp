#include "app/calendar_sync.hpp"

#include "app/periodic_job.hpp"
#include "calendar/busy_importer.hpp"
#include "calendar/calendar_client.hpp"
#include "calendar/calendar_mirror.hpp"
#include "calendar/freebusy_guard.hpp"
#include "calendar/service_account.hpp"
#include "calendar/token_source.hpp"
#include "core/logging.hpp"

namespace frontdesk::app {
namespace {

namespace asio = boost::asio;

// The outbox is drained often: a confirmed booking should reach the owner's calendar within
// seconds. Each drain is cheap when the outbox is empty (one indexed query).
constexpr auto kDrainInterval = std::chrono::seconds{1};

}  // namespace

struct CalendarSync::Parts {
    Parts(const calendar::CalendarConfig& config, booking::SqliteStore& sqlite,
          booking::BookingService& service, net::HttpsClient& http, const Clock& clock,
          net::WorkerPool& pool, asio::io_context& ioc)
        : store(sqlite),
          tokens(calendar::load_service_account_key(config.service_account_file),
                 config.impersonate_subject, http, clock),
          client(http, tokens, {.base_url = config.base_url}),
          mirror(client, sqlite, sqlite, service.facilities(), clock,
                 {.default_calendar_id = config.default_calendar_id}),
          importer(client, sqlite, service.facilities(), clock,
                   {.default_calendar_id = config.default_calendar_id,
                    .unmatched = config.unmatched_events}),
          guard(client, importer, sqlite, clock, config.freebusy_timeout, config.freebusy_policy),
          drain(ioc, pool, kDrainInterval, [this] { (void)mirror.drain_once(); }),
          poll(ioc, pool, config.sync_interval, [this] { (void)importer.poll_once(); }) {}

    booking::SqliteStore& store;
    calendar::ServiceAccountTokenSource tokens;
    calendar::CalendarClient client;
    calendar::CalendarMirror mirror;
    calendar::BusyImporter importer;
    calendar::FreeBusyGuard guard;
    PeriodicJob drain;
    PeriodicJob poll;
};

CalendarSync::CalendarSync(const calendar::CalendarConfig& config, booking::SqliteStore& store,
                           booking::BookingService& service, net::HttpsClient& http,
                           const Clock& clock, net::WorkerPool& pool, asio::io_context& ioc)
    : parts_(std::make_unique<Parts>(config, store, service, http, clock, pool, ioc)) {
    store.enable_calendar_outbox(true);
    service.set_confirm_guard(&parts_->guard);
    logger("calendar")
        ->info("Google Calendar sync on: outbox mirror every {} s, import every {} s",
               kDrainInterval.count(), config.sync_interval.count());
}

CalendarSync::~CalendarSync() = default;

void CalendarSync::start() {
    parts_->poll.start(std::chrono::milliseconds{0});
    parts_->drain.start();
}

void CalendarSync::stop() {
    parts_->poll.stop();
    parts_->drain.stop();
}

booking::CalendarSyncStore& CalendarSync::sync_store() noexcept { return parts_->store; }

}  // namespace frontdesk::app
