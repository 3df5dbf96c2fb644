// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <system_error>

#include "qgnet/address.h"

namespace qgnet::detail {

struct EngineConfig;

/// errnoCode turns the current errno into a std::error_code of the system category.
std::error_code errnoCode() noexcept;

/// ListenSocket is a bound, listening, non-blocking socket and the address it got.
struct ListenSocket {
    int fd = -1;
    SocketAddress bound;
};

/// openListener creates, configures (SO_REUSEADDR/SO_REUSEPORT, IPV6_V6ONLY, buffer sizes), binds and
/// listens; for a UDP address it makes a bound datagram socket instead (SO_BROADCAST, and a multicast
/// address joins its group). A stale Unix socket file at the path is removed first (only if it is a
/// socket). On failure it returns fd -1, sets ec and explains in detail.
/// target is where to bind: address.socketAddress(), or, for further SO_REUSEPORT sockets, the
/// address the first one got.
ListenSocket openListener(const ListenAddress& address, const SocketAddress& target, const EngineConfig& config,
    bool reusePort, std::error_code& ec, std::string& detail);

/// configureAccepted applies the per-connection options (TCP_NODELAY, keep-alive, buffer sizes) to an
/// accepted TCP socket; failures are ignored as gnet does (the connection still works).
void configureAccepted(int fd, Network network, const EngineConfig& config) noexcept;

/// Socket options shared by Conn's thread-safe setters.
std::error_code setIntOption(int fd, int level, int name, int value) noexcept;
std::error_code setLinger(int fd, std::optional<std::chrono::seconds> timeout) noexcept;
std::error_code setKeepAlive(int fd, std::chrono::seconds idle) noexcept;

/// somaxconn reads /proc/sys/net/core/somaxconn (4096 when unreadable).
int somaxconn() noexcept;

} // namespace qgnet::detail
