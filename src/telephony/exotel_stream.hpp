#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/secret.hpp"
#include "telephony/facility_lookup.hpp"
#include "telephony/media_stream_session.hpp"

namespace frontdesk::telephony {

struct ExotelStreamSettings {
    /// "API_KEY:API_TOKEN" Exotel sends as Basic auth (§6.1); empty: not checked (IP allow-list).
    Secret basic_auth;
    SessionLimits limits;
    /// Finds the facility by the called number (start.to) when no facility_id parameter came.
    FacilityLookup facility_lookup;
};

/// The sample rate asked for by `?sample-rate=` (or `sample_rate`) in a request target: 8000
/// when absent, nullopt when present but not 8000, 16000 or 24000.
[[nodiscard]] std::optional<int> exotel_sample_rate(std::string_view target);

/// Takes over a `/voice/exotel` upgrade: 400 for a bad sample rate, 401 for bad credentials
/// (nullptr returned in both cases). CallStart::format is PCM16 LE at the chosen rate (μ-law
/// 8 kHz if the start event says so); outbound audio is chunked per §6.4, marks waiting behind
/// audio short of a chunk (ExotelOutbound). Hang-up closes the socket; transfer is not
/// supported (on_transfer_failed). Call on the connection's strand.
[[nodiscard]] std::shared_ptr<MediaStreamSession> accept_exotel_stream(
    net::UpgradeContext&& context, const ExotelStreamSettings& settings);

}  // namespace frontdesk::telephony
