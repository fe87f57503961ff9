#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/clock.hpp"
#include "core/secret.hpp"

// Per-call stream tokens: the voice webhook (signed by Twilio) hands one to the stream it
// opens, so a captured upgrade signature (the same for every call) cannot be replayed to start
// a call with made-up parameters.

namespace frontdesk::telephony {

/// The <Parameter> carrying the token (start.customParameters on the stream).
inline constexpr std::string_view kParamStreamToken = "stream_token";

/// What a token vouches for: the CallSid and the custom parameters the call is served by.
/// Views: used only within the call that receives them.
struct StreamClaims {
    std::string_view call_sid;
    std::string_view facility_id;
    std::string_view caller;
    std::string_view called;
};

/// The outcome of StreamTokens::redeem.
enum class StreamTokenCheck : std::uint8_t {
    kAccepted,
    kMissing,         // no stream_token parameter
    kMalformed,       // not v1.<expiry>.<mac>
    kMismatch,        // the MAC does not cover these claims (or another key made it)
    kExpired,         // genuine, but past its expiry
    kReplayed,        // genuine, but this CallSid already redeemed a token
    kTooManyStreams,  // the single-use store is full of live entries (fail closed)
};

/// A short, log-safe reason ("stream token expired"); it names no token or secret.
[[nodiscard]] std::string_view to_string(StreamTokenCheck check) noexcept;

struct StreamTokenLimits {
    /// From issue to the latest accepted start. Twilio opens the stream right after reading the
    /// TwiML; minutes (not seconds) leave room for clock skew between servers.
    std::chrono::seconds lifetime = std::chrono::minutes{5};
    /// Redeemed CallSids remembered at most (until their token expires). 10,000 per 5 minutes
    /// is ~33 new calls a second, far beyond one deployment, at roughly 1.5 MB.
    std::size_t max_remembered = 10'000;
};

/// Issues and redeems per-call stream tokens: "v1.<expiry unix seconds>.<base64url MAC>",
/// the MAC an HMAC-SHA256 over a domain prefix, the claims and the expiry, keyed with a key
/// derived from the Twilio auth token (so servers sharing the token accept each other's).
/// A token is single-use per CallSid: redeemed CallSids are remembered until their expiry.
/// Any thread, internally synchronised (one mutex, held only to update the used set).
/// Borrows `clock`, which must outlive it; owned by the composition root.
class StreamTokens {
public:
    StreamTokens(const Secret& auth_token, const Clock& clock, StreamTokenLimits limits = {});
    StreamTokens(const StreamTokens&) = delete;
    StreamTokens& operator=(const StreamTokens&) = delete;

    /// A token for `claims`, valid for `limits.lifetime` from now; URL- and XML-safe.
    [[nodiscard]] std::string issue(const StreamClaims& claims) const;

    /// Checks `token` against `claims` (constant-time), its expiry and the used set, and on
    /// success marks the CallSid used. Never throws except std::bad_alloc.
    [[nodiscard]] StreamTokenCheck redeem(std::string_view token, const StreamClaims& claims);

    /// CallSids currently remembered (tests, diagnostics).
    [[nodiscard]] std::size_t remembered() const;

private:
    [[nodiscard]] std::string mac(const StreamClaims& claims, std::string_view expiry) const;
    [[nodiscard]] StreamTokenCheck remember(std::string_view call_sid, Instant expires_at,
                                            Instant now);

    Secret key_;  // HMAC-SHA256(auth token, key label): never the auth token itself
    const Clock& clock_;
    StreamTokenLimits limits_;
    mutable std::mutex mutex_;
    std::unordered_set<std::string> used_;              // guarded by mutex_
    std::set<std::pair<Instant, std::string>> expiry_;  // the same CallSids by expiry; mutex_
};

}  // namespace frontdesk::telephony
