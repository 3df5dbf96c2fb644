// SPDX-License-Identifier: Apache-2.0
#include "socket_ops.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "engine_config.h"

namespace qgnet::detail {

std::error_code errnoCode() noexcept { return {errno, std::system_category()}; }

std::error_code setIntOption(int fd, int level, int name, int value) noexcept
{
    if (::setsockopt(fd, level, name, &value, sizeof value) != 0)
        return errnoCode();
    return {};
}

std::error_code setLinger(int fd, std::optional<std::chrono::seconds> timeout) noexcept
{
    linger l{};
    l.l_onoff = timeout.has_value() ? 1 : 0;
    l.l_linger = timeout ? static_cast<int>(std::max<std::chrono::seconds::rep>(0, timeout->count())) : 0;
    if (::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l) != 0)
        return errnoCode();
    return {};
}

std::error_code setKeepAlive(int fd, std::chrono::seconds idle) noexcept
{
    if (idle.count() <= 0)
        return setIntOption(fd, SOL_SOCKET, SO_KEEPALIVE, 0);
    const int idleSecs = static_cast<int>(std::min<std::chrono::seconds::rep>(idle.count(), 32767));
    if (auto ec = setIntOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1))
        return ec;
    if (auto ec = setIntOption(fd, IPPROTO_TCP, TCP_KEEPIDLE, idleSecs))
        return ec;
    if (auto ec = setIntOption(fd, IPPROTO_TCP, TCP_KEEPINTVL, std::max(1, idleSecs / 5)))
        return ec;
    return setIntOption(fd, IPPROTO_TCP, TCP_KEEPCNT, 5);
}

int somaxconn() noexcept
{
    int value = 4096;
    if (std::FILE* f = std::fopen("/proc/sys/net/core/somaxconn", "re")) {
        if (std::fscanf(f, "%d", &value) != 1 || value <= 0)
            value = 4096;
        std::fclose(f);
    }
    return value;
}

namespace {

bool isTcp(Network n) { return n == Network::Tcp || n == Network::Tcp4 || n == Network::Tcp6; }

// Removes a leftover socket file from an earlier run, but never a regular file or anything else.
void removeStaleUnixSocket(const SocketAddress& address)
{
    const std::string path = address.toString();
    if (path.empty() || path.front() == '@')
        return;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode))
        ::unlink(path.c_str());
}

// A datagram socket bound to a multicast address joins that group, on the interface with index
// `interface` (0: the kernel's choice), as gnet does. Returns 0, or -1 with errno.
int joinMulticastGroup(int fd, const SocketAddress& address, int interface)
{
    if (address.family() == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(address.data());
        if ((ntohl(in->sin_addr.s_addr) & 0xF0000000u) != 0xE0000000u) // not 224.0.0.0/4
            return 0;
        ip_mreqn request{};
        request.imr_multiaddr = in->sin_addr;
        request.imr_address.s_addr = htonl(INADDR_ANY);
        request.imr_ifindex = interface;
        if (::setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) != 0)
            return -1;
        return interface > 0 ? ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &request, sizeof request) : 0;
    }
    if (address.family() == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address.data());
        if (in6->sin6_addr.s6_addr[0] != 0xff) // not ff00::/8
            return 0;
        ipv6_mreq request{};
        request.ipv6mr_multiaddr = in6->sin6_addr;
        // A link-local group needs an interface: the scope id of the URL ("[ff02::3%lo]") if none is set.
        request.ipv6mr_interface = interface > 0 ? static_cast<unsigned>(interface) : in6->sin6_scope_id;
        if (::setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &request, sizeof request) != 0)
            return -1;
        const unsigned index = request.ipv6mr_interface;
        return index > 0 ? ::setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof index) : 0;
    }
    return 0;
}

} // namespace

ListenSocket openListener(const ListenAddress& address, const SocketAddress& bindTo, const EngineConfig& config,
    bool reusePort, std::error_code& ec, std::string& detail)
{
    const Options& o = config.options;
    const Network network = address.network();
    SocketAddress target = bindTo;
    auto fail = [&](const char* step) {
        ec = errnoCode();
        detail = std::string(step) + " '" + address.url() + "': " + ec.message();
        return ListenSocket{};
    };

    const int type = isStream(network) ? SOCK_STREAM : SOCK_DGRAM;
    int fd = ::socket(target.family(), type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 && errno == EAFNOSUPPORT && address.dualStack()) {
        // No IPv6 on this host: "tcp://:port" falls back to IPv4 only.
        sockaddr_in in{};
        in.sin_family = AF_INET;
        in.sin_port = htons(target.port());
        in.sin_addr.s_addr = htonl(INADDR_ANY);
        target = SocketAddress(reinterpret_cast<const sockaddr*>(&in), sizeof in);
        fd = ::socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    }
    if (fd < 0)
        return fail("cannot create a socket for");

    auto closeAndFail = [&](const char* step) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return fail(step);
    };
    // TCP only: on a UDP socket SO_REUSEADDR would let a second server bind the same port unnoticed.
    if (o.reuseAddr && isTcp(network) && setIntOption(fd, SOL_SOCKET, SO_REUSEADDR, 1))
        return closeAndFail("cannot set SO_REUSEADDR on");
    if (reusePort && setIntOption(fd, SOL_SOCKET, SO_REUSEPORT, 1))
        return closeAndFail("cannot set SO_REUSEPORT on");
    const bool v6only = network == Network::Tcp6 || network == Network::Udp6 || !address.dualStack();
    if (target.family() == AF_INET6 && setIntOption(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only ? 1 : 0))
        return closeAndFail("cannot set IPV6_V6ONLY on");
    if (o.socketRecvBuffer > 0 && setIntOption(fd, SOL_SOCKET, SO_RCVBUF, o.socketRecvBuffer))
        return closeAndFail("cannot set SO_RCVBUF on");
    if (o.socketSendBuffer > 0 && setIntOption(fd, SOL_SOCKET, SO_SNDBUF, o.socketSendBuffer))
        return closeAndFail("cannot set SO_SNDBUF on");
    if (network == Network::Unix)
        removeStaleUnixSocket(target);
    if (type == SOCK_DGRAM && target.family() == AF_INET && setIntOption(fd, SOL_SOCKET, SO_BROADCAST, 1))
        return closeAndFail("cannot set SO_BROADCAST on");
    if (::bind(fd, target.data(), target.size()) != 0)
        return closeAndFail("cannot bind");
    if (type == SOCK_DGRAM) {
        if (joinMulticastGroup(fd, target, o.multicastInterfaceIndex) != 0)
            return closeAndFail("cannot join the multicast group of");
    } else {
        const int backlog = o.listenBacklog > 0 ? o.listenBacklog : somaxconn();
        if (::listen(fd, backlog) != 0)
            return closeAndFail("cannot listen on");
    }

    ListenSocket result;
    result.fd = fd;
    if (network == Network::Unix) {
        result.bound = target; // getsockname would not name an abstract socket any better
    } else {
        socklen_t len = SocketAddress::capacity();
        if (::getsockname(fd, result.bound.data(), &len) != 0)
            return closeAndFail("cannot read the bound address of");
        result.bound.setSize(len);
    }
    ec.clear();
    return result;
}

void configureAccepted(int fd, Network network, const EngineConfig& config) noexcept
{
    const Options& o = config.options;
    if (isTcp(network)) {
        if (o.tcpNoDelay)
            (void)setIntOption(fd, IPPROTO_TCP, TCP_NODELAY, 1);
        if (o.tcpKeepAlive.count() > 0)
            (void)setKeepAlive(fd, o.tcpKeepAlive);
    }
    if (o.socketRecvBuffer > 0)
        (void)setIntOption(fd, SOL_SOCKET, SO_RCVBUF, o.socketRecvBuffer);
    if (o.socketSendBuffer > 0)
        (void)setIntOption(fd, SOL_SOCKET, SO_SNDBUF, o.socketSendBuffer);
}

} // namespace qgnet::detail
