#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace frontdesk::test {

/// A throw-away PKI for TLS fakes, generated with OpenSSL at first use (never committed, so
/// nothing can expire): a CA, and a server certificate it signed for DNS:localhost and
/// IP:127.0.0.1, valid from an hour ago to a day ahead. PEM files in a private temp dir that is
/// removed at process exit.
struct TestCertificates {
    std::filesystem::path dir;
    std::filesystem::path ca_cert;      // trust this one (SSL_CERT_FILE)
    std::filesystem::path server_cert;  // leaf only; issued by ca_cert
    std::filesystem::path server_key;   // unencrypted PEM private key
    std::filesystem::path other_ca_cert;  // an unrelated CA: "trust the wrong CA" tests
};

/// Generated once per process; any thread. Throws std::runtime_error if OpenSSL fails.
[[nodiscard]] const TestCertificates& test_certificates();

/// setenv("SSL_CERT_FILE", test CA): in-process clients (curl, make_client_tls_context) and
/// child processes started afterwards trust the test CA, and only it. Call before starting
/// threads that read the environment.
void trust_test_ca_for_this_process();

/// Points SSL_CERT_FILE at `file` for one scope and restores the previous value (or its
/// absence) afterwards: "trust the wrong CA" tests. Test thread only; no other thread may read
/// the environment meanwhile (start fakes and clients inside the scope).
class ScopedSslCertFile {
public:
    explicit ScopedSslCertFile(const std::filesystem::path& file);
    ~ScopedSslCertFile();
    ScopedSslCertFile(const ScopedSslCertFile&) = delete;
    ScopedSslCertFile& operator=(const ScopedSslCertFile&) = delete;

private:
    std::optional<std::string> previous_;
};

}  // namespace frontdesk::test
