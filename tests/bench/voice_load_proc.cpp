// What Linux says about a process, for frontdesk_voice_load: CPU time, run-queue delay and
// memory from /proc, the load average, the descriptor limit, and pinning to cores.
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "bench/voice_load.hpp"

namespace frontdesk::test::voice_load {

CpuTime cpu_time(const std::string& pid) {
    std::ifstream file("/proc/" + pid + "/stat");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const auto close = text.rfind(')');
    if (close == std::string::npos) throw std::runtime_error("cannot read /proc/" + pid + "/stat");
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    for (int index = 3; fields >> field; ++index) {  // the state is field 3
        if (index == 14) utime = std::stoull(field);
        if (index == 15) {
            stime = std::stoull(field);
            break;
        }
    }
    const auto ticks_per_second = static_cast<double>(::sysconf(_SC_CLK_TCK));
    return CpuTime{static_cast<double>(utime) / ticks_per_second,
                   static_cast<double>(stime) / ticks_per_second};
}

// The run-queue delay (second field of schedstat) summed over the threads alive now.
double run_queue_wait_seconds(const std::string& pid) {
    constexpr double kNanosecond = 1e-9;
    double total = 0;
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + pid + "/task", error)) {
        std::ifstream file(task.path() / "schedstat");
        unsigned long long on_cpu = 0;
        unsigned long long waiting = 0;
        if (file >> on_cpu >> waiting) total += static_cast<double>(waiting) * kNanosecond;
    }
    return total;
}

namespace {

/// The sum of the named "Name: value" lines of a /proc status file (0 for absent ones).
std::uint64_t sum_of_fields(const std::filesystem::path& status,
                            std::initializer_list<std::string_view> names) {
    std::ifstream file(status);
    std::uint64_t total = 0;
    std::string line;
    while (std::getline(file, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        const std::string_view name{line.data(), colon};
        if (std::find(names.begin(), names.end(), name) != names.end()) {
            total += std::stoull(line.substr(colon + 1));
        }
    }
    return total;
}

}  // namespace

std::uint64_t status_field(const std::string& pid, const std::string& name) {
    return sum_of_fields("/proc/" + pid + "/status", {name});
}

std::uint64_t context_switches(const std::string& pid) {
    std::uint64_t total = 0;
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + pid + "/task", error)) {
        total += sum_of_fields(task.path() / "status",
                               {"voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"});
    }
    return total;
}

std::string load_average() {
    std::ifstream file("/proc/loadavg");
    std::string one;
    std::string five;
    std::string fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

void raise_descriptor_limit(std::size_t descriptors) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    const rlim_t wanted = descriptors;
    if (limit.rlim_cur >= wanted) return;
    // The server is forked from here and inherits the raised soft limit too.
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < wanted) {
        std::fprintf(stderr, "warning: descriptor limit %llu < %llu needed\n",
                     static_cast<unsigned long long>(limit.rlim_cur),
                     static_cast<unsigned long long>(wanted));
    }
}

bool pin_to_cores(const std::string& pid, int first_core, int last_core) {
    cpu_set_t cores;
    CPU_ZERO(&cores);
    for (auto core = static_cast<std::size_t>(first_core);
         core <= static_cast<std::size_t>(last_core); ++core) {
        CPU_SET(core, &cores);
    }
    bool pinned = false;
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + pid + "/task", error)) {
        const auto tid = static_cast<pid_t>(std::stol(task.path().filename().string()));
        if (::sched_setaffinity(tid, sizeof cores, &cores) != 0) return false;
        pinned = true;
    }
    return pinned;
}

}  // namespace frontdesk::test::voice_load
