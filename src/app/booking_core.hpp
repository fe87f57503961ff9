#pragma once

#include <memory>

#include "booking/booking_service.hpp"
#include "booking/facility_directory.hpp"
#include "booking/sqlite_store.hpp"
#include "chat/chat_config.hpp"
#include "chat/chat_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "net/https_client.hpp"
#include "tools/tool_registry.hpp"

namespace frontdesk::app {

/// The server's booking side, assembled: facilities, the SQLite store, the booking service, the
/// tool registry and text chat, plus the HTTPS client they share. Nothing here runs on the
/// event loop; the composition root builds it before the loop and tears it down after.
/// Members are public: this is wiring, each member owns itself and borrows only those above it.
struct BookingCore {
    /// Throws booking::FacilityConfigError, ConfigError (chat variables) and frontdesk::Error
    /// when the store cannot be opened.
    explicit BookingCore(const AppConfig& config);
    ~BookingCore();
    BookingCore(const BookingCore&) = delete;
    BookingCore& operator=(const BookingCore&) = delete;

    booking::FacilityDirectory facilities;
    booking::SqliteStore store;
    SystemClock clock;
    booking::BookingService bookings;
    tools::ToolRegistry tools;
    chat::ChatConfig chat_config;
    std::unique_ptr<net::HttpsClient> https;
    chat::ChatService chat;
};

}  // namespace frontdesk::app
