// SPDX-License-Identifier: Apache-2.0

#include "load_options.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace qgnet_bench {
namespace {

constexpr std::size_t kMaxMessageSize = 16u << 20;

[[noreturn]] void usage(const char* why)
{
    std::fprintf(stderr,
        "qgnet-bench-load: %s\n"
        "usage: qgnet-bench-load --port P [--host 127.0.0.1] [--conns N] [--size BYTES]\n"
        "                        [--duration SECONDS] [--warmup SECONDS] [--cpu N] [--tls] [--websocket]\n"
        "                        [--server-pid PID] [--connect-timeout SECONDS] [--threads N]\n"
        "   or: qgnet-bench-load --port A --port B [--server-pid PID_A --server-pid PID_B]\n"
        "                        [--slices N] [--slice SECONDS] [--slice-log FILE.csv]\n"
        "                        [the options above but --duration]\n",
        why);
    std::exit(2);
}

long long to_int(const char* s, long long lo, long long hi)
{
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        usage("bad integer argument");
    return v;
}

double to_seconds(const char* s, double lo)
{
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= lo) || v > 1e6)
        usage("bad seconds argument");
    return v;
}

} // namespace

LoadOptions parse_load_options(int argc, char** argv)
{
    LoadOptions o;
    bool have_duration = false, have_slicing = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--tls") {
            o.tls = true;
            continue;
        }
        if (a == "--websocket") {
            o.websocket = true;
            continue;
        }
        if (i + 1 >= argc)
            usage("missing value");
        const char* v = argv[++i];
        if (a == "--host")
            o.host = v;
        else if (a == "--port")
            o.ports.push_back(static_cast<unsigned>(to_int(v, 1, 65535)));
        else if (a == "--conns")
            o.conns = static_cast<int>(to_int(v, 1, 1000000));
        else if (a == "--size")
            o.size = static_cast<std::size_t>(to_int(v, 1, kMaxMessageSize));
        else if (a == "--duration") {
            o.duration = to_seconds(v, 0.001);
            have_duration = true;
        } else if (a == "--warmup")
            o.warmup = to_seconds(v, 0.0);
        else if (a == "--slices") {
            o.slices = static_cast<int>(to_int(v, 2, 1000000));
            have_slicing = true;
        } else if (a == "--slice") {
            o.slice = to_seconds(v, 0.001);
            have_slicing = true;
        } else if (a == "--slice-log") {
            o.slice_log = v;
            have_slicing = true;
        } else if (a == "--connect-timeout")
            o.connect_timeout = to_seconds(v, 0.001);
        else if (a == "--threads")
            o.threads = static_cast<int>(to_int(v, 1, 256));
        else if (a == "--cpu")
            o.cpu = static_cast<int>(to_int(v, 0, 1023));
        else if (a == "--server-pid")
            o.server_pids.push_back(static_cast<pid_t>(to_int(v, 1, 1 << 30)));
        else
            usage("unknown argument");
    }
    if (o.ports.empty())
        usage("--port is required");
    if (o.ports.size() > 2)
        usage("at most two targets (--port) are supported");
    if (!o.server_pids.empty() && o.server_pids.size() != o.ports.size()) {
        usage("give one --server-pid per --port, in the same order, or none");
    }
    if (o.paired()) {
        if (have_duration)
            usage("--duration applies to one target; two are measured with --slices and --slice");
        if (o.slices % 2 != 0)
            usage("--slices must be even: every A slice is paired with a B slice");
        if (o.threads != 1)
            usage("--threads applies to one target");
    } else if (have_slicing) {
        usage("--slices, --slice and --slice-log need two targets (two --port)");
    }
    if (o.threads > o.conns)
        usage("--threads must not exceed --conns");
    return o;
}

} // namespace qgnet_bench
