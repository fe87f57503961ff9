#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/calendar_sync_store.hpp"
#include "booking/conversation_log.hpp"
#include "booking/store.hpp"

namespace frontdesk::booking {

namespace sqlite {
class Connection;
}

struct SqliteStoreOptions {
    /// How long a write waits for another connection or process holding SQLite's write lock
    /// before failing with Unavailable("STORE_UNAVAILABLE").
    std::chrono::milliseconds busy_timeout{5000};
};

/// BookingStore on an embedded SQLite file: WAL journal, synchronous=NORMAL, foreign keys,
/// versioned migrations applied at open.
///
/// Durability: a booking whose write returned survives a crash or kill -9 of the process (the
/// WAL frames are handed to the OS before COMMIT returns); a power loss or kernel crash may lose
/// the last commits before the next WAL checkpoint, never corrupt the file. FULL would fsync on
/// every commit and cap confirms at the disk's flush rate.
///
/// Concurrency: one connection, every call serialised by a mutex; each check-then-write is one
/// BEGIN IMMEDIATE transaction, so no two writers (threads here, or other processes or store
/// instances on the same file, waiting up to busy_timeout) can both pass an overlap check.
///
/// Details beyond BookingStore's contract:
/// - confirm_quote takes the booking's id, status, source, notes and timestamps from `booking`,
///   and its facility, resources, times, service, customer and price from the stored quote.
/// - reschedule_booking changes resources, times, service, price and updated_at only.
/// - cancel_booking answers kNotActive with the (already cancelled) booking set.
/// - BookingFilter::phone matches on digits ("+1 (312) 555-0100" finds "+13125550100"), or on
///   the last 10 digits when either side has no country code; email case-insensitively (ASCII).
/// - Spans are at most 24 hours and name each resource once, else InvalidArgument
///   ("INVALID_BOOKING"); a quote or booking with no resources is rejected the same way.
/// - SQLite failures throw Unavailable("STORE_UNAVAILABLE") or InternalError("STORE_ERROR").
///
/// Calendar sync (CalendarSyncStore, sqlite_calendar_rows.cpp): with enable_calendar_outbox(true)
/// every confirm, direct booking, cancel and reschedule also queues a calendar_outbox row in
/// its own transaction; imported calendar blocks count as occupancy and clash like bookings
/// (whether or not the outbox is enabled).
///
/// Conversation log (ConversationLog, sqlite_conversation_rows.cpp): call and chat transcripts
/// in their own tables; no booking write touches them.
///
/// Threads: any thread, internally synchronised. Blocks on disk: worker pool only.
class SqliteStore final : public BookingStore, public CalendarSyncStore, public ConversationLog {
public:
    /// Opens or creates `path` (":memory:" for a private in-memory database) and migrates it.
    /// Throws Unavailable("STORE_UNAVAILABLE") when it cannot be opened,
    /// Unavailable("STORE_SCHEMA_TOO_NEW") when a newer build wrote it.
    explicit SqliteStore(const std::filesystem::path& path, SqliteStoreOptions options = {});
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    [[nodiscard]] std::vector<Occupancy> occupancy(std::string_view facility_id, Instant from,
                                                   Instant to, Instant now) override;
    WriteOutcome insert_quote(const Quote& quote, std::chrono::minutes buffer,
                              Instant now) override;
    [[nodiscard]] std::optional<Quote> find_quote(std::string_view quote_id) override;
    WriteOutcome confirm_quote(std::string_view quote_id, const Booking& booking,
                               std::chrono::minutes buffer, Instant now) override;
    WriteOutcome insert_booking(const Booking& booking,
                                const std::optional<std::string>& idempotency_key,
                                std::chrono::minutes buffer, Instant now) override;
    [[nodiscard]] std::optional<Booking> find_booking(std::string_view booking_id) override;
    [[nodiscard]] std::vector<Booking> list_bookings(const BookingFilter& filter) override;
    WriteOutcome cancel_booking(std::string_view booking_id, Instant now) override;
    WriteOutcome reschedule_booking(const Booking& moved, std::chrono::minutes buffer,
                                    Instant now) override;
    WriteOutcome update_notes(std::string_view booking_id, const std::string& notes,
                              Instant now) override;
    int release_expired_quotes(Instant now) override;

    /// The schema version of the open database (`PRAGMA user_version`).
    [[nodiscard]] int schema_version();

    /// Queue a calendar_outbox row with each booking write from now on (off by default).
    void enable_calendar_outbox(bool enabled);

    // CalendarSyncStore
    [[nodiscard]] std::vector<OutboxItem> claim_outbox(Instant now, int limit,
                                                       std::chrono::seconds lease) override;
    void complete_outbox(const OutboxItem& item, const CalendarEventRecord& done,
                         Instant now) override;
    void fail_outbox(const OutboxItem& item, const std::string& error,
                     std::optional<Instant> retry_at, Instant now) override;
    void defer_outbox(const OutboxItem& item, Instant at) override;
    [[nodiscard]] std::size_t outbox_size() override;
    [[nodiscard]] std::optional<CalendarEventRecord> calendar_event(
        std::string_view booking_id) override;
    void set_review_note(std::string_view booking_id, const std::string& note,
                         Instant now) override;
    void upsert_block(const ExternalBlock& block) override;
    void delete_block(std::string_view calendar_id, std::string_view event_id) override;
    void clear_blocks(std::string_view calendar_id) override;
    [[nodiscard]] std::vector<ExternalBlock> blocks(std::string_view facility_id) override;
    [[nodiscard]] std::optional<std::string> sync_token(std::string_view calendar_id) override;
    void set_sync_token(std::string_view calendar_id, const std::optional<std::string>& token,
                        Instant now) override;

    // ConversationLog (sqlite_conversation_rows.cpp, schema v2)
    void start_conversation(const Conversation& conversation) override;
    void append_entries(std::string_view conversation_id,
                        std::span<const ConversationEntry> entries) override;
    bool finish_conversation(std::string_view conversation_id, std::string_view end_reason,
                             std::string_view metrics_json, Instant ended_at) override;
    [[nodiscard]] std::optional<ConversationTranscript> find_conversation(
        std::string_view conversation_id) override;
    [[nodiscard]] std::vector<Conversation> list_conversations(
        const ConversationFilter& filter) override;

private:
    std::mutex mutex_;                        // serialises every use of db_
    bool calendar_outbox_ = false;            // guarded by mutex_
    std::unique_ptr<sqlite::Connection> db_;  // owned; never null
};

}  // namespace frontdesk::booking
