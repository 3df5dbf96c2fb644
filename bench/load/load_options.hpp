// SPDX-License-Identifier: Apache-2.0
//
// Command line of qgnet-bench-load.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

namespace qgnet_bench {

struct LoadOptions {
  std::string host = "127.0.0.1";
  unsigned port = 0;               // required
  int conns = 10;
  std::size_t size = 64;           // bytes per message
  double duration = 5.0;           // measured window, seconds
  double warmup = 1.0;             // excluded from every figure, seconds
  double connect_timeout = 10.0;   // all connections must be up by then
  int cpu = -1;                    // pin the load generator (optional)
  pid_t server_pid = 0;            // sample this process's CPU over the window
};

// Exits with status 2 and a usage message on bad input.
LoadOptions parse_load_options(int argc, char** argv);

}  // namespace qgnet_bench
