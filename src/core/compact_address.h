// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <netinet/in.h>

#include <cstring>

#include "qgnet/address.h"

namespace qgnet::detail {

/// CompactAddress keeps an IPv4 or IPv6 socket address in 28 bytes (a sockaddr_in6), where a
/// SocketAddress takes 136 (a whole sockaddr_storage): a connection holds two, and an idle one should
/// cost little more than its socket (bench/run-idle-memory.sh). Any other family (Unix) is not kept
/// here: assign() says so, and the owner keeps that address elsewhere (Connection: in its rarely
/// allocated Extra).
class CompactAddress {
public:
    /// assign stores address and returns true (IPv4, IPv6 or empty), or, for anything else (another
    /// family, or an IP family with an unexpected length), marks the address as kept elsewhere and
    /// returns false.
    bool assign(const SocketAddress& address) noexcept
    {
        std::memset(&ip_, 0, sizeof ip_);
        const int family = address.family();
        if ((family == AF_INET && address.size() == sizeof(sockaddr_in))
            || (family == AF_INET6 && address.size() == sizeof(sockaddr_in6))) {
            std::memcpy(&ip_, address.data(), address.size());
            return true;
        }
        if (family == AF_UNSPEC)
            return true;
        ip_.family = kElsewhere;
        return false;
    }
    /// isInline tells whether get() gives the whole address (IPv4, IPv6 or empty).
    bool isInline() const noexcept
    {
        return ip_.family == AF_INET || ip_.family == AF_INET6 || ip_.family == AF_UNSPEC;
    }
    /// get rebuilds the SocketAddress (empty unless isInline()).
    SocketAddress get() const noexcept
    {
        if (ip_.family == AF_INET)
            return SocketAddress(reinterpret_cast<const sockaddr*>(&ip_.v4), sizeof ip_.v4);
        if (ip_.family == AF_INET6)
            return SocketAddress(reinterpret_cast<const sockaddr*>(&ip_.v6), sizeof ip_.v6);
        return SocketAddress();
    }

private:
    static constexpr sa_family_t kElsewhere = 0xffff; // no AF_ value
    union Ip {
        sa_family_t family; // the first member of both sockaddrs
        sockaddr_in v4;
        sockaddr_in6 v6;
    } ip_{};
};

static_assert(sizeof(CompactAddress) == sizeof(sockaddr_in6), "an IPv6 address and nothing more");

} // namespace qgnet::detail
