#include "support/test_ca.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace frontdesk::test {
namespace {

template <auto Fn>
struct CDeleter {
    void operator()(auto* p) const noexcept { Fn(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, CDeleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, CDeleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, CDeleter<BIO_free_all>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, CDeleter<X509_EXTENSION_free>>;

// Starts an hour back so clock skew between processes never makes a fresh certificate
// "not yet valid"; a day is longer than any test run.
constexpr auto kValidBefore = std::chrono::hours{1};
constexpr auto kValidAfter = std::chrono::hours{24};

[[noreturn]] void fail(const std::string& what) {
    const unsigned long code = ::ERR_get_error();
    char text[256] = {};
    ::ERR_error_string_n(code, text, sizeof text);
    throw std::runtime_error("test CA: " + what + ": " + text);
}

void check(int result, const char* what) {
    if (result != 1) fail(what);
}

PkeyPtr generate_key() {
    PkeyPtr key(::EVP_EC_gen("P-256"));
    if (!key) fail("EVP_EC_gen");
    return key;
}

void set_name(X509_NAME* name, const char* common_name) {
    const auto* text = reinterpret_cast<const unsigned char*>(common_name);
    check(::X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                       reinterpret_cast<const unsigned char*>("frontdesk tests"),
                                       -1, -1, 0),
          "X509_NAME O");
    check(::X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, text, -1, -1, 0), "X509_NAME CN");
}

void set_serial(X509* cert) {
    unsigned char bytes[16] = {};
    check(::RAND_bytes(bytes, sizeof bytes), "RAND_bytes");
    bytes[0] &= 0x7FU;  // a positive serial
    std::unique_ptr<BIGNUM, CDeleter<BN_free>> number(::BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!number || ::BN_to_ASN1_INTEGER(number.get(), ::X509_get_serialNumber(cert)) == nullptr) {
        fail("serial number");
    }
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    const ExtensionPtr extension(::X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    if (!extension) fail(std::string("extension ") + value);
    check(::X509_add_ext(cert, extension.get(), -1), "X509_add_ext");
}

// A certificate for `key` named `common_name`, signed by `issuer_key` (self-signed when
// `issuer` is null). Extensions come from `extensions` (nid, value) in order.
X509Ptr make_certificate(EVP_PKEY* key, const char* common_name, X509* issuer,
                         EVP_PKEY* issuer_key,
                         const std::vector<std::pair<int, const char*>>& extensions) {
    X509Ptr cert(::X509_new());
    if (!cert) fail("X509_new");
    check(::X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version");
    set_serial(cert.get());
    const auto seconds = [](auto duration) {
        return static_cast<long>(std::chrono::seconds{duration}.count());
    };
    if (::X509_gmtime_adj(::X509_getm_notBefore(cert.get()), -seconds(kValidBefore)) == nullptr ||
        ::X509_gmtime_adj(::X509_getm_notAfter(cert.get()), seconds(kValidAfter)) == nullptr) {
        fail("validity");
    }
    set_name(::X509_get_subject_name(cert.get()), common_name);
    X509* signer = issuer != nullptr ? issuer : cert.get();
    check(::X509_set_issuer_name(cert.get(), ::X509_get_subject_name(signer)), "issuer name");
    check(::X509_set_pubkey(cert.get(), key), "X509_set_pubkey");
    for (const auto& [nid, value] : extensions) add_extension(cert.get(), signer, nid, value);
    if (::X509_sign(cert.get(), issuer_key, ::EVP_sha256()) <= 0) fail("X509_sign");
    return cert;
}

X509Ptr make_ca(EVP_PKEY* key, const char* common_name) {
    return make_certificate(key, common_name, nullptr, key,
                            {{NID_basic_constraints, "critical,CA:TRUE"},
                             {NID_key_usage, "critical,keyCertSign,cRLSign"},
                             {NID_subject_key_identifier, "hash"}});
}

X509Ptr make_server(EVP_PKEY* key, X509* ca, EVP_PKEY* ca_key) {
    return make_certificate(key, "localhost", ca, ca_key,
                            {{NID_basic_constraints, "critical,CA:FALSE"},
                             {NID_key_usage, "critical,digitalSignature"},
                             {NID_ext_key_usage, "serverAuth"},
                             {NID_subject_key_identifier, "hash"},
                             {NID_authority_key_identifier, "keyid:always"},
                             {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"}});
}

BioPtr open_for_writing(const std::filesystem::path& path) {
    BioPtr bio(::BIO_new_file(path.c_str(), "w"));
    if (!bio) fail("open " + path.string());
    return bio;
}

void write_certificate(const std::filesystem::path& path, X509* cert) {
    const BioPtr bio = open_for_writing(path);
    check(::PEM_write_bio_X509(bio.get(), cert), "PEM_write_bio_X509");
}

void write_key(const std::filesystem::path& path, EVP_PKEY* key) {
    const BioPtr bio = open_for_writing(path);
    check(::PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
          "PEM_write_bio_PrivateKey");
}

std::filesystem::path make_private_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "frontdesk-test-ca-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    }
    return pattern;
}

TestCertificates generate(const std::filesystem::path& dir) {
    TestCertificates files{dir, dir / "ca.pem", dir / "server.pem", dir / "server-key.pem",
                           dir / "other-ca.pem"};
    const PkeyPtr ca_key = generate_key();
    const X509Ptr ca = make_ca(ca_key.get(), "frontdesk test CA");
    const PkeyPtr server_key = generate_key();
    const X509Ptr server = make_server(server_key.get(), ca.get(), ca_key.get());
    const PkeyPtr other_key = generate_key();
    const X509Ptr other_ca = make_ca(other_key.get(), "frontdesk unrelated CA");
    write_certificate(files.ca_cert, ca.get());
    write_certificate(files.server_cert, server.get());
    write_key(files.server_key, server_key.get());
    write_certificate(files.other_ca_cert, other_ca.get());
    return files;
}

// Owns the directory: removed when the process exits normally.
class GeneratedCertificates {
public:
    GeneratedCertificates() {
        const std::filesystem::path dir = make_private_dir();
        try {
            files_ = generate(dir);
        } catch (...) {
            remove(dir);
            throw;
        }
    }
    ~GeneratedCertificates() { remove(files_.dir); }
    GeneratedCertificates(const GeneratedCertificates&) = delete;
    GeneratedCertificates& operator=(const GeneratedCertificates&) = delete;

    [[nodiscard]] const TestCertificates& files() const noexcept { return files_; }

private:
    static void remove(const std::filesystem::path& dir) noexcept {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    TestCertificates files_;
};

}  // namespace

const TestCertificates& test_certificates() {
    static const GeneratedCertificates kGenerated;
    return kGenerated.files();
}

void trust_test_ca_for_this_process() {
    const auto& ca = test_certificates().ca_cert;
    if (::setenv("SSL_CERT_FILE", ca.c_str(), 1) != 0) {
        throw std::system_error(errno, std::generic_category(), "setenv SSL_CERT_FILE");
    }
}

ScopedSslCertFile::ScopedSslCertFile(const std::filesystem::path& file) {
    if (const char* current = std::getenv("SSL_CERT_FILE"); current != nullptr) {
        previous_ = current;
    }
    if (::setenv("SSL_CERT_FILE", file.c_str(), 1) != 0) {
        throw std::system_error(errno, std::generic_category(), "setenv SSL_CERT_FILE");
    }
}

ScopedSslCertFile::~ScopedSslCertFile() {
    if (previous_) {
        ::setenv("SSL_CERT_FILE", previous_->c_str(), 1);
    } else {
        ::unsetenv("SSL_CERT_FILE");
    }
}

}  // namespace frontdesk::test
