// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-load: closed-loop echo load generator. One thread, epoll.
// Every connection keeps exactly one message in flight: send S bytes, wait for
// all S to come back, check them, send the next. Output is key=value pairs on
// stdout; any connection error or corrupted echo is fatal (message on stderr,
// exit 1) so a broken server can never post a good score.
//
// One target (--port once): a warmup, then one measured window of --duration;
// only messages completed inside it are counted; one line of output.
// Two targets (--port twice): a paired, interleaved A/B run (paired_run.h).

#include <sched.h>
#include <sys/resource.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "fatal.h"
#include "load_generator.h"
#include "load_options.h"
#include "paired_run.h"

namespace {

using qgnet_bench::fail;

void run_single(qgnet_bench::LoadGenerator& gen, const qgnet_bench::LoadOptions& opt) {
  qgnet_bench::EchoTarget& t = gen.target(0);
  double t0 = qgnet_bench::monotonic_seconds();
  t.start();
  gen.run_until(t0 + opt.warmup);
  qgnet_bench::Sample start = gen.sample(t);
  gen.run_until(t0 + opt.warmup + opt.duration);
  qgnet_bench::Sample end = gen.sample(t);

  auto m = qgnet_bench::Measurement::between(start, end);
  if (m.msgs == 0) fail("no message completed in the %.3f s window: server stalled?", m.secs);
  std::printf("msgs=%llu secs=%.6f msgs_per_sec=%.1f client_cpu_sec=%.6f", static_cast<unsigned long long>(m.msgs),
              m.secs, m.msgs_per_sec(), m.client_cpu);
  if (t.has_server_clock()) {
    std::printf(" server_cpu_sec=%.6f server_cpu_us_per_msg=%.4f server_cpu_source=%s", m.server_cpu,
                m.server_us_per_msg(), t.server_cpu_source());
  }
  std::printf(" conns=%d size=%zu\n", opt.conns, opt.size);
  std::fflush(stdout);
}

void pin_or_die(int cpu) {
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) fail("sched_setaffinity(cpu %d): %s", cpu, std::strerror(errno));
}

// One fd per connection plus a few; raise the soft limit up to the hard one.
void ensure_fd_limit(long long conns) {
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rlim_t need = static_cast<rlim_t>(conns) + 32;
  if (rl.rlim_cur >= need) return;
  if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
    fail("%lld connections need %llu file descriptors, hard limit is %llu", conns,
         static_cast<unsigned long long>(need), static_cast<unsigned long long>(rl.rlim_max));
  }
  rl.rlim_cur = need;
  if (setrlimit(RLIMIT_NOFILE, &rl) != 0) fail("setrlimit(RLIMIT_NOFILE): %s", std::strerror(errno));
}

}  // namespace

int main(int argc, char** argv) {
  qgnet_bench::LoadOptions opt = qgnet_bench::parse_load_options(argc, argv);
  pin_or_die(opt.cpu);
  ensure_fd_limit(static_cast<long long>(opt.conns) * static_cast<long long>(opt.ports.size()));
  signal(SIGPIPE, SIG_IGN);  // a dead server must surface as EPIPE, not kill us silently
  qgnet_bench::LoadGenerator gen(opt);
  gen.connect_all();
  if (opt.paired()) {
    qgnet_bench::run_paired(gen, opt);
  } else {
    run_single(gen, opt);
  }
  return 0;  // ~LoadGenerator closes every connection with RST
}
