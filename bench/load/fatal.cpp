// SPDX-License-Identifier: Apache-2.0

#include "fatal.h"

#include <time.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

namespace qgnet_bench {

void fail(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    std::fputs("qgnet-bench-load: ", stderr);
    std::vfprintf(stderr, fmt, ap);
    std::fputc('\n', stderr);
    va_end(ap);
    std::exit(1);
}

double monotonic_seconds()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace qgnet_bench
