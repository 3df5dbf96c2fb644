// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "qgnet/address.h"
#include "qgnet/stats.h"

namespace qgnet::detail {

/// ListenerProbe is the part of a Listener that a snapshot reads, from any thread: its identity,
/// its counters and its back-off state, and the socket for the kernel's accept-queue figures. The
/// engine owns the probes (created with the listeners, freed after the loops), so a snapshot can
/// read them while the listener's loop is busy, or held by a handler, without waiting for it. Only
/// the owning loop writes the counters and state (relaxed stores, as LoopCounters); `fd` turns -1
/// under EngineCore's listener lock when the socket closes, and is read under the same lock.
struct ListenerProbe {
    std::string url;
    Network network = Network::Tcp;
    int loop = -1;
    bool reusePort = false;
    std::atomic<int> fd{-1};
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::uint64_t> refused{0};
    std::atomic<ListenerState> state{ListenerState::Accepting};
    std::atomic<int> backoffError{0};
    std::atomic<std::int64_t> backoffMs{0};

    /// bump is the single-writer increment (the owning loop only).
    static void bump(std::atomic<std::uint64_t>& counter) noexcept
    {
        counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
};

/// readAcceptQueue asks the kernel for a listening socket's accept queue: the connections waiting
/// to be accepted (depth) and its limit (backlog); each is -1 where the kernel does not say. TCP:
/// getsockopt(TCP_INFO) (tcpi_unacked, tcpi_sacked on a listening socket); Unix stream:
/// NETLINK_SOCK_DIAG with UDIAG_SHOW_RQLEN (rqueue, wqueue on a listening socket). A few system
/// calls: call it at snapshot time, never on a loop's hot path.
void readAcceptQueue(int fd, Network network, int& depth, int& backlog) noexcept;

} // namespace qgnet::detail
