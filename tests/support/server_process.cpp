#include "support/server_process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace frontdesk::test {
namespace {

constexpr auto kStartDeadline = std::chrono::seconds{20};
constexpr auto kStopDeadline = std::chrono::milliseconds{15000};
constexpr int kStartPollMs = 10;
constexpr std::string_view kTcpListen = "0A";  // the st column of /proc/net/tcp

/// The inodes of the sockets among `pid`'s descriptors ("socket:[12345]" links in /proc).
std::set<std::string> socket_inodes(pid_t pid) {
    std::set<std::string> inodes;
    std::error_code error;
    const auto fds = std::filesystem::path{"/proc"} / std::to_string(pid) / "fd";
    for (const auto& entry : std::filesystem::directory_iterator{fds, error}) {
        std::error_code link_error;
        const auto target = std::filesystem::read_symlink(entry.path(), link_error).string();
        constexpr std::string_view kPrefix = "socket:[";
        if (link_error || !target.starts_with(kPrefix) || !target.ends_with(']')) continue;
        inodes.insert(target.substr(kPrefix.size(), target.size() - kPrefix.size() - 1));
    }
    return inodes;
}

/// The TCP port `pid` listens on, or 0 while it has no listening socket: its socket inodes
/// matched against the listening sockets of its network namespace (/proc/<pid>/net/tcp{,6}).
std::uint16_t listening_port(pid_t pid) {
    const auto inodes = socket_inodes(pid);
    if (inodes.empty()) return 0;
    const auto proc = std::filesystem::path{"/proc"} / std::to_string(pid);
    for (const char* table : {"net/tcp", "net/tcp6"}) {
        std::ifstream in{proc / table};
        std::string line;
        std::getline(in, line);  // the header
        while (std::getline(in, line)) {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
            std::istringstream columns{line};
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
            columns >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
                timeout >> inode;
            if (state != kTcpListen || !inodes.contains(inode)) continue;
            const auto colon = local.rfind(':');
            if (colon == std::string::npos) continue;
            return static_cast<std::uint16_t>(std::stoul(local.substr(colon + 1), nullptr, 16));
        }
    }
    return 0;
}

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> entries;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry{*e};
        const auto name = entry.substr(0, entry.find('='));
        if (!extra.contains(name)) entries.push_back(std::move(entry));
    }
    for (const auto& [name, value] : extra) entries.push_back(name + "=" + value);
    return entries;
}

/// Waits for the child to exit, bounded: a pidfd becomes readable when it does.
int wait_exit(pid_t pid, std::chrono::milliseconds deadline) {
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    pollfd pfd{pidfd, POLLIN, 0};
    const bool exited = pidfd >= 0 && ::poll(&pfd, 1, static_cast<int>(deadline.count())) == 1;
    if (pidfd >= 0) ::close(pidfd);
    int status = 0;
    if (!exited) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        throw std::runtime_error("server did not exit in time; killed");
    }
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace

std::filesystem::path frontdesk_binary() {
    const char* bin = std::getenv("FRONTDESK_BIN");
    if (bin == nullptr) throw std::runtime_error("FRONTDESK_BIN is not set (CTest sets it)");
    return bin;
}

ServerProcess::ServerProcess(const std::filesystem::path& binary,
                             std::map<std::string, std::string> env) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    env.try_emplace("HOST", "127.0.0.1");
    env.try_emplace("PORT", "0");
    const auto entries = environment_with(env);
    std::vector<char*> envp;
    for (const auto& entry : entries) envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);
    const std::string bin = binary.string();
    char* argv[] = {const_cast<char*>(bin.c_str()), nullptr};

    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        ::dup2(pipe_fds[1], STDERR_FILENO);
        // Nothing else of the test's: its fake peers' sockets (Asio opens them without
        // CLOEXEC) would otherwise stay open in the server and look like its listener.
        ::close_range(STDERR_FILENO + 1, ~0U, 0);
        ::execve(bin.c_str(), argv, envp.data());
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    log_fd_ = pipe_fds[0];

    const auto until = std::chrono::steady_clock::now() + kStartDeadline;
    char buffer[4096];
    while (std::chrono::steady_clock::now() < until) {
        // Collect what it logs meanwhile: the error message if it never listens.
        pollfd pfd{log_fd_, POLLIN, 0};
        if (::poll(&pfd, 1, kStartPollMs) > 0) {
            const auto n = ::read(log_fd_, buffer, sizeof buffer);
            if (n <= 0) break;  // EOF: it has exited
            log_.append(buffer, static_cast<std::size_t>(n));
        }
        port_ = listening_port(pid_);
        if (port_ != 0) {
            // Keep draining the log so the server never blocks on a full pipe.
            drain_ = std::thread{[this] { drain_log(); }};
            return;
        }
    }
    kill_hard();
    throw std::runtime_error("frontdesk did not start listening; its log:\n" + log_);
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        try {
            (void)terminate();
        } catch (...) {
        }
    }
    if (drain_.joinable()) drain_.join();  // the pipe hits EOF once the server is gone
    if (log_fd_ >= 0) ::close(log_fd_);
}

void ServerProcess::drain_log() {
    char buffer[4096];
    while (true) {
        const auto n = ::read(log_fd_, buffer, sizeof buffer);
        if (n <= 0) return;
        std::lock_guard lock{log_mutex_};
        log_.append(buffer, static_cast<std::size_t>(n));
    }
}

std::string ServerProcess::log() const {
    std::lock_guard lock{log_mutex_};
    return log_;
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

int ServerProcess::terminate() {
    if (pid_ <= 0) return 0;
    ::kill(pid_, SIGTERM);
    const int status = wait_exit(pid_, kStopDeadline);
    pid_ = -1;
    return status;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "frontdesk-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace frontdesk::test
