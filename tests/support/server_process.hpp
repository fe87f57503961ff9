#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace frontdesk::test {

/// The real frontdesk binary run as a child process on a free loopback port, for integration
/// tests. Owns the process: the destructor stops it (SIGTERM, then SIGKILL after a deadline).
class ServerProcess {
public:
    /// Starts `binary` with `env` added to the environment (PORT=0 unless given) and waits
    /// (bounded) until it has a listening TCP socket, whose port it reads from /proc (Linux), so
    /// any LOG_LEVEL works. Throws std::runtime_error with the log if it does not listen.
    ServerProcess(const std::filesystem::path& binary, std::map<std::string, std::string> env);
    ~ServerProcess();

    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
    [[nodiscard]] pid_t pid() const noexcept { return pid_; }

    /// kill -9: no chance to flush or clean up.
    void kill_hard();
    /// SIGTERM and wait for exit; returns the exit status (or -signal).
    int terminate();

    /// Everything the server printed so far.
    [[nodiscard]] std::string log() const;

private:
    void drain_log();

    pid_t pid_ = -1;
    int log_fd_ = -1;
    std::uint16_t port_ = 0;
    mutable std::mutex log_mutex_;
    std::string log_;  // guarded by log_mutex_ once drain_ runs
    std::thread drain_;
};

/// The frontdesk binary the build produced (FRONTDESK_BIN, set by CTest).
[[nodiscard]] std::filesystem::path frontdesk_binary();

/// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace frontdesk::test
