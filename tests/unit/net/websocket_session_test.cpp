// WebsocketSession over loopback: a real HttpServer hands the upgraded connection to a scripted
// owner (its messages say what to do), driven by a Beast client with a deadline on every step.
#include "net/websocket_session.hpp"

#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>

#include "net/strand.hpp"
#include "net/websocket_upgrade.hpp"
#include "net_test_support.hpp"

namespace frontdesk::net::test {
namespace {

/// What one server-side session saw.
struct SessionRecord {
    bool accepted = false;
    std::vector<std::string> texts;
    std::vector<std::string> binaries;
    std::vector<std::pair<WebsocketOp, beast::error_code>> errors;
    std::vector<std::string> exceptions;  // "what: error"
    std::size_t frames_written = 0;

    [[nodiscard]] bool has_error(WebsocketOp op, const beast::error_code& ec) const {
        for (const auto& [seen_op, seen_ec] : errors) {
            if (seen_op == op && seen_ec == ec) return true;
        }
        return false;
    }
};

/// The sessions' records by upgrade target. Written on the io threads, read by the test.
class Journal {
public:
    void update(const std::string& target, const std::function<void(SessionRecord&)>& change) {
        {
            std::lock_guard lock{mutex_};
            change(records_[target]);
        }
        changed_.notify_all();
    }

    /// `target`'s record once `done` holds for it; a test failure naming `what` when kDeadline
    /// passes first.
    SessionRecord wait_for(const std::string& target, const char* what,
                           const std::function<bool(const SessionRecord&)>& done) {
        std::unique_lock lock{mutex_};
        const bool reached =
            changed_.wait_for(lock, kDeadline, [&] { return done(records_[target]); });
        EXPECT_TRUE(reached) << target << ": timed out waiting for " << what;
        return records_[target];
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, SessionRecord> records_;
};

/// An owner whose client scripts it: "echo:X" sends X, "burst:N" sends "0".."N-1",
/// "close:CODE:REASON" closes, "throw" throws from the message handler. Ends (cut) on any
/// accept, read or write error. Records everything in the Journal.
class ScriptedOwner : public WebsocketOwner, public std::enable_shared_from_this<ScriptedOwner> {
public:
    ScriptedOwner(UpgradeContext&& context, const WebsocketSettings& settings, Journal& journal)
        : target_(context.request.target().data(), context.request.target().size()),
          journal_(journal),
          ws_(*this, to_strand_socket(context.stream.release_socket()), std::move(context.request),
              settings) {}

    void start() { ws_.start(); }

private:
    std::shared_ptr<void> keep_alive() override { return shared_from_this(); }

    void on_accepted(const WebsocketSession::Request& request) override {
        EXPECT_EQ(std::string_view(request.target().data(), request.target().size()), target_);
        record([](SessionRecord& r) { r.accepted = true; });
    }

    void on_message(std::string_view payload, bool is_text) override {
        const std::string message{payload};
        record([&](SessionRecord& r) { (is_text ? r.texts : r.binaries).push_back(message); });
        if (!is_text) return;
        constexpr std::string_view kEcho = "echo:";
        constexpr std::string_view kBurst = "burst:";
        constexpr std::string_view kClose = "close:";
        if (message == "throw") throw std::runtime_error("boom");
        if (message.starts_with(kEcho)) {
            send(message.substr(kEcho.size()));
        } else if (message.starts_with(kBurst)) {
            const int count = std::stoi(message.substr(kBurst.size()));
            for (int i = 0; i < count; ++i) send(std::to_string(i));
        } else if (message.starts_with(kClose)) {
            const auto colon = message.find(':', kClose.size());
            const auto code = std::stoi(message.substr(kClose.size(), colon - kClose.size()));
            ws_.close(static_cast<websocket::close_code>(code), message.substr(colon + 1));
        }
    }

    std::optional<std::string> next_frame() override {
        if (outbound_.empty()) return std::nullopt;
        auto frame = std::move(outbound_.front());
        outbound_.pop_front();
        return frame;
    }

    void on_frame_written() override {
        record([](SessionRecord& r) { ++r.frames_written; });
    }

    void on_io_error(WebsocketOp op, const beast::error_code& ec) override {
        record([&](SessionRecord& r) { r.errors.emplace_back(op, ec); });
        if (op != WebsocketOp::kClose) ws_.cut();
    }

    void on_exception(const char* what, std::string_view error) noexcept override {
        try {
            const auto line = std::string{what} + ": " + std::string{error};
            record([&](SessionRecord& r) { r.exceptions.push_back(line); });
        } catch (...) {  // NOLINT(bugprone-empty-catch): the test then fails on the journal
        }
        ws_.close(websocket::close_code::internal_error, "internal error");
    }

    void send(std::string frame) {
        outbound_.push_back(std::move(frame));
        ws_.write_pending();
    }

    void record(const std::function<void(SessionRecord&)>& change) {
        journal_.update(target_, change);
    }

    std::string target_;
    Journal& journal_;  // outlives the harness and so every session
    WebsocketSession ws_;
    std::deque<std::string> outbound_;
};

void install(ServerHarness& harness, Journal& journal, WebsocketSettings settings = {}) {
    harness.server().set_upgrade_handler("/ws", [&journal, settings](UpgradeContext&& context) {
        std::make_shared<ScriptedOwner>(std::move(context), settings, journal)->start();
    });
}

/// A websocket client whose every step has a deadline (the tcp_stream timer).
class Client {
public:
    explicit Client(std::uint16_t port) : ws_(ioc_) {
        const asio::ip::tcp::endpoint server{asio::ip::make_address_v4("127.0.0.1"), port};
        expect_ok(run([&](auto done) {
                      beast::get_lowest_layer(ws_).async_connect(server, std::move(done));
                  }),
                  "connect");
    }

    void handshake(std::string_view target) {
        expect_ok(
            run([&](auto done) { ws_.async_handshake("127.0.0.1", target, std::move(done)); }),
            "handshake");
    }

    void write(std::string_view payload, bool is_text = true) {
        ws_.text(is_text);
        expect_ok(run([&](auto done) { ws_.async_write(asio::buffer(payload), std::move(done)); }),
                  "write");
    }

    /// The next message, or the error that ended reading (websocket::error::closed after a
    /// close handshake; reason() then holds the server's close frame).
    std::pair<beast::error_code, std::string> read() {
        beast::flat_buffer buffer;
        const auto ec = run([&](auto done) { ws_.async_read(buffer, std::move(done)); });
        return {ec, beast::buffers_to_string(buffer.data())};
    }

    [[nodiscard]] const websocket::close_reason& reason() const { return ws_.reason(); }

    void close() {
        expect_ok(run([&](auto done) {
                      ws_.async_close(websocket::close_code::normal, std::move(done));
                  }),
                  "close");
    }

    /// The raw bytes that arrive (no websocket framing, so no close frame is ever answered)
    /// until the connection ends, and how it ended.
    std::pair<beast::error_code, std::string> read_raw_until_end() {
        std::string bytes;
        std::array<char, 512> chunk{};
        for (;;) {
            std::size_t got = 0;
            const auto ec = run([&](auto done) {
                beast::get_lowest_layer(ws_).async_read_some(
                    asio::buffer(chunk),
                    [&got, done = std::move(done)](beast::error_code e, std::size_t n) mutable {
                        got = n;
                        done(e);
                    });
            });
            bytes.append(chunk.data(), got);
            if (ec) return {ec, bytes};
        }
    }

private:
    static void expect_ok(const beast::error_code& ec, const char* what) {
        if (ec) throw std::runtime_error(std::string{what} + ": " + ec.message());
    }

    /// Starts an operation through `start(done)` and runs the client's io_context until it
    /// completes, which the stream's deadline bounds.
    template <class Start>
    beast::error_code run(Start&& start) {
        beast::get_lowest_layer(ws_).expires_after(kDeadline);
        std::optional<beast::error_code> result;
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc_.restart();
        ioc_.run();
        return result.value_or(asio::error::timed_out);
    }

    asio::io_context ioc_;
    websocket::stream<beast::tcp_stream> ws_;
};

bool accepted(const SessionRecord& record) { return record.accepted; }

TEST(WebsocketSession, AcceptsAndHandsEachMessageToTheOwner) {
    Journal journal;  // outlives the harness and its io threads
    ServerHarness harness;
    install(harness, journal);
    Client client{harness.start()};
    client.handshake("/ws?name=a");
    journal.wait_for("/ws?name=a", "the accept", accepted);

    client.write("hello");
    client.write(std::string{"\x01\x00\x02", 3}, false);
    client.write("echo:hi");
    const auto [ec, echoed] = client.read();
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(echoed, "hi");

    const auto record = journal.wait_for("/ws?name=a", "one frame written",
                                         [](const auto& r) { return r.frames_written == 1; });
    EXPECT_EQ(record.texts, (std::vector<std::string>{"hello", "echo:hi"}));
    EXPECT_EQ(record.binaries, (std::vector<std::string>{std::string{"\x01\x00\x02", 3}}));
    EXPECT_TRUE(record.errors.empty());
}

TEST(WebsocketSession, WritesFramesInTheOrderTheOwnerGivesThem) {
    constexpr int kFrames = 300;
    Journal journal;
    ServerHarness harness;
    install(harness, journal);
    Client client{harness.start()};
    client.handshake("/ws?name=burst");

    client.write("burst:" + std::to_string(kFrames));
    for (int i = 0; i < kFrames; ++i) {
        const auto [ec, frame] = client.read();
        ASSERT_FALSE(ec) << "frame " << i << ": " << ec.message();
        ASSERT_EQ(frame, std::to_string(i));
    }
    // With the queue drained and no write in flight, the next frame starts a write again.
    client.write("echo:after");
    const auto [ec, frame] = client.read();
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(frame, "after");
    journal.wait_for("/ws?name=burst", "every frame written",
                     [](const auto& r) { return r.frames_written == kFrames + 1; });
}

TEST(WebsocketSession, CloseSendsTheCodeAndTheReasonCutTo120Bytes) {
    Journal journal;
    ServerHarness harness;
    install(harness, journal);
    Client client{harness.start()};
    client.handshake("/ws?name=close");

    const std::string reason(200, 'r');
    client.write("close:1008:" + reason);
    const auto [ec, frame] = client.read();
    EXPECT_EQ(ec, websocket::error::closed) << ec.message();
    EXPECT_EQ(client.reason().code,
              static_cast<std::uint16_t>(websocket::close_code::policy_error));
    EXPECT_EQ(std::string(client.reason().reason.data(), client.reason().reason.size()),
              reason.substr(0, 120));

    const auto record = journal.wait_for("/ws?name=close", "the close message",
                                         [](const auto& r) { return r.texts.size() == 1; });
    EXPECT_TRUE(record.errors.empty()) << "the handshake completed, so nothing went wrong";
    EXPECT_EQ(record.frames_written, 0U);
}

TEST(WebsocketSession, CutsAPeerThatNeverAnswersTheClose) {
    Journal journal;
    ServerHarness harness;
    WebsocketSettings settings;
    settings.close_timeout = std::chrono::milliseconds{200};  // Beast's own would take 30 s
    install(harness, journal, settings);
    Client client{harness.start()};
    client.handshake("/ws?name=silent");

    client.write("close:1001:bye");
    const auto [ec, bytes] = client.read_raw_until_end();
    EXPECT_EQ(ec, asio::error::eof) << ec.message();
    ASSERT_FALSE(bytes.empty());
    constexpr auto kFinCloseFrame = static_cast<unsigned char>(0x88);
    EXPECT_EQ(static_cast<unsigned char>(bytes.front()), kFinCloseFrame) << "a close frame first";

    const auto record = journal.wait_for("/ws?name=silent", "the close timeout", [](const auto& r) {
        return r.has_error(WebsocketOp::kClose, asio::error::timed_out);
    });
    EXPECT_EQ(record.errors.size(), 1U);
}

TEST(WebsocketSession, AnExceptionFromTheOwnerEndsOnlyThatSession) {
    Journal journal;
    ServerHarness harness;
    install(harness, journal);
    const auto port = harness.start();
    Client failing{port};
    failing.handshake("/ws?name=failing");
    Client healthy{port};
    healthy.handshake("/ws?name=healthy");
    journal.wait_for("/ws?name=healthy", "the accept", accepted);

    failing.write("throw");
    const auto [ec, frame] = failing.read();
    EXPECT_EQ(ec, websocket::error::closed) << ec.message();
    EXPECT_EQ(failing.reason().code,
              static_cast<std::uint16_t>(websocket::close_code::internal_error));
    const auto record = journal.wait_for("/ws?name=failing", "the exception",
                                         [](const auto& r) { return !r.exceptions.empty(); });
    EXPECT_EQ(record.exceptions, (std::vector<std::string>{"read loop: boom"}));

    healthy.write("echo:still here");
    const auto [healthy_ec, echoed] = healthy.read();
    ASSERT_FALSE(healthy_ec) << healthy_ec.message();
    EXPECT_EQ(echoed, "still here");
    healthy.close();
    const auto healthy_record = journal.wait_for(
        "/ws?name=healthy", "the client's close",
        [](const auto& r) { return r.has_error(WebsocketOp::kRead, websocket::error::closed); });
    EXPECT_TRUE(healthy_record.exceptions.empty());
}

TEST(WebsocketSession, AMessageOverTheLimitIsAReadError) {
    Journal journal;
    ServerHarness harness;
    WebsocketSettings settings;
    settings.read_message_max = 1024;
    install(harness, journal, settings);
    Client client{harness.start()};
    client.handshake("/ws?name=big");

    client.write("small");
    client.write(std::string(2048, 'x'));
    const auto record = journal.wait_for("/ws?name=big", "the read error", [](const auto& r) {
        return r.has_error(WebsocketOp::kRead, websocket::error::message_too_big);
    });
    EXPECT_EQ(record.texts, (std::vector<std::string>{"small"}));
}

}  // namespace
}  // namespace frontdesk::net::test
