// SPDX-License-Identifier: Apache-2.0
//
// Command line of qgnet-bench-load.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

namespace qgnet_bench {

struct LoadOptions {
    std::string host = "127.0.0.1";
    std::vector<unsigned> ports;    // one per target; one or two (required)
    std::vector<pid_t> server_pids; // none, or one per port (same order)
    int conns = 10;                 // per target
    std::size_t size = 64;          // bytes per message
    double duration = 5.0;          // one target: measured window, seconds
    double warmup = 1.0;            // excluded from every figure, seconds (per target)
    int slices = 40;                // two targets: measured slices in all (even)
    double slice = 0.25;            // two targets: measured part of one slice, seconds
    std::string slice_log;          // two targets: write every slice as a CSV row here
    double connect_timeout = 10.0;  // all connections must be up by then
    int cpu = -1;                   // pin the load generator (optional)
    bool tls = false;               // every connection over TLS (client_tls.h)
    bool websocket = false;         // upgrade at connect (GET /ws), then one binary frame per message
    int threads = 1;                // one target: load threads, each with its own epoll and share of --conns

    // Two targets are measured in alternating slices (see paired_run.h).
    bool paired() const { return ports.size() == 2; }
};

// Exits with status 2 and a usage message on bad input.
LoadOptions parse_load_options(int argc, char** argv);

} // namespace qgnet_bench
