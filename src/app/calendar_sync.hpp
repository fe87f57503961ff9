#pragma once

#include <memory>

#include "booking/booking_service.hpp"
#include "booking/sqlite_store.hpp"
#include "calendar/calendar_config.hpp"
#include "net/https_client.hpp"
#include "net/worker_pool.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace frontdesk::app {

/// Google Calendar two-way sync, assembled: service-account tokens, the Calendar client, the
/// outbox mirror, the busy-time importer and the confirm-time freeBusy guard, plus the two
/// timers that drive them. The timers live on the io_context; the network work runs on the
/// worker pool (one drain and one poll at a time).
///
/// Construction enables the store's outbox and installs the guard on the service; everything
/// borrowed (store, service, facilities, clock, pool, io_context, http) outlives this object.
class CalendarSync {
public:
    /// Throws ConfigError for a missing or malformed service-account key.
    CalendarSync(const calendar::CalendarConfig& config, booking::SqliteStore& store,
                 booking::BookingService& service, net::HttpsClient& http, const Clock& clock,
                 net::WorkerPool& pool, boost::asio::io_context& ioc);
    ~CalendarSync();
    CalendarSync(const CalendarSync&) = delete;
    CalendarSync& operator=(const CalendarSync&) = delete;

    /// Starts the drain and poll timers (first poll at once, which also warms the token).
    void start();
    /// Cancels the timers; work already on the pool finishes.
    void stop();

    /// A booking's calendar sync state for the owner API.
    [[nodiscard]] booking::CalendarSyncStore& sync_store() noexcept;

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

}  // namespace frontdesk::app
