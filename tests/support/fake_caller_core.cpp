#include "support/fake_caller_core.hpp"

#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

namespace frontdesk::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr auto kAwaitTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kConnectTimeout = std::chrono::seconds{5};

std::vector<std::uint8_t> decode_base64(const std::string& text) {
    std::vector<std::uint8_t> out(beast::detail::base64::decoded_size(text.size()));
    const auto [written, read] =
        beast::detail::base64::decode(out.data(), text.data(), text.size());
    out.resize(written);
    return out;
}

}  // namespace

FakeCallerCore::FakeCallerCore(asio::any_io_executor executor, std::uint16_t port,
                               CallerDialect dialect, CallerScript script)
    : executor_(executor),
      port_(port),
      dialect_(std::move(dialect)),
      script_(script),
      ws_(executor),
      writer_wakeup_(executor),
      reader_gate_(executor) {}

void FakeCallerCore::start() { asio::co_spawn(executor_, run(shared_from_this()), asio::detached); }

void FakeCallerCore::send_text(std::string text) {
    asio::post(executor_, [self = shared_from_this(), text = std::move(text)]() mutable {
        self->enqueue(std::move(text));
    });
}

void FakeCallerCore::send_stop() { send_text(dialect_.stop_frame()); }

void FakeCallerCore::send_audio(std::vector<std::uint8_t> audio) {
    asio::post(executor_, [self = shared_from_this(), audio = std::move(audio)] {
        std::int64_t timestamp = 0;
        {
            const std::lock_guard lock{self->mutex_};
            timestamp = static_cast<std::int64_t>(self->seen_.media_frames_sent) *
                        self->script_.frame_clock.count();
            ++self->seen_.media_frames_sent;
        }
        self->changed_.notify_all();
        self->enqueue(self->dialect_.media_frame(audio, timestamp));
    });
}

void FakeCallerCore::stop_reading() {
    asio::post(executor_, [self = shared_from_this()] { self->reading_ = false; });
}

void FakeCallerCore::close() {
    asio::post(executor_, [self = shared_from_this()] {
        self->closing_ = true;
        asio::co_spawn(
            self->executor_,
            [](std::shared_ptr<FakeCallerCore> me) -> asio::awaitable<void> {
                co_await me->ws_.async_close(websocket::close_code::normal, kAwaitTuple);
            }(self),
            asio::detached);
    });
}

CallerObservations FakeCallerCore::observations() const {
    const std::lock_guard lock{mutex_};
    return seen_;
}

bool FakeCallerCore::wait_until(const std::function<bool(const CallerObservations&)>& done,
                                std::chrono::milliseconds deadline) const {
    std::unique_lock lock{mutex_};
    return changed_.wait_for(lock, deadline, [&] { return done(seen_); });
}

void FakeCallerCore::enqueue(std::string text) {
    outbox_.push_back(std::move(text));
    writer_wakeup_.cancel();
}

asio::awaitable<void> FakeCallerCore::run(std::shared_ptr<FakeCallerCore> self) {
    auto& tcp = beast::get_lowest_layer(self->ws_);
    tcp.socket().open(asio::ip::tcp::v4());
    if (self->receive_buffer_ > 0) {
        tcp.socket().set_option(asio::socket_base::receive_buffer_size{self->receive_buffer_});
    }
    tcp.expires_after(kConnectTimeout);
    const asio::ip::tcp::endpoint server{asio::ip::make_address_v4("127.0.0.1"), self->port_};
    auto [connect_ec] = co_await tcp.async_connect(server, kAwaitTuple);
    websocket::response_type response;
    beast::error_code handshake_ec = connect_ec;
    if (!connect_ec) {
        tcp.expires_never();
        self->ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
        self->ws_.set_option(websocket::stream_base::decorator(
            [headers = self->dialect_.headers](websocket::request_type& request) {
                for (const auto& [name, value] : headers) request.set(name, value);
            }));
        auto [ec] = co_await self->ws_.async_handshake(response, "127.0.0.1", self->dialect_.target,
                                                       kAwaitTuple);
        handshake_ec = ec;
    }
    {
        const std::lock_guard lock{self->mutex_};
        self->seen_.handshake_done = !handshake_ec;
        self->seen_.handshake_failed = static_cast<bool>(handshake_ec);
        self->seen_.handshake_status = response.result_int();
        if (handshake_ec) self->seen_.closed = true;
    }
    self->changed_.notify_all();
    if (handshake_ec) co_return;
    for (const auto& frame : self->dialect_.opening_frames) self->enqueue(frame);
    asio::co_spawn(self->executor_, write_loop(self), asio::detached);
    asio::co_spawn(self->executor_, media_loop(self), asio::detached);
    co_await read_loop(self);
}

asio::awaitable<void> FakeCallerCore::write_loop(std::shared_ptr<FakeCallerCore> self) {
    for (;;) {
        if (self->outbox_.empty()) {
            self->writer_wakeup_.expires_at(asio::steady_timer::time_point::max());
            co_await self->writer_wakeup_.async_wait(kAwaitTuple);
            if (!self->ws_.is_open()) co_return;
            continue;
        }
        const std::string text = std::move(self->outbox_.front());
        self->outbox_.pop_front();
        self->ws_.text(true);
        auto [ec, written] = co_await self->ws_.async_write(asio::buffer(text), kAwaitTuple);
        if (ec) co_return;
    }
}

asio::awaitable<void> FakeCallerCore::media_loop(std::shared_ptr<FakeCallerCore> self) {
    asio::steady_timer pace{self->executor_};
    const std::vector<std::uint8_t> audio(self->script_.frame_bytes, self->script_.fill);
    auto next = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < self->script_.media_frames && self->ws_.is_open(); ++i) {
        if (self->script_.pacing.count() > 0) {
            // Real pacing from a fixed schedule, so timer lateness does not accumulate.
            next += self->script_.pacing;
            pace.expires_at(next);
            co_await pace.async_wait(kAwaitTuple);
        }
        const auto timestamp = static_cast<std::int64_t>(i) * self->script_.frame_clock.count();
        self->enqueue(self->dialect_.media_frame(audio, timestamp));
        {
            const std::lock_guard lock{self->mutex_};
            ++self->seen_.media_frames_sent;
        }
        self->changed_.notify_all();
    }
}

asio::awaitable<void> FakeCallerCore::read_loop(std::shared_ptr<FakeCallerCore> self) {
    beast::flat_buffer buffer;
    for (;;) {
        while (!self->reading_) {
            self->reader_gate_.expires_after(std::chrono::milliseconds{50});
            co_await self->reader_gate_.async_wait(kAwaitTuple);
        }
        auto [ec, size] = co_await self->ws_.async_read(buffer, kAwaitTuple);
        if (ec) {
            self->on_closed(ec);
            co_return;
        }
        const auto data = buffer.cdata();
        self->on_frame({static_cast<const char*>(data.data()), data.size()});
        buffer.consume(size);
    }
}

void FakeCallerCore::on_frame(std::string_view text) {
    const auto frame = nlohmann::json::parse(text, nullptr, false);
    if (!frame.is_object() || !frame.contains("event") || !frame["event"].is_string()) return;
    const auto event = frame["event"].get<std::string>();
    {
        const std::lock_guard lock{mutex_};
        seen_.events.push_back(event);
        if (event == "media" && frame.contains("media")) {
            const auto audio = decode_base64(frame["media"].value("payload", ""));
            seen_.heard.insert(seen_.heard.end(), audio.begin(), audio.end());
            seen_.heard_sizes.push_back(audio.size());
            ++seen_.media_frames_heard;
        } else if (event == "mark" && frame.contains("mark")) {
            on_mark(frame["mark"].value("name", ""));
        } else if (event == "clear") {
            ++seen_.clears;
            // Twilio echoes every pending mark when it clears its playback queue.
            for (auto& name : std::exchange(held_marks_, {})) {
                seen_.marks_echoed.push_back(name);
                enqueue(dialect_.mark_frame(name));
            }
        }
    }
    changed_.notify_all();
}

void FakeCallerCore::on_mark(const std::string& name) {
    seen_.marks.push_back(name);
    seen_.mark_offsets.push_back(seen_.heard.size());
    if (!script_.echo_marks) return;
    if (echoed_on_arrival_ >= script_.max_mark_echoes) {
        held_marks_.push_back(name);  // still "playing" until a clear
        return;
    }
    ++echoed_on_arrival_;
    seen_.marks_echoed.push_back(name);
    enqueue(dialect_.mark_frame(name));
}

void FakeCallerCore::on_closed(const beast::error_code& ec) {
    const std::lock_guard lock{mutex_};
    seen_.closed = true;
    if (ec == websocket::error::closed) {
        seen_.close_code = static_cast<int>(ws_.reason().code);
        seen_.close_reason = std::string{ws_.reason().reason.c_str()};
    }
    writer_wakeup_.cancel();
    changed_.notify_all();
}

}  // namespace frontdesk::test
