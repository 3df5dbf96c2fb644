// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>

#include "qgnet/address.h"
#include "qgnet/options.h"

namespace qgnet::detail {

/// LoadBalancer picks the loop for a new connection from the loops' live connection counts: pick for
/// an accepted one (on the accepting thread), pickOutbound for one a Client dials or enrolls (from any
/// thread). Thread-safe: the round-robin cursor and the policy (Engine::setLoadBalancing changes it
/// while the engine runs) are atomic, the counts are read relaxed.
class LoadBalancer {
public:
    LoadBalancer(LoadBalancing policy, std::size_t loops) noexcept : policy_(policy), loops_(loops) {}

    /// pick returns the index of the loop for a connection from peer; counts[i] is loop i's number
    /// of connections (assigned and not yet closed). *used, when given, is the policy it applied
    /// (read once, so a decision is logged under the policy that made it).
    std::size_t pick(const SocketAddress& peer, std::span<const std::atomic<int>* const> counts,
        LoadBalancing* used = nullptr) noexcept;

    /// policy / setPolicy: the policy in force; a change applies to the next pick (any thread).
    LoadBalancing policy() const noexcept { return policy_.load(std::memory_order_relaxed); }
    void setPolicy(LoadBalancing policy) noexcept { policy_.store(policy, std::memory_order_relaxed); }

    /// pickOutbound returns the loop for a connection this process opens (Client::dial, enroll). There
    /// is no source address to hash (the destination is not even resolved yet when a dial is queued),
    /// so SourceAddrHash spreads such connections like RoundRobin; LeastConnections is unchanged.
    std::size_t pickOutbound(std::span<const std::atomic<int>* const> counts) noexcept;

    /// hashAddress is the source-address hash: FNV-1a over the peer's IP bytes (an IPv4-mapped IPv6
    /// address hashes as its IPv4 form; Unix peers hash to 0).
    static std::uint32_t hashAddress(const SocketAddress& peer) noexcept;

private:
    std::size_t nextTurn() noexcept { return next_.fetch_add(1, std::memory_order_relaxed) % loops_; }

    std::atomic<LoadBalancing> policy_;
    std::size_t loops_;
    std::atomic<std::size_t> next_{0}; // round robin's cursor, shared by every thread that picks
};

} // namespace qgnet::detail
