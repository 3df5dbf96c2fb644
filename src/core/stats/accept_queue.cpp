// SPDX-License-Identifier: Apache-2.0
// The kernel's view of a listening socket's accept queue (see listener_probe.h).
#include <cstddef>
#include <cstring>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "listener_probe.h"

namespace qgnet::detail {

namespace {

// TCP_LISTEN in the kernel's socket states (include/net/tcp_states.h), which unix_diag filters by.
constexpr unsigned kListenState = 10;

// One exact query (no dump) for the Unix socket with this inode: the kernel answers with its
// unix_diag_msg and, asked for UDIAG_SHOW_RQLEN, the queue lengths (for a listener: connections
// waiting to be accepted, and the backlog).
void readUnixQueue(int fd, int& depth, int& backlog) noexcept
{
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return;
    const int nl = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (nl < 0)
        return; // out of descriptors, or no sock_diag: the figures stay unknown
    struct {
        nlmsghdr header;
        unix_diag_req request;
    } query{};
    query.header.nlmsg_len = sizeof query;
    query.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    query.header.nlmsg_flags = NLM_F_REQUEST;
    query.request.sdiag_family = AF_UNIX;
    query.request.udiag_states = 1u << kListenState;
    query.request.udiag_ino = static_cast<__u32>(st.st_ino);
    query.request.udiag_show = UDIAG_SHOW_RQLEN;
    query.request.udiag_cookie[0] = ~0u; // INET_DIAG_NOCOOKIE: match by inode alone
    query.request.udiag_cookie[1] = ~0u;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(nl, &query, sizeof query, 0, reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel)
        != static_cast<ssize_t>(sizeof query)) {
        ::close(nl);
        return;
    }
    alignas(nlmsghdr) char answer[1024];
    const ssize_t n = ::recv(nl, answer, sizeof answer, 0);
    ::close(nl);
    if (n <= 0)
        return;
    // Parsed by hand: the NLMSG_*/RTA_* macros use C casts, which this build refuses.
    const auto align = [](std::size_t len) { return (len + NLMSG_ALIGNTO - 1) & ~std::size_t{NLMSG_ALIGNTO - 1}; };
    const auto size = static_cast<std::size_t>(n);
    if (size < sizeof(nlmsghdr))
        return;
    nlmsghdr header{};
    std::memcpy(&header, answer, sizeof header);
    if (header.nlmsg_type != SOCK_DIAG_BY_FAMILY || header.nlmsg_len > size)
        return; // NLMSG_ERROR: not found, or not supported
    std::size_t at = align(sizeof(nlmsghdr)) + align(sizeof(unix_diag_msg));
    while (at + sizeof(rtattr) <= header.nlmsg_len) {
        rtattr attr{};
        std::memcpy(&attr, answer + at, sizeof attr);
        if (attr.rta_len < sizeof(rtattr) || at + attr.rta_len > header.nlmsg_len)
            return;
        const std::size_t payload = attr.rta_len - align(sizeof(rtattr));
        if (attr.rta_type == UNIX_DIAG_RQLEN && payload >= sizeof(unix_diag_rqlen)) {
            unix_diag_rqlen q{};
            std::memcpy(&q, answer + at + align(sizeof(rtattr)), sizeof q);
            depth = static_cast<int>(q.udiag_rqueue);
            backlog = static_cast<int>(q.udiag_wqueue);
            return;
        }
        at += align(attr.rta_len);
    }
}

} // namespace

void readAcceptQueue(int fd, Network network, int& depth, int& backlog) noexcept
{
    depth = -1;
    backlog = -1;
    if (fd < 0)
        return;
    if (network == Network::Unix) {
        readUnixQueue(fd, depth, backlog);
        return;
    }
    if (network != Network::Tcp && network != Network::Tcp4 && network != Network::Tcp6)
        return;
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0 || info.tcpi_state != kListenState)
        return;
    // On a listening socket the kernel reports its accept queue in these two fields (tcp_get_info).
    depth = static_cast<int>(info.tcpi_unacked);
    backlog = static_cast<int>(info.tcpi_sacked);
}

} // namespace qgnet::detail
