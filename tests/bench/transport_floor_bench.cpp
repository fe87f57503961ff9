// The transport floor under the voice load run: what the kernel and TLS cost per message before
// any of our code runs. The voice bridge moves each 20 ms caller frame twice per direction
// (caller → server → model, model → server → caller), so per call-second the server makes at
// least 100 loopback sends and 100 receives, and encrypts 50 and decrypts 50 TLS records of
// about 300 bytes. These benchmarks price those operations cache-hot with nobody to wake;
// multiplied out they are a lower bound. frontdesk_relay_floor measures the floor under the
// real traffic pattern, wake-ups included (docs/benchmarks.md, "The relay floor").
//
//   BM_LoopbackTcpMessage: one send() and the matching recv() of a message over a loopback TCP
//     connection with TCP_NODELAY, both ends in this thread. On loopback the sender's send()
//     also runs the receiver's TCP input path, so this is what the server pays for one message
//     it sends plus one it receives.
//   BM_TlsRecord: SSL_write of one record by a TLS client and SSL_read of it by a TLS server over
//     a memory BIO pair (no sockets), with the test CA's certificate: one encryption and one
//     decryption, as the server does for an append it sends and a delta it receives.
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/asio/ssl/context.hpp>

#include "net/tls_context.hpp"
#include "support/fake_server_tls.hpp"
#include "support/loopback_pair.hpp"
#include "support/test_ca.hpp"

namespace frontdesk::test {
namespace {

constexpr std::int64_t kAppendBytes = 300;  // an input_audio_buffer.append of 20 ms of μ-law

void BM_LoopbackTcpMessage(benchmark::State& state) {
    const auto bytes = static_cast<std::size_t>(state.range(0));
    LoopbackPair pair;
    std::vector<char> out(bytes, 'x');
    std::vector<char> in(bytes);
    for (auto _ : state) {
        if (::send(pair.sender(), out.data(), bytes, 0) != static_cast<ssize_t>(bytes)) {
            state.SkipWithError("send failed");
            break;
        }
        for (std::size_t got = 0; got < bytes;) {
            const auto n = ::recv(pair.receiver(), in.data() + got, bytes - got, 0);
            if (n <= 0) {
                state.SkipWithError("recv failed");
                return;
            }
            got += static_cast<std::size_t>(n);
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LoopbackTcpMessage)->Arg(kAppendBytes);

/// The server's own client context (net::make_client_tls_context), with SSL_CERT_FILE naming
/// the test CA.
boost::asio::ssl::context client_context_trusting_test_ca() {
    trust_test_ca_for_this_process();
    return net::make_client_tls_context();
}

/// A TLS client and server joined by a memory BIO pair, handshake done.
class TlsPair {
public:
    TlsPair() {
        client_ = SSL_new(client_context_.native_handle());
        server_ = SSL_new(server_context_.native_handle());
        BIO* client_end = nullptr;
        BIO* server_end = nullptr;
        BIO_new_bio_pair(&client_end, 0, &server_end, 0);
        SSL_set_bio(client_, client_end, client_end);
        SSL_set_bio(server_, server_end, server_end);
        SSL_set_connect_state(client_);
        SSL_set_accept_state(server_);
        for (int round = 0; round < 10; ++round) {
            const int client_done = SSL_do_handshake(client_);
            const int server_done = SSL_do_handshake(server_);
            if (client_done == 1 && server_done == 1) return;
        }
        throw std::runtime_error("TLS handshake over the BIO pair did not finish");
    }
    ~TlsPair() {
        SSL_free(client_);
        SSL_free(server_);
    }
    TlsPair(const TlsPair&) = delete;
    TlsPair& operator=(const TlsPair&) = delete;

    [[nodiscard]] SSL* client() const noexcept { return client_; }
    [[nodiscard]] SSL* server() const noexcept { return server_; }

private:
    boost::asio::ssl::context client_context_ = client_context_trusting_test_ca();
    boost::asio::ssl::context server_context_ = make_fake_server_tls_context();
    SSL* client_ = nullptr;
    SSL* server_ = nullptr;
};

void BM_TlsRecord(benchmark::State& state) {
    const auto bytes = static_cast<int>(state.range(0));
    TlsPair pair;
    std::vector<char> out(static_cast<std::size_t>(bytes), 'x');
    std::vector<char> in(static_cast<std::size_t>(bytes));
    for (auto _ : state) {
        if (SSL_write(pair.client(), out.data(), bytes) != bytes) {
            state.SkipWithError("SSL_write failed");
            break;
        }
        for (int got = 0; got < bytes;) {
            const int n = SSL_read(pair.server(), in.data() + got, bytes - got);
            if (n <= 0) {
                state.SkipWithError("SSL_read failed");
                return;
            }
            got += n;
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(SSL_get_cipher_name(pair.client()));
}
BENCHMARK(BM_TlsRecord)->Arg(kAppendBytes);

}  // namespace
}  // namespace frontdesk::test
