#include "calendar/service_account.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/config.hpp"
#include "core/error.hpp"

namespace frontdesk::calendar {
namespace {

template <auto Fn>
struct CDeleter {
    void operator()(auto* p) const noexcept { Fn(p); }
};
using BioPtr = std::unique_ptr<BIO, CDeleter<BIO_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, CDeleter<EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, CDeleter<EVP_MD_CTX_free>>;

[[noreturn]] void reject(std::string_view file, std::string_view field, std::string_view why) {
    throw ConfigError("GOOGLE_SERVICE_ACCOUNT_FILE: " + std::string{file} + ": " +
                      (field.empty() ? std::string{} : std::string{field} + ": ") +
                      std::string{why});
}

std::string required_text(const nlohmann::json& root, std::string_view file, const char* field) {
    const auto it = root.find(field);
    if (it == root.end() || it->is_null()) reject(file, field, "is missing");
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        reject(file, field, "must be a non-empty string");
    }
    return it->get<std::string>();
}

PkeyPtr read_private_key(const std::string& pem) {
    BioPtr bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    if (!bio) return nullptr;
    return PkeyPtr{PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)};
}

bool loopback_http(std::string_view uri) {
    return uri.rfind("http://127.0.0.1", 0) == 0 || uri.rfind("http://localhost", 0) == 0;
}

std::string sign_rs256(const std::string& pem, std::string_view input) {
    const auto key = read_private_key(pem);
    MdCtxPtr ctx{EVP_MD_CTX_new()};
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    std::size_t length = 0;
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) != 1) {
        throw InternalError("JWT_SIGN_FAILED", "The service-account key could not sign a JWT.");
    }
    std::string signature(length, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       data, input.size()) != 1) {
        throw InternalError("JWT_SIGN_FAILED", "The service-account key could not sign a JWT.");
    }
    signature.resize(length);
    return signature;
}

}  // namespace

ServiceAccountKey parse_service_account_key(std::string_view json_text,
                                            std::string_view file_name) {
    const auto root = nlohmann::json::parse(json_text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) reject(file_name, "", "is not a JSON object");
    if (const auto type = root.find("type");
        type != root.end() && *type != nlohmann::json("service_account")) {
        reject(file_name, "type", "must be \"service_account\" (is this an OAuth client file?)");
    }
    ServiceAccountKey key;
    key.client_email = required_text(root, file_name, "client_email");
    key.token_uri = required_text(root, file_name, "token_uri");
    if (key.token_uri.rfind("https://", 0) != 0 && !loopback_http(key.token_uri)) {
        reject(file_name, "token_uri", "must be an https URL");
    }
    auto pem = required_text(root, file_name, "private_key");
    if (!read_private_key(pem)) {
        reject(file_name, "private_key", "is not a PEM private key (-----BEGIN PRIVATE KEY-----)");
    }
    key.private_key_pem = Secret{std::move(pem)};
    if (const auto id = root.find("private_key_id"); id != root.end() && id->is_string()) {
        key.private_key_id = id->get<std::string>();
    }
    return key;
}

ServiceAccountKey load_service_account_key(const std::filesystem::path& file) {
    std::ifstream in{file, std::ios::binary};
    if (!in) reject(file.string(), "", "cannot be read (missing file or no permission)");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_service_account_key(text.str(), file.string());
}

std::string base64url(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()),
                        static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return out;
}

std::string sign_jwt(const ServiceAccountKey& key, const JwtClaims& claims) {
    nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}};
    if (key.private_key_id) header["kid"] = *key.private_key_id;
    nlohmann::json body = {{"iss", claims.iss},
                           {"scope", claims.scope},
                           {"aud", claims.aud},
                           {"iat", claims.iat.time_since_epoch().count()},
                           {"exp", claims.exp.time_since_epoch().count()}};
    if (claims.sub) body["sub"] = *claims.sub;
    const std::string input = base64url(header.dump()) + "." + base64url(body.dump());
    return input + "." + base64url(sign_rs256(key.private_key_pem.reveal(), input));
}

}  // namespace frontdesk::calendar
