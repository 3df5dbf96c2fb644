// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "compact_address.h"
#include "qgnet/address.h"
#include "qgnet/options.h"
#include "qgnet/stats.h"
#include "stats/bounded_log.h"

namespace qgnet::detail {

/// DecisionLog is the engine's log of load-balancing decisions (Options::decisionLogCapacity, one per
/// connection the acceptor hands to a loop), kept in a compact stored form and turned into
/// BalanceDecisions only for a snapshot. A BalanceDecision is ~200 bytes (a whole SocketAddress) plus a
/// heap-allocated loads vector; a log of them stayed resident after a burst of connections, ~230 KiB
/// of the 19,000-connection run's growth. Here an entry is 64 bytes (the peer as a CompactAddress),
/// and the loads of all entries share one array of capacity x loops counters; both are allocated when
/// the engine is built (BoundedLog). Written and read on the acceptor thread only.
class DecisionLog {
public:
    /// DecisionLog keeps up to `capacity` decisions among `loops` loops.
    DecisionLog(std::size_t capacity, std::size_t loops) : entries_(capacity), loops_(loops), loads_(capacity * loops)
    {
    }

    /// record logs that `chosen` got a connection from `peer` under `policy`, with the loads the
    /// balancer saw (one counter per loop, `loops` of them).
    void record(LoadBalancing policy, const SocketAddress& peer, std::size_t chosen,
        const std::vector<const std::atomic<int>*>& counts)
    {
        Entry* e = entries_.next();
        if (!e)
            return;
        e->sequence = ++sequence_;
        e->time = std::chrono::system_clock::now();
        e->policy = policy;
        e->chosen = static_cast<std::int32_t>(chosen);
        if (e->peer.assign(peer))
            e->otherPeer.reset();
        else if (e->otherPeer)
            *e->otherPeer = peer;
        else
            e->otherPeer = std::make_unique<SocketAddress>(peer);
        std::int32_t* loads = &loads_[entries_.indexOf(*e) * loops_];
        for (std::size_t i = 0; i < loops_ && i < counts.size(); ++i)
            loads[i] = counts[i]->load(std::memory_order_relaxed);
    }

    /// collect appends the kept decisions with a sequence above `after` to `out`, oldest first.
    void collect(std::uint64_t after, std::vector<BalanceDecision>& out) const
    {
        entries_.forEach([&](const Entry& e) {
            if (e.sequence <= after)
                return;
            BalanceDecision& d = out.emplace_back();
            d.sequence = e.sequence;
            d.time = e.time;
            d.policy = e.policy;
            d.chosen = e.chosen;
            d.peer = e.otherPeer ? *e.otherPeer : e.peer.get();
            const std::int32_t* loads = &loads_[entries_.indexOf(e) * loops_];
            d.loads.assign(loads, loads + loops_);
        });
    }

    /// dropped is how many decisions were pushed out of the log so far.
    std::uint64_t dropped() const noexcept { return entries_.dropped(); }

private:
    // A decision's stored form, less its loads (in loads_, at the entry's index).
    struct Entry {
        std::uint64_t sequence = 0;
        std::chrono::system_clock::time_point time;
        std::unique_ptr<SocketAddress> otherPeer; // a peer CompactAddress does not keep (Unix)
        CompactAddress peer;
        std::int32_t chosen = 0;
        LoadBalancing policy = LoadBalancing::RoundRobin;
    };
    // One cache line per decision: the whole log stays resident for the engine's life.
    static_assert(sizeof(Entry) == 64, "a decision log entry is one cache line: keep it so");

    BoundedLog<Entry> entries_;
    std::size_t loops_;
    std::vector<std::int32_t> loads_; // capacity x loops: entry i's loads at [i * loops_, (i + 1) * loops_)
    std::uint64_t sequence_ = 0;
};

} // namespace qgnet::detail
