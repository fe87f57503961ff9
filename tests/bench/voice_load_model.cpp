// The fake OpenAI Realtime model of frontdesk_voice_load (PROTOCOLS §7): cheap on purpose, so
// that what the tool measures is the server. Connections are coroutines on one thread, and the
// per-frame path (append in, audio delta out) is built and recognised by hand, not through a
// JSON document; everything else is rare and uses nlohmann::json.
#include <exception>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <nlohmann/json.hpp>

#include "bench/voice_load.hpp"
#include "media/base64.hpp"
#include "support/fake_server_tls.hpp"

namespace frontdesk::test::voice_load {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;
using Websocket = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kHandshakeTimeout = std::chrono::seconds{10};
constexpr std::string_view kAppendHead = R"({"type":"input_audio_buffer.append","audio":")";
constexpr std::string_view kAppendTail = R"("})";
constexpr std::string_view kDeltaHead = R"({"type":"response.output_audio.delta","event_id":"evt_)";
constexpr std::size_t kEventIdRoom = 32;
constexpr std::size_t kGreetingBytes = 800;     // 100 ms of μ-law silence
constexpr std::int64_t kPrefixPaddingMs = 300;  // as server VAD reports speech starts
constexpr std::size_t kUlawBytesPerMs = 8;      // 8 kHz, one byte a sample
constexpr std::uint64_t kToolPhaseStride = 97;  // spreads the tool calls over the window
constexpr std::uint64_t kTurnPhaseStride = 7;   // and the turns over the frame clock

void bump(std::atomic<std::uint64_t>& counter, std::uint64_t by = 1) {
    counter.fetch_add(by, std::memory_order_relaxed);
}

const std::string& greeting_audio() {
    static const std::string kAudio = [] {
        const std::vector<std::uint8_t> silence(kGreetingBytes, 0xFF);
        return media::base64_encode(silence);
    }();
    return kAudio;
}

/// The audio part of an append built the way the server builds it (realtime_event_build.cpp),
/// or nullopt for any other text, which then goes through the JSON parser.
std::optional<std::string_view> append_audio(std::string_view text) {
    if (!text.starts_with(kAppendHead) || !text.ends_with(kAppendTail)) return std::nullopt;
    const auto audio =
        text.substr(kAppendHead.size(), text.size() - kAppendHead.size() - kAppendTail.size());
    if (audio.find('"') != std::string_view::npos) return std::nullopt;
    return audio;
}

/// One Realtime session's script and state. Pure: turns the server's events into the events
/// to answer with. Used only by its connection's coroutine.
class Conversation {
public:
    Conversation(std::uint64_t id, const ModelPlan& plan, ModelCounters& counters)
        : id_(id),
          plan_(plan),
          counters_(counters),
          tool_frame_(plan.tool_first_frame +
                      (id * kToolPhaseStride) % std::max<std::size_t>(plan.tool_spread_frames, 1)),
          turn_phase_((id * kTurnPhaseStride) % std::max<std::size_t>(plan.turn_frames, 1)) {}

    [[nodiscard]] std::string session_created() {
        return event("session.created", {{"session", {{"type", "realtime"}, {"id", tag("sess")}}}});
    }

    void on_text(std::string_view text, std::vector<std::string>& out) {
        if (const auto audio = append_audio(text)) {
            on_append(*audio, out);
            return;
        }
        try {
            on_event(json::parse(text, nullptr, false), out);
        } catch (const json::exception&) {
            bump(counters_.unexpected_events);  // a field of an unexpected type
        }
    }

private:
    [[nodiscard]] std::string tag(std::string_view prefix) const {
        return std::string{prefix} + "_" + std::to_string(id_);
    }

    std::string event(std::string_view type, json fields) {
        fields["type"] = type;
        fields["event_id"] = "evt_" + std::to_string(id_) + "_" + std::to_string(++events_);
        return fields.dump();
    }

    void on_event(const json& received, std::vector<std::string>& out) {
        const auto type = received.is_object() ? received.value("type", "") : std::string{};
        if (type == "input_audio_buffer.append" && received.contains("audio") &&
            received["audio"].is_string()) {
            on_append(received["audio"].get_ref<const std::string&>(), out);
        } else if (type == "session.update") {
            on_session_update(received, out);
        } else if (type == "response.create") {
            on_response_create(out);
        } else if (type == "conversation.item.create") {
            on_item_create(received);
        } else if (type == "conversation.item.truncate") {
            bump(counters_.truncates);
            out.push_back(event("conversation.item.truncated",
                                {{"item_id", received.value("item_id", "")},
                                 {"content_index", 0},
                                 {"audio_end_ms", received.value("audio_end_ms", 0)}}));
        } else if (type == "response.cancel") {
            close_response("cancelled", "client_cancelled", out);
        } else {
            bump(counters_.unexpected_events);
        }
    }

    void on_session_update(const json& update, std::vector<std::string>& out) {
        json format = {{"type", "audio/pcmu"}};
        const auto& session = update.contains("session") ? update["session"] : json::object();
        if (session.contains("audio") && session["audio"].contains("input") &&
            session["audio"]["input"].contains("format")) {
            format = session["audio"]["input"]["format"];
        }
        bump(counters_.sessions_updated);
        out.push_back(event(
            "session.updated",
            {{"session",
              {{"type", "realtime"},
               {"id", tag("sess")},
               {"audio", {{"input", {{"format", format}}}, {"output", {{"format", format}}}}}}}}));
    }

    void on_response_create(std::vector<std::string>& out) {
        tool_pending_ = false;
        close_response("completed", "", out);
        open_response(out);
        if (std::exchange(greeted_, true)) return;
        bump(counters_.greetings);
        out.push_back(event("response.output_audio.delta", {{"response_id", response_id_},
                                                            {"item_id", item_id_},
                                                            {"output_index", 0},
                                                            {"content_index", 0},
                                                            {"delta", greeting_audio()}}));
    }

    void on_item_create(const json& create) {
        const auto& item = create.contains("item") ? create["item"] : json::object();
        if (item.value("type", "") != "function_call_output" ||
            item.value("call_id", "") != tool_call_id_ || tool_call_id_.empty()) {
            bump(counters_.unexpected_events);
            return;
        }
        bump(counters_.tool_outputs);
        const auto output = json::parse(item.value("output", ""), nullptr, false);
        if (!output.is_object() || !output.value("ok", true)) bump(counters_.tool_errors);
        const auto took = static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - tool_asked_at_)
                .count());
        bump(counters_.tool_round_trip_us_sum, took);
        if (took > counters_.tool_round_trip_us_max.load(std::memory_order_relaxed)) {
            counters_.tool_round_trip_us_max.store(took, std::memory_order_relaxed);
        }
    }

    void on_append(std::string_view audio, std::vector<std::string>& out) {
        ++appends_;
        audio_ms_ += static_cast<std::int64_t>(audio.size() / 4 * 3 / kUlawBytesPerMs);
        if (!delta_ids_.empty()) {
            // The echo: same payload, the current response's ids, fields in OpenAI's order
            // (hand-built, see the top).
            std::string delta;
            delta.reserve(kDeltaHead.size() + delta_ids_.size() + audio.size() + kEventIdRoom);
            delta.append(kDeltaHead).append(std::to_string(id_)).push_back('_');
            delta.append(std::to_string(++events_)).push_back('"');
            delta.append(delta_ids_).append(audio).append(R"("})");
            out.push_back(std::move(delta));
            bump(counters_.appends_echoed);
        }
        if (response_open_ && plan_.transcript_delta_frames != 0 &&
            appends_ % plan_.transcript_delta_frames == 0) {
            out.push_back(
                event("response.output_audio_transcript.delta", {{"response_id", response_id_},
                                                                 {"item_id", item_id_},
                                                                 {"output_index", 0},
                                                                 {"content_index", 0},
                                                                 {"delta", "court "}}));
        }
        if (tool_pending_) return;
        if (tool_call_id_.empty() && appends_ == tool_frame_) {
            call_tool(out);
        } else if (plan_.turn_frames != 0 && (appends_ + turn_phase_) % plan_.turn_frames == 0) {
            caller_turn(out);
        }
    }

    /// The caller speaks: odd turns interrupt the agent (server VAD cancels the response, the
    /// bridge clears and truncates), even ones follow a finished response.
    void caller_turn(std::vector<std::string>& out) {
        ++turns_;
        bump(counters_.caller_turns);
        const auto user_item = tag("item_user") + "_" + std::to_string(turns_);
        const bool interrupting = turns_ % 2 == 1;
        if (!interrupting) close_response("completed", "", out);
        out.push_back(
            event("input_audio_buffer.speech_started",
                  {{"item_id", user_item},
                   {"audio_start_ms", std::max<std::int64_t>(0, audio_ms_ - kPrefixPaddingMs)}}));
        if (interrupting) {
            bump(counters_.interruptions);
            close_response("cancelled", "turn_detected", out);
        }
        out.push_back(event("input_audio_buffer.speech_stopped",
                            {{"item_id", user_item}, {"audio_end_ms", audio_ms_}}));
        out.push_back(event("input_audio_buffer.committed", {{"item_id", user_item}}));
        out.push_back(event("conversation.item.input_audio_transcription.completed",
                            {{"item_id", user_item},
                             {"content_index", 0},
                             {"transcript", "Is a court free tomorrow evening at six?"}}));
        bump(counters_.transcripts_sent);
        open_response(out);
    }

    void call_tool(std::vector<std::string>& out) {
        tool_call_id_ = tag("call");
        const auto arguments = json{{"date", plan_.tool_date}, {"start_time", "18:00"}}.dump();
        out.push_back(
            event("response.function_call_arguments.done", {{"response_id", response_id_},
                                                            {"item_id", tag("fc")},
                                                            {"output_index", 0},
                                                            {"call_id", tool_call_id_},
                                                            {"name", "check_availability"},
                                                            {"arguments", arguments}}));
        out.push_back(event("response.done", {{"response",
                                               {{"id", response_id_},
                                                {"status", "completed"},
                                                {"output",
                                                 {{{"type", "function_call"},
                                                   {"call_id", tool_call_id_},
                                                   {"name", "check_availability"},
                                                   {"arguments", arguments}}}}}}}));
        response_open_ = false;
        tool_pending_ = true;  // until the server's response.create after the output
        tool_asked_at_ = Clock::now();
        bump(counters_.tool_calls);
    }

    void open_response(std::vector<std::string>& out) {
        ++responses_;
        response_id_ = tag("resp") + "_" + std::to_string(responses_);
        item_id_ = tag("item") + "_" + std::to_string(responses_);
        delta_ids_ = R"(,"response_id":")" + response_id_ + R"(","item_id":")" + item_id_ +
                     R"(","output_index":0,"content_index":0,"delta":")";
        response_open_ = true;
        out.push_back(event("response.created", {{"response",
                                                  {{"id", response_id_},
                                                   {"object", "realtime.response"},
                                                   {"status", "in_progress"}}}}));
        out.push_back(event("rate_limits.updated", {{"rate_limits",
                                                     {{{"name", "tokens"},
                                                       {"limit", 50000},
                                                       {"remaining", 49000},
                                                       {"reset_seconds", 1.5}}}}}));
    }

    void close_response(std::string_view status, std::string_view reason,
                        std::vector<std::string>& out) {
        if (!std::exchange(response_open_, false)) return;
        json details = nullptr;
        if (!reason.empty()) details = {{"type", status}, {"reason", reason}};
        if (status == "completed") {
            out.push_back(event("response.output_audio_transcript.done",
                                {{"response_id", response_id_},
                                 {"item_id", item_id_},
                                 {"output_index", 0},
                                 {"content_index", 0},
                                 {"transcript", "Court three is free at six; shall I book it?"}}));
            bump(counters_.transcripts_sent);
        }
        out.push_back(
            event("response.done",
                  {{"response",
                    {{"id", response_id_}, {"status", status}, {"status_details", details}}}}));
    }

    const std::uint64_t id_;
    const ModelPlan& plan_;
    ModelCounters& counters_;
    const std::uint64_t tool_frame_;
    const std::uint64_t turn_phase_;
    std::uint64_t events_ = 0;
    std::uint64_t appends_ = 0;
    std::int64_t audio_ms_ = 0;  // caller audio received: what VAD timestamps count
    std::uint64_t responses_ = 0;
    std::uint64_t turns_ = 0;
    std::string response_id_;
    std::string item_id_;
    std::string delta_ids_;  // the echo's text from the event id to the payload: current item
    bool response_open_ = false;
    bool greeted_ = false;
    std::string tool_call_id_;  // empty until the one tool call
    bool tool_pending_ = false;
    Clock::time_point tool_asked_at_{};
};

}  // namespace

struct FakeRealtimeModel::Impl {
    explicit Impl(ModelPlan p) : plan(std::move(p)) {}

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(tcp::socket socket, std::uint64_t id);
    asio::awaitable<void> converse(Websocket& ws, std::uint64_t id);

    // Declared before the loop: coroutine frames that the loop's destruction destroys still
    // refer to them.
    const ModelPlan plan;
    ModelCounters counters;
    asio::ssl::context tls = make_fake_server_tls_context();
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::uint16_t port = 0;
    std::thread thread;
};

asio::awaitable<void> FakeRealtimeModel::Impl::accept_loop() {
    for (std::uint64_t id = 1;; ++id) {
        auto [error, socket] = co_await acceptor.async_accept(kUseTuple);
        if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        if (error) {
            bump(counters.handshake_failures);  // e.g. out of descriptors; keep accepting
            continue;
        }
        socket.set_option(tcp::no_delay(true));
        asio::co_spawn(ioc, serve(std::move(socket), id), [this](std::exception_ptr e) {
            if (e) bump(counters.unexpected_events);
        });
    }
}

asio::awaitable<void> FakeRealtimeModel::Impl::serve(tcp::socket socket, std::uint64_t id) {
    Websocket ws{std::move(socket), tls};
    beast::get_lowest_layer(ws).expires_after(kHandshakeTimeout);
    auto [tls_error] =
        co_await ws.next_layer().async_handshake(asio::ssl::stream_base::server, kUseTuple);
    if (tls_error) {
        bump(counters.handshake_failures);
        co_return;
    }
    beast::flat_buffer buffer;
    http::request<http::string_body> upgrade;
    auto [read_error, read] =
        co_await http::async_read(ws.next_layer(), buffer, upgrade, kUseTuple);
    if (read_error || !websocket::is_upgrade(upgrade)) {
        bump(counters.handshake_failures);
        co_return;
    }
    if (!upgrade.target().starts_with("/v1/realtime") ||
        upgrade[http::field::authorization] != "Bearer " + std::string{kOpenAiKey}) {
        bump(counters.bad_upgrades);
    }
    // From here the websocket's own timeouts (and its answers to the client's pings) apply.
    beast::get_lowest_layer(ws).expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    auto [accept_error] = co_await ws.async_accept(upgrade, kUseTuple);
    if (accept_error) {
        bump(counters.handshake_failures);
        co_return;
    }
    bump(counters.connections);
    co_await converse(ws, id);
}

asio::awaitable<void> FakeRealtimeModel::Impl::converse(Websocket& ws, std::uint64_t id) {
    ws.text(true);
    Conversation conversation{id, plan, counters};
    std::vector<std::string> out{conversation.session_created()};
    beast::flat_buffer buffer;
    for (;;) {
        // Answers go out before the next read: one write at a time, in order, per connection.
        for (const auto& text : out) {
            auto [write_error, written] = co_await ws.async_write(asio::buffer(text), kUseTuple);
            if (write_error) co_return;
        }
        out.clear();
        buffer.clear();
        auto [read_error, read] = co_await ws.async_read(buffer, kUseTuple);
        if (read_error) co_return;  // the server closed the call (or dropped it)
        const auto* data = static_cast<const char*>(buffer.cdata().data());
        conversation.on_text(std::string_view{data, buffer.size()}, out);
    }
}

FakeRealtimeModel::FakeRealtimeModel(ModelPlan plan)
    : impl_(std::make_unique<Impl>(std::move(plan))) {
    const tcp::endpoint loopback(asio::ip::make_address_v4("127.0.0.1"), 0);
    impl_->acceptor.open(loopback.protocol());
    impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
    impl_->acceptor.bind(loopback);
    impl_->acceptor.listen(asio::socket_base::max_listen_connections);
    impl_->port = impl_->acceptor.local_endpoint().port();
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), [](std::exception_ptr) {});
    impl_->thread = std::thread{[impl = impl_.get()] { impl->ioc.run(); }};
}

FakeRealtimeModel::~FakeRealtimeModel() {
    // Connections still open are dropped when the loop and their frames are destroyed.
    asio::post(impl_->ioc, [impl = impl_.get()] { impl->ioc.stop(); });
    impl_->thread.join();
}

std::uint16_t FakeRealtimeModel::port() const noexcept { return impl_->port; }

const ModelCounters& FakeRealtimeModel::counters() const noexcept { return impl_->counters; }

}  // namespace frontdesk::test::voice_load
