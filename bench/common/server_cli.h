// SPDX-License-Identifier: Apache-2.0
//
// The command-line contract shared by every benchmark echo server:
//   --port P   TCP port on 127.0.0.1 (0 = let the kernel pick)
//   --cpu N    pin the process to CPU N before any thread is created
//   --cert FILE --key FILE   PEM certificate chain and key (TLS servers only)
// and the banner "listening on tcp://127.0.0.1:<port>" that the runner parses.
// Header-only so that every server stays a single translation unit.
#pragma once

#include <sched.h>
#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace qgnet_bench {

struct ServerCli {
    unsigned port = 0;
    int cpu = -1;         // -1: leave affinity alone
    std::string tls_cert; // TLS servers: both required
    std::string tls_key;
};

[[noreturn]] inline void server_usage(const char* prog, const char* why)
{
    std::fprintf(stderr, "%s: %s\nusage: %s [--port P] [--cpu N] [--cert FILE --key FILE]\n", prog, why, prog);
    std::exit(2);
}

inline long parse_number(const char* prog, const char* text, long lo, long hi)
{
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi) {
        server_usage(prog, "bad numeric argument");
    }
    return v;
}

// tls: the server speaks TLS, and --cert and --key are then required (and
// refused otherwise).
inline ServerCli parse_server_cli(int argc, char** argv, bool tls = false)
{
    ServerCli cli;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if ((a == "--port" || a == "--cpu" || a == "--cert" || a == "--key") && i + 1 >= argc) {
            server_usage(argv[0], "missing value");
        }
        if (tls && a == "--cert") {
            cli.tls_cert = argv[++i];
        } else if (tls && a == "--key") {
            cli.tls_key = argv[++i];
        } else if (a == "--port") {
            cli.port = static_cast<unsigned>(parse_number(argv[0], argv[++i], 0, 65535));
        } else if (a == "--cpu") {
            cli.cpu = static_cast<int>(parse_number(argv[0], argv[++i], 0, CPU_SETSIZE - 1));
        } else {
            server_usage(argv[0], "unknown argument");
        }
    }
    if (tls && (cli.tls_cert.empty() || cli.tls_key.empty()))
        server_usage(argv[0], "--cert and --key are required");
    return cli;
}

// Pins the calling thread; threads created afterwards inherit the mask, so call
// this first thing in main().
inline void pin_to_cpu_or_die(int cpu)
{
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        std::fprintf(stderr, "sched_setaffinity(cpu %d): %s\n", cpu, std::strerror(errno));
        std::exit(1);
    }
}

// A peer that resets mid-write must cost an EPIPE, not the process. Harmless
// for libraries that already pass MSG_NOSIGNAL.
inline void ignore_sigpipe() { ::signal(SIGPIPE, SIG_IGN); }

// Printed only once the socket is listening; flushed because stdout is a file
// or pipe under the runner and would otherwise be block-buffered.
inline void announce_listening(unsigned port)
{
    std::printf("listening on tcp://127.0.0.1:%u\n", port);
    std::fflush(stdout);
}

} // namespace qgnet_bench
