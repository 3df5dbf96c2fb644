// SPDX-License-Identifier: Apache-2.0

#include "process_cpu.h"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace qgnet_bench {

double self_cpu_seconds()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto tv = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return tv(ru.ru_utime) + tv(ru.ru_stime);
}

ProcessCpuClock::ProcessCpuClock(pid_t pid) : pid_(pid)
{
    timespec ts{};
    use_clock_ = clock_getcpuclockid(pid, &clock_) == 0 && clock_gettime(clock_, &ts) == 0;
}

namespace {

// Fields 14 (utime) and 15 (stime) of /proc/PID/stat, in clock ticks. The
// command name (field 2) may contain spaces, so parse after the last ')'.
std::optional<double> proc_stat_seconds(pid_t pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
    FILE* f = std::fopen(path, "re");
    if (f == nullptr)
        return std::nullopt;
    char line[4096];
    size_t n = std::fread(line, 1, sizeof line - 1, f);
    std::fclose(f);
    line[n] = '\0';
    const char* p = std::strrchr(line, ')');
    if (p == nullptr)
        return std::nullopt;
    unsigned long long utime = 0, stime = 0;
    // After ")": state(3) then fields 4..13 to skip, then utime(14) stime(15).
    if (std::sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) {
        return std::nullopt;
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

} // namespace

std::optional<double> ProcessCpuClock::seconds() const
{
    if (use_clock_) {
        timespec ts{};
        if (clock_gettime(clock_, &ts) != 0)
            return std::nullopt;
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    }
    return proc_stat_seconds(pid_);
}

} // namespace qgnet_bench
