// SPDX-License-Identifier: Apache-2.0

#include "load_generator.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "fatal.h"

namespace qgnet_bench {

LoadGenerator::LoadGenerator(const LoadOptions& opt) : opt_(opt)
{
    if (opt.tls)
        tls_ = std::make_unique<ClientTls>();
    epfd_ = epoll_create1(EPOLL_CLOEXEC);
    if (epfd_ < 0)
        fail("epoll_create1: %s", std::strerror(errno));
    for (std::size_t i = 0; i < opt.ports.size(); ++i) {
        pid_t pid = opt.server_pids.empty() ? 0 : opt.server_pids[i];
        targets_.push_back(std::make_unique<EchoTarget>(i, opt.host, opt.ports[i], pid, opt.conns, opt.size, epfd_,
            tls_.get(), opt.websocket));
    }
}

LoadGenerator::~LoadGenerator()
{
    targets_.clear(); // closes the sockets before the epoll set
    if (epfd_ >= 0)
        close(epfd_);
}

void LoadGenerator::connect_all()
{
    for (auto& t : targets_)
        t->start_connecting();
    double deadline = monotonic_seconds() + opt_.connect_timeout;
    for (auto& t : targets_) {
        while (!t->all_connected()) {
            double left = deadline - monotonic_seconds();
            if (left <= 0) {
                fail("only %zu of %d connections to port %u established within %.1f s", t->connected(), opt_.conns,
                    t->port(), opt_.connect_timeout);
            }
            poll_once(static_cast<int>(std::ceil(left * 1000)));
        }
    }
}

void LoadGenerator::poll_once(int timeout_ms)
{
    epoll_event events[1024];
    int n = epoll_wait(epfd_, events, 1024, timeout_ms);
    if (n < 0) {
        if (errno == EINTR)
            return;
        fail("epoll_wait: %s", std::strerror(errno));
    }
    for (int k = 0; k < n; ++k) {
        std::uint64_t key = events[k].data.u64;
        targets_[EchoTarget::target_of(key)]->handle(key, events[k].events);
    }
}

void LoadGenerator::run_until(double deadline)
{
    for (;;) {
        double now = monotonic_seconds();
        if (now >= deadline)
            return;
        poll_once(static_cast<int>(std::ceil((deadline - now) * 1000.0)));
    }
}

void LoadGenerator::drain(EchoTarget& target, double timeout)
{
    target.stop();
    double deadline = monotonic_seconds() + timeout;
    while (target.in_flight() > 0) {
        double left = deadline - monotonic_seconds();
        if (left <= 0) {
            fail("%zu messages to port %u did not come back within %.1f s: server stalled?", target.in_flight(),
                target.port(), timeout);
        }
        poll_once(static_cast<int>(std::ceil(left * 1000)));
    }
}

Sample LoadGenerator::sample(const EchoTarget& target) const
{
    Sample s;
    s.wall = monotonic_seconds();
    s.msgs = target.completed();
    s.self_cpu = self_cpu_seconds();
    if (target.has_server_clock())
        s.server_cpu = target.server_cpu_seconds();
    return s;
}

} // namespace qgnet_bench
