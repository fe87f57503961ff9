#include "realtime_test_support.hpp"

#include <boost/asio/post.hpp>

#include "core/time_zone.hpp"
#include "media/base64.hpp"

namespace frontdesk::realtime::test {

bool AsyncTest::run_until(const std::function<bool()>& done, std::string_view what,
                          std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= until) {
            ADD_FAILURE() << "deadline passed waiting for: " << what;
            return false;
        }
        ioc_.run_one_for(std::chrono::milliseconds{5});
    }
    return true;
}

void AsyncTest::run_ready() {
    while (ioc_.poll() > 0) {
    }
}

// ---- FakeLeg ----------------------------------------------------------------------------------

void FakeLeg::send_audio(std::span<const std::uint8_t> bytes) {
    audio.insert(audio.end(), bytes.begin(), bytes.end());
}

void FakeLeg::send_mark(std::string name) {
    marks.push_back(name);
    pending.push_back(std::move(name));
}

void FakeLeg::clear() {
    ++clears;
    // Like Twilio: a clear flushes the audio and echoes every pending mark.
    auto flushed = std::move(pending);
    pending.clear();
    asio::post(strand_, [this, flushed = std::move(flushed)] {
        for (const auto& name : flushed) {
            if (listener_ != nullptr) listener_->on_mark(name);
        }
    });
}

void FakeLeg::hang_up() {
    ++hang_ups;
    close(telephony::LegEnd::kLocalHangup);
}

void FakeLeg::transfer(const std::string& phone_number) {
    transferred_to = phone_number;
    asio::post(strand_, [this] {
        auto* listener = listener_;
        if (listener == nullptr) return;
        if (fail_transfers) {
            listener->on_transfer_failed("the fake refused");
            return;
        }
        close(telephony::LegEnd::kTransferred);
        listener->on_leg_ended(telephony::LegEnd::kTransferred, "transferred");
    });
}

void FakeLeg::close(telephony::LegEnd reason) noexcept {
    if (closed) return;
    closed = reason;
    listener_ = nullptr;
}

void FakeLeg::start_call(telephony::CallStart start) {
    asio::post(strand_, [this, start = std::move(start)] {
        if (listener_ != nullptr) listener_->on_call_started(start);
    });
}

void FakeLeg::caller_audio(std::span<const std::uint8_t> bytes) {
    media_clock_ += std::chrono::milliseconds{20};
    if (listener_ != nullptr) listener_->on_caller_audio(bytes, media_clock_);
}

void FakeLeg::echo_marks(std::size_t count) {
    if (count == 0 || count > pending.size()) count = pending.size();
    std::vector<std::string> echoed(pending.begin(),
                                    pending.begin() + static_cast<std::ptrdiff_t>(count));
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(count));
    for (const auto& name : echoed) {
        if (listener_ != nullptr) listener_->on_mark(name);
    }
}

void FakeLeg::dtmf(char digit) {
    if (listener_ != nullptr) listener_->on_dtmf(digit);
}

void FakeLeg::hang_up_from_caller() {
    auto* listener = std::exchange(listener_, nullptr);
    closed = telephony::LegEnd::kCallerHungUp;
    if (listener != nullptr) listener->on_leg_ended(telephony::LegEnd::kCallerHungUp, "stop");
}

// ---- FakeModel --------------------------------------------------------------------------------

void FakeModel::start(RealtimeListener& listener) {
    listener_ = &listener;
    asio::post(strand_, [this] {
        connected = true;
        if (listener_ != nullptr) listener_->on_model_connected();
    });
}

void FakeModel::send_audio(std::span<const std::uint8_t> bytes) {
    audio.insert(audio.end(), bytes.begin(), bytes.end());
}

void FakeModel::send_event(std::string event) { events.push_back(json::parse(event)); }

void FakeModel::close() noexcept {
    closed = true;
    listener_ = nullptr;
}

void FakeModel::emit(const json& event) {
    auto parsed = parse_server_event(event.dump());
    ASSERT_TRUE(parsed.has_value()) << event;
    if (listener_ != nullptr) listener_->on_model_event(std::move(*parsed));
}

void FakeModel::drop() {
    auto* listener = std::exchange(listener_, nullptr);
    closed = true;
    if (listener != nullptr) listener->on_model_closed(ModelEnd::kDropped, "test drop");
}

std::vector<json> FakeModel::sent(std::string_view type) const {
    std::vector<json> out;
    for (const auto& event : events) {
        if (event.value("type", "") == type) out.push_back(event);
    }
    return out;
}

// ---- Fake OpenAI server helpers ----------------------------------------------------------------

void Gate::open() {
    {
        const std::lock_guard lock{mutex_};
        open_ = true;
    }
    opened_.notify_all();
}

bool Gate::wait(std::chrono::milliseconds deadline) {
    std::unique_lock lock{mutex_};
    return opened_.wait_for(lock, deadline, [this] { return open_; });
}

bool Gate::is_open() const {
    const std::lock_guard lock{mutex_};
    return open_;
}

WorkerBlocker::WorkerBlocker(net::WorkerPool& workers, std::size_t threads) {
    for (std::size_t i = 0; i < threads; ++i) {
        const bool posted = workers.try_post([gate = gate_] { (void)gate->wait(kScriptDeadline); });
        EXPECT_TRUE(posted) << "the worker pool refused the blocking job";
    }
}

void Inbox::add(std::string text) {
    const std::lock_guard lock{mutex_};
    texts_.push_back(json::parse(text, nullptr, false));
}

std::vector<json> Inbox::of_type(std::string_view type) const {
    const std::lock_guard lock{mutex_};
    std::vector<json> out;
    for (const auto& event : texts_) {
        if (event.is_object() && event.value("type", "") == type) out.push_back(event);
    }
    return out;
}

bool read_until(frontdesk::test::FakeWsConnection& connection, Inbox& inbox,
                std::string_view type) {
    while (auto text = connection.read_text(kScriptDeadline)) {
        inbox.add(*text);
        const auto event = json::parse(*text, nullptr, false);
        if (event.is_object() && event.value("type", "") == type) return true;
    }
    return false;
}

// ---- Services ---------------------------------------------------------------------------------

ServicesFixture::ServicesFixture()
    : facilities(booking::load_facilities(FRONTDESK_FACILITIES_DIR)),
      clock(*parse_rfc3339("2026-11-21T04:30:00Z")),
      bookings(facilities, store, clock) {
    CallSessionSettings settings;
    settings.model_setup_timeout = std::chrono::milliseconds{2000};
    settings.idle_prompt_after = std::chrono::hours{1};
    settings.idle_end_after = std::chrono::hours{1};
    settings.goodbye_timeout = std::chrono::milliseconds{3000};
    settings.dtmf_gap = std::chrono::milliseconds{20};
    auto connect = [this](asio::any_io_executor strand, SendQueueLimits, std::string) {
        auto model = std::make_shared<FakeModel>(std::move(strand));
        models.push_back(model);
        return std::shared_ptr<RealtimeConnection>{model};
    };
    services = std::make_unique<CallSessionServices>(facilities, tools, workers, clock, connect,
                                                     recorder, stats, apology, settings);
}

telephony::CallStart twilio_start(std::string facility_id) {
    telephony::CallStart start;
    start.carrier = "twilio";
    start.call_id = "CA00000000000000000000000000000001";
    start.stream_id = "MZ00000000000000000000000000000001";
    start.facility_id = std::move(facility_id);
    start.caller = "+919800000001";
    start.called = "+919876543210";
    start.format = media::kTwilioFormat;
    return start;
}

json session_updated(media::AudioFormat format) {
    json wire{{"type", std::string{media::openai_format_name(format.encoding)}}};
    if (format.encoding == media::AudioEncoding::kPcm16) wire["rate"] = format.sample_rate_hz;
    return {{"type", "session.updated"},
            {"session",
             {{"type", "realtime"},
              {"audio", {{"input", {{"format", wire}}}, {"output", {{"format", wire}}}}}}}};
}

json audio_delta(std::string_view item_id, std::span<const std::uint8_t> audio,
                 std::string_view response_id) {
    return {{"type", "response.output_audio.delta"},
            {"response_id", response_id},
            {"item_id", item_id},
            {"delta", media::base64_encode(audio)}};
}

}  // namespace frontdesk::realtime::test
