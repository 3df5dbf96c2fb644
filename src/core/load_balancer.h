// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>

#include "qgnet/address.h"
#include "qgnet/options.h"

namespace qgnet::detail {

/// LoadBalancer picks the loop for a newly accepted connection from the loops' live connection counts.
/// Used by the acceptor thread only (round-robin's cursor is not shared).
class LoadBalancer {
public:
    LoadBalancer(LoadBalancing policy, std::size_t loops) noexcept : policy_(policy), loops_(loops) {}

    /// pick returns the index of the loop for a connection from peer; counts[i] is loop i's number
    /// of connections (assigned and not yet closed).
    std::size_t pick(const SocketAddress& peer, std::span<const std::atomic<int>* const> counts) noexcept;

    /// hashAddress is the source-address hash: FNV-1a over the peer's IP bytes (an IPv4-mapped IPv6
    /// address hashes as its IPv4 form; Unix peers hash to 0).
    static std::uint32_t hashAddress(const SocketAddress& peer) noexcept;

private:
    LoadBalancing policy_;
    std::size_t loops_;
    std::size_t next_ = 0;
};

} // namespace qgnet::detail
