#pragma once

#include <chrono>

#include "booking/booking_service.hpp"
#include "booking/calendar_sync_store.hpp"
#include "booking/conversation_log.hpp"
#include "core/config.hpp"

namespace frontdesk::chat {
class ChatService;
}  // namespace frontdesk::chat

namespace frontdesk::api {

/// What every route needs, borrowed from the composition root (app), which outlives the
/// server. Read-only after start-up; the service is internally synchronised.
struct ApiContext {
    booking::BookingService& bookings;
    const AppConfig& config;
    /// Text chat (POST /chat) and the conversation log (owner API): borrowed, may be null,
    /// in which case those routes are not registered.
    chat::ChatService* chat = nullptr;
    booking::ConversationLog* conversations = nullptr;
    /// Set when Google Calendar sync is on: owner-API bookings then show their sync state.
    booking::CalendarSyncStore* calendar_sync = nullptr;
    std::chrono::steady_clock::time_point started_at = std::chrono::steady_clock::now();
};

}  // namespace frontdesk::api
