// SPDX-License-Identifier: Apache-2.0
//
// The load generator's engine: one thread, one epoll set for the connections
// of every target. It runs the event loop until a deadline or until a target
// has drained; what is measured, and when, is decided by the caller
// (load_main.cpp for one target, paired_run.cpp for two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "echo_target.h"
#include "load_options.h"

namespace qgnet_bench {

// Everything a report needs, taken at the start and at the end of a window.
struct Sample {
    double wall = 0;
    std::uint64_t msgs = 0; // the target's completed echoes
    double self_cpu = 0;    // this process
    double server_cpu = 0;  // the target's server (0 without a clock)
};

// The difference of two samples of one target; sums over several windows.
struct Measurement {
    std::uint64_t msgs = 0;
    double secs = 0;
    double client_cpu = 0;
    double server_cpu = 0;

    static Measurement between(const Sample& start, const Sample& end)
    {
        return {end.msgs - start.msgs, end.wall - start.wall, end.self_cpu - start.self_cpu,
            end.server_cpu - start.server_cpu};
    }
    Measurement& operator+=(const Measurement& m)
    {
        msgs += m.msgs;
        secs += m.secs;
        client_cpu += m.client_cpu;
        server_cpu += m.server_cpu;
        return *this;
    }
    double msgs_per_sec() const { return static_cast<double>(msgs) / secs; }
    double server_us_per_msg() const { return server_cpu * 1e6 / static_cast<double>(msgs); }
};

class LoadGenerator {
public:
    // One EchoTarget per --port, none connected yet.
    explicit LoadGenerator(const LoadOptions& opt);
    LoadGenerator(const LoadGenerator&) = delete;
    LoadGenerator& operator=(const LoadGenerator&) = delete;
    ~LoadGenerator();

    // Opens --conns connections to every target and returns once all are
    // established (fatal after --connect-timeout): load starts only when the
    // full connection count is in place.
    void connect_all();

    // Runs the event loop until the monotonic clock reaches `deadline`.
    void run_until(double deadline);

    // Stops `target` feeding new messages and runs the event loop until every
    // message it had in flight has come back (fatal after `timeout` seconds).
    void drain(EchoTarget& target, double timeout);

    // A sample of `target` now.
    Sample sample(const EchoTarget& target) const;

    std::size_t target_count() const { return targets_.size(); }
    EchoTarget& target(std::size_t i) { return *targets_[i]; }
    const EchoTarget& target(std::size_t i) const { return *targets_[i]; }

private:
    // Waits at most `timeout_ms` for events and dispatches them.
    void poll_once(int timeout_ms);

    const LoadOptions& opt_;
    std::unique_ptr<ClientTls> tls_; // with --tls only
    int epfd_ = -1;
    std::vector<std::unique_ptr<EchoTarget>> targets_;
};

} // namespace qgnet_bench
