// SPDX-License-Identifier: Apache-2.0
#include "load_balancer.h"

#include <cstring>

#include <netinet/in.h>

namespace qgnet::detail {

std::uint32_t LoadBalancer::hashAddress(const SocketAddress& peer) noexcept
{
    const std::uint8_t* bytes = nullptr;
    std::size_t length = 0;
    if (peer.family() == AF_INET) {
        bytes = reinterpret_cast<const std::uint8_t*>(&reinterpret_cast<const sockaddr_in*>(peer.data())->sin_addr);
        length = 4;
    } else if (peer.family() == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6*>(peer.data())->sin6_addr;
        bytes = in6.s6_addr;
        length = 16;
        if (IN6_IS_ADDR_V4MAPPED(&in6)) {
            bytes += 12;
            length = 4;
        }
    }
    std::uint32_t hash = 2166136261u;
    for (std::size_t i = 0; i < length; ++i) {
        hash ^= bytes[i];
        hash *= 16777619u;
    }
    return length ? hash : 0;
}

std::size_t LoadBalancer::pick(const SocketAddress& peer, std::span<const std::atomic<int>* const> counts,
    LoadBalancing* used) noexcept
{
    const LoadBalancing policy = this->policy();
    if (used)
        *used = policy;
    switch (policy) {
    case LoadBalancing::RoundRobin: return nextTurn();
    case LoadBalancing::LeastConnections: {
        std::size_t best = 0;
        int bestCount = counts[0]->load(std::memory_order_relaxed);
        for (std::size_t i = 1; i < counts.size(); ++i) {
            const int c = counts[i]->load(std::memory_order_relaxed);
            if (c < bestCount) {
                best = i;
                bestCount = c;
            }
        }
        return best;
    }
    case LoadBalancing::SourceAddrHash: return hashAddress(peer) % loops_;
    }
    return 0;
}

std::size_t LoadBalancer::pickOutbound(std::span<const std::atomic<int>* const> counts) noexcept
{
    if (policy() == LoadBalancing::SourceAddrHash)
        return nextTurn(); // hashing nothing would put every outbound connection on loop 0
    return pick(SocketAddress(), counts);
}

} // namespace qgnet::detail
