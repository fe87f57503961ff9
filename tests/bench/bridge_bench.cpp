// Per-frame cost of the bridge's pure work, both directions, μ-law pass-through (Twilio):
//   caller → model: Twilio media frame parse → base64 decode → input_audio_buffer.append build;
//   model → caller: response.output_audio.delta parse → base64 decode → Twilio media frame
//                   build, with the barge-in bookkeeping and a mark frame per 100 ms of audio.
// Budget it guards: the issue's target is ≤ 0.8 ms of CPU per call-second at 200 calls, about
// 8 µs per frame (50 frames a second each way) for everything: TLS, websocket framing, syscalls.
// So the pure work measured here must stay well under that: aim for ≤ 2 µs per direction per
// 20 ms frame.
// Figures (CPU time, medians of 5 repetitions, RelWithDebInfo, 2 shared cores at 2.1 GHz):
//   with nlohmann DOM parsing of both envelopes:  ~3.3 µs caller → model, ~4.2 µs per 160-byte
//                                                 delta, ~10 µs per 800-byte delta;
//   with the JsonScanner fast paths (media event, audio delta):  ~0.75 µs, ~0.9 µs, ~2.5 µs.
// What is left is mostly base64 decoding and encoding, then the JSON scan itself.
#include <benchmark/benchmark.h>

#include "media/base64.hpp"
#include "realtime/playout_tracker.hpp"
#include "realtime/realtime_events.hpp"
#include "telephony/twilio_events.hpp"

namespace {

using namespace frontdesk;

constexpr std::size_t kFrameBytes = 160;      // 20 ms of 8 kHz μ-law, as Twilio sends it
constexpr std::size_t kDeltaBytes = 8 * 100;  // a 100 ms audio delta from the model
constexpr std::string_view kStreamSid = "MZ00000000000000000000000000000001";

std::string twilio_media_text() {
    const std::vector<std::uint8_t> audio(kFrameBytes, 0x55);
    return R"({"event":"media","sequenceNumber":"3","media":{"track":"inbound","chunk":"1",)"
           R"("timestamp":"5","payload":")" +
           media::base64_encode(audio) + R"("},"streamSid":")" + std::string{kStreamSid} + R"("})";
}

std::string delta_text(std::size_t bytes) {
    const std::vector<std::uint8_t> audio(bytes, 0x55);
    return R"({"type":"response.output_audio.delta","event_id":"event_4950","response_id":)"
           R"("resp_001","item_id":"item_008","output_index":0,"content_index":0,"delta":")" +
           media::base64_encode(audio) + R"("})";
}

void BM_CallerFrameToModel(benchmark::State& state) {
    const auto frame = twilio_media_text();
    std::vector<std::uint8_t> decoded(kFrameBytes);
    std::string append;
    for (auto _ : state) {
        auto event = telephony::parse_twilio_event(frame);
        const auto& media_event = std::get<telephony::MediaEvent>(event);
        const auto size = media::base64_decode(media_event.payload, decoded);
        realtime::build_audio_append(std::span{decoded}.first(*size), append);
        benchmark::DoNotOptimize(append.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CallerFrameToModel);

void BM_ModelDeltaToCaller(benchmark::State& state) {
    const auto bytes = static_cast<std::size_t>(state.range(0));
    const auto delta = delta_text(bytes);
    std::vector<std::uint8_t> decoded(bytes);
    realtime::PlayoutTracker tracker{media::kTwilioFormat};
    for (auto _ : state) {
        auto event = realtime::parse_server_event(delta);
        const auto& audio = std::get<realtime::AudioDelta>(*event);
        const auto size = media::base64_decode(audio.audio_base64, decoded);
        auto media_frame =
            telephony::twilio_media_frame(kStreamSid, std::span{decoded}.first(*size));
        // A mark per 100 ms of audio (PlayoutTracker's spacing), echoed at once so the tracker's
        // queue does not grow.
        if (auto mark = tracker.on_audio_sent(audio.item_id, *size)) {
            auto mark_frame = telephony::twilio_mark_frame(kStreamSid, *mark);
            tracker.on_mark_echoed(*mark);
            benchmark::DoNotOptimize(mark_frame.data());
        }
        benchmark::DoNotOptimize(media_frame.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ModelDeltaToCaller)->Arg(kFrameBytes)->Arg(kDeltaBytes);

}  // namespace
