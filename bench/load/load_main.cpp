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
// --threads N (one target): N such loops on N threads, each with its own epoll
// and its share of the connections, so that one client core does not cap a
// many-loop server (bench/run-scaling.sh).

#include <sched.h>
#include <sys/resource.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include "fatal.h"
#include "load_generator.h"
#include "load_options.h"
#include "paired_run.h"

namespace {

using qgnet_bench::fail;

void run_single(qgnet_bench::LoadGenerator& gen, const qgnet_bench::LoadOptions& opt)
{
    qgnet_bench::EchoTarget& t = gen.target(0);
    double t0 = qgnet_bench::monotonic_seconds();
    t.start();
    gen.run_until(t0 + opt.warmup);
    qgnet_bench::Sample start = gen.sample(t);
    gen.run_until(t0 + opt.warmup + opt.duration);
    qgnet_bench::Sample end = gen.sample(t);

    auto m = qgnet_bench::Measurement::between(start, end);
    if (m.msgs == 0)
        fail("no message completed in the %.3f s window: server stalled?", m.secs);
    std::printf("msgs=%llu secs=%.6f msgs_per_sec=%.1f client_cpu_sec=%.6f", static_cast<unsigned long long>(m.msgs),
        m.secs, m.msgs_per_sec(), m.client_cpu);
    if (t.has_server_clock()) {
        std::printf(" server_cpu_sec=%.6f server_cpu_us_per_msg=%.4f server_cpu_source=%s", m.server_cpu,
            m.server_us_per_msg(), t.server_cpu_source());
    }
    std::printf(" conns=%d size=%zu\n", opt.conns, opt.size);
    std::fflush(stdout);
}

void pin_or_die(int cpu);

// --threads N: every thread connects its share, then all run to the same
// absolute deadlines and sample there. The server's CPU clock and this
// process's CPU time are read by thread 0 only (both are process-wide).
void run_threaded(const qgnet_bench::LoadOptions& opt)
{
    const int n = opt.threads;
    std::vector<qgnet_bench::LoadOptions> shares(static_cast<std::size_t>(n), opt);
    for (int i = 0; i < n; ++i) {
        auto& share = shares[static_cast<std::size_t>(i)];
        share.conns = opt.conns / n + (i < opt.conns % n ? 1 : 0);
        if (i > 0)
            share.server_pids.clear();
    }
    std::vector<qgnet_bench::Sample> starts(static_cast<std::size_t>(n)), ends(static_cast<std::size_t>(n));
    std::atomic<int> connected{0};
    std::atomic<double> t0{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&, i] {
            const auto k = static_cast<std::size_t>(i);
            if (opt.cpu >= 0)
                pin_or_die(opt.cpu + i);
            qgnet_bench::LoadGenerator gen(shares[k]);
            gen.connect_all();
            // Load starts once every thread has its connections: the window sees the full count.
            if (connected.fetch_add(1) + 1 == n)
                t0.store(qgnet_bench::monotonic_seconds());
            while (t0.load() == 0)
                std::this_thread::yield();
            qgnet_bench::EchoTarget& t = gen.target(0);
            t.start();
            gen.run_until(t0.load() + opt.warmup);
            starts[k] = gen.sample(t);
            gen.run_until(t0.load() + opt.warmup + opt.duration);
            ends[k] = gen.sample(t);
            gen.drain(t, opt.connect_timeout); // nothing in flight while other threads still sample
        });
    }
    for (auto& t : threads)
        t.join();

    qgnet_bench::Measurement m = qgnet_bench::Measurement::between(starts[0], ends[0]);
    for (std::size_t k = 1; k < starts.size(); ++k)
        m.msgs += ends[k].msgs - starts[k].msgs;
    if (m.msgs == 0)
        fail("no message completed in the %.3f s window: server stalled?", m.secs);
    std::printf("msgs=%llu secs=%.6f msgs_per_sec=%.1f client_cpu_sec=%.6f", static_cast<unsigned long long>(m.msgs),
        m.secs, m.msgs_per_sec(), m.client_cpu);
    if (!opt.server_pids.empty()) {
        std::printf(" server_cpu_sec=%.6f server_cpu_us_per_msg=%.4f", m.server_cpu, m.server_us_per_msg());
    }
    std::printf(" conns=%d size=%zu threads=%d\n", opt.conns, opt.size, n);
    std::fflush(stdout);
}

void pin_or_die(int cpu)
{
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
        fail("sched_setaffinity(cpu %d): %s", cpu, std::strerror(errno));
}

// One fd per connection plus a few; raise the soft limit up to the hard one.
void ensure_fd_limit(long long conns)
{
    rlimit rl{};
    getrlimit(RLIMIT_NOFILE, &rl);
    rlim_t need = static_cast<rlim_t>(conns) + 32;
    if (rl.rlim_cur >= need)
        return;
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
        fail("%lld connections need %llu file descriptors, hard limit is %llu", conns,
            static_cast<unsigned long long>(need), static_cast<unsigned long long>(rl.rlim_max));
    }
    rl.rlim_cur = need;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
        fail("setrlimit(RLIMIT_NOFILE): %s", std::strerror(errno));
}

} // namespace

int main(int argc, char** argv)
{
    qgnet_bench::LoadOptions opt = qgnet_bench::parse_load_options(argc, argv);
    if (opt.threads == 1)
        pin_or_die(opt.cpu);
    ensure_fd_limit(static_cast<long long>(opt.conns) * static_cast<long long>(opt.ports.size()));
    signal(SIGPIPE, SIG_IGN); // a dead server must surface as EPIPE, not kill us silently
    if (opt.threads > 1) {
        run_threaded(opt);
        return 0;
    }
    qgnet_bench::LoadGenerator gen(opt);
    gen.connect_all();
    if (opt.paired()) {
        qgnet_bench::run_paired(gen, opt);
    } else {
        run_single(gen, opt);
    }
    return 0; // ~LoadGenerator closes every connection with RST
}
