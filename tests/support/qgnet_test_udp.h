// SPDX-License-Identifier: Apache-2.0
// Plain UDP sockets for the tests: bind, send one datagram, receive one datagram with a deadline.
// Header-only, Qt-free and qgnet-free like qgnet_test_support.
#pragma once

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "qgnet_test_support.h"

namespace qgnet_test {

/// udpSocket makes a non-blocking, close-on-exec datagram socket bound to ip:0 (ip numeric, IPv4 or IPv6).
inline Fd udpSocket(int family, std::string& err)
{
    Fd fd(::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd) {
        err = std::string("socket(SOCK_DGRAM): ") + std::strerror(errno);
        return fd;
    }
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (family == AF_INET) {
        auto* a = reinterpret_cast<sockaddr_in*>(&ss);
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof(sockaddr_in);
    } else {
        auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        len = sizeof(sockaddr_in6);
    }
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&ss), len) != 0) {
        err = std::string("bind(udp): ") + std::strerror(errno);
        return Fd();
    }
    return fd;
}

/// boundAddress is getsockname() of fd.
inline sockaddr_storage boundAddress(int fd, socklen_t& len)
{
    sockaddr_storage ss{};
    len = sizeof(ss);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
    return ss;
}

/// sendDatagram sends data as one datagram to addr (waiting for POLLOUT on EAGAIN until deadline).
inline bool sendDatagram(int fd, const sockaddr* addr, socklen_t len, ConstBytes data, Deadline deadline,
    std::string& err)
{
    for (;;) {
        const ssize_t n = ::sendto(fd, data.data(), data.size(), MSG_NOSIGNAL, addr, len);
        if (n >= 0) {
            if (static_cast<std::size_t>(n) != data.size()) {
                err = "sendto sent " + std::to_string(n) + " of " + std::to_string(data.size()) + " bytes";
                return false;
            }
            return true;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != ENOBUFS) {
            err = std::string("sendto: ") + std::strerror(errno);
            return false;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            err = "sendto: timed out on EAGAIN";
            return false;
        }
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, static_cast<int>(left));
    }
}

/// recvDatagram receives one datagram (up to 64 KiB + 1, so a too long one shows) until deadline;
/// from (optional) gets the sender.
inline bool recvDatagram(int fd, std::vector<std::byte>& out, Deadline deadline, std::string& err,
    sockaddr_storage* from = nullptr)
{
    out.resize(65536 + 1);
    for (;;) {
        sockaddr_storage ss{};
        socklen_t len = sizeof(ss);
        const ssize_t n = ::recvfrom(fd, out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&ss), &len);
        if (n >= 0) {
            out.resize(static_cast<std::size_t>(n));
            if (from)
                *from = ss;
            return true;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            err = std::string("recvfrom: ") + std::strerror(errno);
            out.clear();
            return false;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            err = "recvfrom: no datagram before the deadline";
            out.clear();
            return false;
        }
        pollfd p{fd, POLLIN, 0};
        ::poll(&p, 1, static_cast<int>(left));
    }
}

} // namespace qgnet_test
