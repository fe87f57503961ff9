#pragma once
// A connected loopback TCP pair for the floor benchmarks (tests/bench): raw descriptors, no Asio.

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace frontdesk::test {

/// Two ends of one loopback TCP connection, both with TCP_NODELAY as the server sets it.
/// Owns and closes both descriptors. Throws std::runtime_error if the kernel refuses.
class LoopbackPair {
public:
    LoopbackPair() {
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        auto* raw = reinterpret_cast<sockaddr*>(&address);
        if (listener < 0 || ::bind(listener, raw, length) != 0 || ::listen(listener, 1) != 0 ||
            ::getsockname(listener, raw, &length) != 0) {
            if (listener >= 0) ::close(listener);
            throw std::runtime_error("cannot listen on loopback");
        }
        sender_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (sender_ < 0 || ::connect(sender_, raw, length) != 0) {
            ::close(listener);
            close_both();
            throw std::runtime_error("cannot connect on loopback");
        }
        receiver_ = ::accept(listener, nullptr, nullptr);
        ::close(listener);
        if (receiver_ < 0) {
            close_both();
            throw std::runtime_error("cannot accept on loopback");
        }
        const int on = 1;
        for (const int fd : {sender_, receiver_}) {
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        }
    }
    ~LoopbackPair() { close_both(); }
    LoopbackPair(const LoopbackPair&) = delete;
    LoopbackPair& operator=(const LoopbackPair&) = delete;

    /// The connecting end.
    [[nodiscard]] int sender() const noexcept { return sender_; }
    /// The accepted end.
    [[nodiscard]] int receiver() const noexcept { return receiver_; }

private:
    void close_both() noexcept {
        if (sender_ >= 0) ::close(sender_);
        if (receiver_ >= 0) ::close(receiver_);
    }

    int sender_ = -1;
    int receiver_ = -1;
};

}  // namespace frontdesk::test
