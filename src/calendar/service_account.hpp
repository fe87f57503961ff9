#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/secret.hpp"

namespace frontdesk::calendar {

/// The parts of a Google service-account JSON key that the JWT bearer flow needs.
struct ServiceAccountKey {
    std::string client_email;
    Secret private_key_pem;  // PKCS#8 RSA private key, PEM; never logged
    std::optional<std::string> private_key_id;  // JWT header `kid`
    std::string token_uri;
};

/// Reads and checks a key file. Throws frontdesk::ConfigError naming the file and the field:
/// unreadable file, not JSON, a missing or empty field, a private_key that is not a PEM
/// private key, a token_uri that is not https (http only for loopback).
[[nodiscard]] ServiceAccountKey load_service_account_key(const std::filesystem::path& file);
/// The same from the file's text; `file_name` only labels errors.
[[nodiscard]] ServiceAccountKey parse_service_account_key(std::string_view json_text,
                                                          std::string_view file_name);

/// base64url without padding (RFC 7515 §2).
[[nodiscard]] std::string base64url(std::string_view bytes);

/// The claim set of a JWT bearer grant (PROTOCOLS §10).
struct JwtClaims {
    std::string iss;
    std::string scope;
    std::string aud;
    Instant iat{};
    Instant exp{};
    std::optional<std::string> sub{};  // domain-wide delegation only
};

/// header.claims.signature, RS256 over the first two parts with the key's private key (OpenSSL
/// EVP). Throws InternalError("JWT_SIGN_FAILED") when OpenSSL refuses the key.
[[nodiscard]] std::string sign_jwt(const ServiceAccountKey& key, const JwtClaims& claims);

}  // namespace frontdesk::calendar
