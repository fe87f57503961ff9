#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace frontdesk::telephony {

/// The facility answering `called_number` (any spelling of an E.164 number), or nullopt.
/// Supplied by the composition root (backed by booking's directory) so telephony does not
/// depend on booking. Called on an event loop thread: it must not block.
using FacilityLookup = std::function<std::optional<std::string>(std::string_view called_number)>;

// The <Parameter> names the voice webhook puts on the stream (Twilio drops query strings).
inline constexpr std::string_view kParamFacilityId = "facility_id";
inline constexpr std::string_view kParamCaller = "caller";
inline constexpr std::string_view kParamCalled = "called";
inline constexpr std::string_view kParamCallSid = "call_sid";

}  // namespace frontdesk::telephony
