// SPDX-License-Identifier: Apache-2.0
//
// CPU-time sampling: our own (getrusage) and the server's (all threads, user +
// system), so the load generator can bracket exactly its measured window.
#pragma once

#include <sys/types.h>

#include <optional>

namespace qgnet_bench {

// user + system CPU seconds of this process (getrusage RUSAGE_SELF).
double self_cpu_seconds();

// Samples another process's total CPU time. Prefers the kernel's per-process
// CPU clock (clock_getcpuclockid: nanosecond resolution, the same quantity as
// utime+stime); falls back to utime+stime from /proc/PID/stat (clock ticks).
class ProcessCpuClock {
public:
    explicit ProcessCpuClock(pid_t pid);

    // nullopt when the process is gone or cannot be read.
    std::optional<double> seconds() const;

    const char* source() const { return use_clock_ ? "cpuclock" : "proc-stat"; }

private:
    pid_t pid_;
    bool use_clock_ = false;
    clockid_t clock_{};
};

} // namespace qgnet_bench
