// SPDX-License-Identifier: Apache-2.0
//
// Helpers every part of qgnet-bench-load uses: the fatal-error exit (any
// error ends the run, so a broken server can never post a good score) and the
// monotonic wall clock the windows are measured with.
#pragma once

namespace qgnet_bench {

// Prints "qgnet-bench-load: <message>" on stderr and exits with status 1.
[[noreturn]] void fail(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// CLOCK_MONOTONIC in seconds (vDSO: no system call).
double monotonic_seconds();

} // namespace qgnet_bench
