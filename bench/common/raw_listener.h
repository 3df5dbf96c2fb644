// SPDX-License-Identifier: Apache-2.0
//
// What the two hand-written reference servers (raw_epoll_echo.cpp and
// raw_epoll_tls_echo.cpp) share besides their echo: the loopback listener,
// SIGINT/SIGTERM as a descriptor, and the port the kernel picked. Header-only,
// like server_cli.h, so that each server stays one translation unit. `die`
// prints what failed with errno and exits 1.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>

#include <cstdint>

namespace qgnet_bench {

// A non-blocking TCP listener on 127.0.0.1:port (0: the kernel picks).
template <typename Die>
int open_loopback_listener(unsigned port, Die die)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        die("bind");
    if (listen(fd, SOMAXCONN) != 0)
        die("listen");
    return fd;
}

// SIGINT and SIGTERM as a readable descriptor, so that shutdown needs no
// handler and no flag check on the hot path.
template <typename Die>
int open_shutdown_signalfd(Die die)
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0)
        die("sigprocmask");
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0)
        die("signalfd");
    return fd;
}

// The port a listener is bound to.
template <typename Die>
unsigned bound_port(int listen_fd, Die die)
{
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    if (getsockname(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        die("getsockname");
    return ntohs(addr.sin_port);
}

} // namespace qgnet_bench
