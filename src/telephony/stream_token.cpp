#include "telephony/stream_token.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <span>
#include <system_error>

#include "media/base64.hpp"
#include "telephony/twilio_signature.hpp"

namespace frontdesk::telephony {
namespace {

constexpr std::string_view kTokenPrefix = "v1.";
constexpr char kSeparator = '.';
// Domain separation: the same auth token also keys Twilio's HMAC-SHA1 signatures, so the key
// and every MAC input are labelled with what they are for.
constexpr std::string_view kKeyLabel = "frontdesk/twilio-stream-token/v1/key";
constexpr std::string_view kMacLabel = "frontdesk/twilio-stream-token/v1\n";
// base64url of a 32-byte HMAC-SHA256, without padding.
constexpr std::size_t kMacChars = 43;
// An int64 count of seconds has at most 19 digits.
constexpr std::size_t kMaxExpiryDigits = 19;

[[nodiscard]] std::string hmac_sha256(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    const auto* result = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                              reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                              digest.data(), &size);
    if (result == nullptr) return {};
    return std::string{reinterpret_cast<const char*>(digest.data()), size};
}

/// RFC 4648 §5 alphabet (URL- and XML-safe), no padding.
[[nodiscard]] std::string base64url(std::string_view bytes) {
    auto text = media::base64_encode(std::span<const std::uint8_t>{
        reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
    std::replace(text.begin(), text.end(), '+', '-');
    std::replace(text.begin(), text.end(), '/', '_');
    while (!text.empty() && text.back() == '=') text.pop_back();
    return text;
}

[[nodiscard]] bool is_base64url_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

struct TokenParts {
    std::string_view expiry;  // canonical decimal, as signed
    Instant expires_at;
    std::string_view mac;
};

/// Splits "v1.<expiry>.<mac>"; nullopt unless every part is in canonical form, so one token
/// has exactly one spelling.
[[nodiscard]] std::optional<TokenParts> split_token(std::string_view token) {
    if (!token.starts_with(kTokenPrefix)) return std::nullopt;
    token.remove_prefix(kTokenPrefix.size());
    const auto dot = token.find(kSeparator);
    if (dot == std::string_view::npos) return std::nullopt;
    const auto expiry = token.substr(0, dot);
    const auto mac = token.substr(dot + 1);
    if (expiry.empty() || expiry.size() > kMaxExpiryDigits) return std::nullopt;
    if (expiry.size() > 1 && expiry.front() == '0') return std::nullopt;
    if (!std::all_of(expiry.begin(), expiry.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t seconds = 0;
    const auto [end, ec] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), seconds);
    if (ec != std::errc{} || end != expiry.data() + expiry.size()) return std::nullopt;
    if (mac.size() != kMacChars || !std::all_of(mac.begin(), mac.end(), is_base64url_char)) {
        return std::nullopt;
    }
    return TokenParts{expiry, Instant{std::chrono::seconds{seconds}}, mac};
}

/// Length-prefixed, so no choice of field values can make two claim sets sign alike.
void append_field(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += '\n';
}

}  // namespace

std::string_view to_string(StreamTokenCheck check) noexcept {
    switch (check) {
        case StreamTokenCheck::kAccepted:
            return "stream token accepted";
        case StreamTokenCheck::kMissing:
            return "stream token missing";
        case StreamTokenCheck::kMalformed:
            return "stream token malformed";
        case StreamTokenCheck::kMismatch:
            return "stream token does not match the call";
        case StreamTokenCheck::kExpired:
            return "stream token expired";
        case StreamTokenCheck::kReplayed:
            return "stream token already used";
        case StreamTokenCheck::kTooManyStreams:
            return "too many recent streams";
    }
    return "stream token refused";
}

StreamTokens::StreamTokens(const Secret& auth_token, const Clock& clock, StreamTokenLimits limits)
    : key_(hmac_sha256(auth_token.reveal(), kKeyLabel)), clock_(clock), limits_(limits) {}

std::string StreamTokens::mac(const StreamClaims& claims, std::string_view expiry) const {
    std::string data{kMacLabel};
    for (const auto field :
         {claims.call_sid, claims.facility_id, claims.caller, claims.called, expiry}) {
        append_field(data, field);
    }
    return base64url(hmac_sha256(key_.reveal(), data));
}

std::string StreamTokens::issue(const StreamClaims& claims) const {
    const auto expires_at = clock_.now() + limits_.lifetime;
    const auto expiry = std::to_string(expires_at.time_since_epoch().count());
    std::string token{kTokenPrefix};
    token += expiry;
    token += kSeparator;
    token += mac(claims, expiry);
    return token;
}

StreamTokenCheck StreamTokens::redeem(std::string_view token, const StreamClaims& claims) {
    if (token.empty()) return StreamTokenCheck::kMissing;
    const auto parts = split_token(token);
    if (!parts) return StreamTokenCheck::kMalformed;
    // The MAC first: nothing about expiry or earlier use is told to whoever cannot make one.
    if (claims.call_sid.empty() || !constant_time_equal(mac(claims, parts->expiry), parts->mac)) {
        return StreamTokenCheck::kMismatch;
    }
    const auto now = clock_.now();
    if (now >= parts->expires_at) return StreamTokenCheck::kExpired;
    return remember(claims.call_sid, parts->expires_at, now);
}

StreamTokenCheck StreamTokens::remember(std::string_view call_sid, Instant expires_at,
                                        Instant now) {
    std::string sid{call_sid};
    const std::lock_guard lock{mutex_};
    // An entry may go once its token has expired: from then on the expiry check refuses it.
    while (!expiry_.empty() && expiry_.begin()->first <= now) {
        used_.erase(expiry_.begin()->second);
        expiry_.erase(expiry_.begin());
    }
    if (used_.contains(sid)) return StreamTokenCheck::kReplayed;
    // Only genuine tokens get here, so a full set means real load: refuse rather than forget
    // a live entry and reopen its replay window.
    if (used_.size() >= limits_.max_remembered) return StreamTokenCheck::kTooManyStreams;
    const auto entry = expiry_.emplace(expires_at, sid).first;
    try {
        used_.insert(std::move(sid));
    } catch (...) {
        expiry_.erase(entry);  // keep the two sets in step
        throw;
    }
    return StreamTokenCheck::kAccepted;
}

std::size_t StreamTokens::remembered() const {
    const std::lock_guard lock{mutex_};
    return used_.size();
}

}  // namespace frontdesk::telephony
