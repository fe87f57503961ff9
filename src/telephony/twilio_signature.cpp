#include "telephony/twilio_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "media/base64.hpp"

namespace frontdesk::telephony {
namespace {

constexpr std::uint16_t kHttpsPort = 443;
constexpr std::uint16_t kHttpPort = 80;

[[nodiscard]] std::span<const std::uint8_t> as_bytes(std::string_view text) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

/// `url` with its default port toggled: added when absent, removed when present. nullopt when
/// the URL does not parse or its port is not the scheme's default.
[[nodiscard]] std::optional<std::string> default_port_variant(std::string_view url) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return std::nullopt;
    boost::urls::url variant{*parsed};
    const auto scheme = variant.scheme();
    const bool secure = scheme == "https" || scheme == "wss";
    const std::uint16_t default_port = secure ? kHttpsPort : kHttpPort;
    if (!variant.has_port()) {
        variant.set_port_number(default_port);
    } else if (variant.port_number() == default_port) {
        variant.remove_port();
    } else {
        return std::nullopt;
    }
    return std::string{variant.buffer()};
}

[[nodiscard]] std::optional<std::string_view> query_value(std::string_view url,
                                                          std::string_view name) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return std::nullopt;
    const auto params = parsed->encoded_params();
    const auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    const auto value = (*it).value;
    // A hex digest never needs decoding; a value that does is not one.
    return std::string_view{value.data(), value.size()};
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string twilio_signed_data(std::string_view url, const FormParams& params) {
    std::vector<std::pair<std::string_view, std::string_view>> sorted;
    sorted.reserve(params.size());
    for (const auto& [name, value] : params) sorted.emplace_back(name, value);
    // std::string_view compares bytes as char_traits<char>, i.e. unsigned byte order.
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::string data{url};
    for (const auto& [name, value] : sorted) {
        data += name;
        data += value;
    }
    return data;
}

std::string compute_twilio_signature(const Secret& auth_token, std::string_view url,
                                     const FormParams& params) {
    const std::string data = twilio_signed_data(url, params);
    const auto& key = auth_token.reveal();
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
    unsigned int digest_size = 0;
    const auto* result = HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
                              as_bytes(data).data(), data.size(), digest.data(), &digest_size);
    if (result == nullptr) return {};
    return media::base64_encode(std::span<const std::uint8_t>{digest.data(), digest_size});
}

bool validate_twilio_signature(const Secret& auth_token, std::string_view signature,
                               std::string_view url, const FormParams& params) {
    if (auth_token.empty() || signature.empty()) return false;
    if (constant_time_equal(compute_twilio_signature(auth_token, url, params), signature)) {
        return true;
    }
    const auto variant = default_port_variant(url);
    return variant &&
           constant_time_equal(compute_twilio_signature(auth_token, *variant, params), signature);
}

bool validate_twilio_json_signature(const Secret& auth_token, std::string_view signature,
                                    std::string_view url, std::string_view raw_body) {
    const auto claimed = query_value(url, "bodySHA256");
    if (!claimed) return false;
    const bool body_matches = constant_time_equal(sha256_hex(raw_body), *claimed);
    const bool url_matches = validate_twilio_signature(auth_token, signature, url, {});
    return body_matches && url_matches;
}

std::string sha256_hex(std::string_view bytes) {
    constexpr std::string_view kHex = "0123456789abcdef";
    constexpr unsigned kNibbleBits = 4;
    constexpr unsigned kNibbleMask = 0x0F;
    std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
    SHA256(as_bytes(bytes).data(), bytes.size(), digest.data());
    std::string hex;
    hex.reserve(digest.size() * 2);
    for (const auto byte : digest) {
        hex += kHex[byte >> kNibbleBits];
        hex += kHex[byte & kNibbleMask];
    }
    return hex;
}

}  // namespace frontdesk::telephony
