// SPDX-License-Identifier: Apache-2.0
// FaultProxy: an in-process TCP proxy on the loopback that sits between a test client and the server
// under test and injects faults into each direction (1-byte slicing, delays, stalls, RST or half-close
// after N bytes). It runs on plain sockets and one poll() thread of its own, so it depends neither on
// Qt nor on the engine it tests.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>

#include <sys/socket.h>

#include "qgnet_test_support.h"

namespace qgnet_test {

/// FaultSpec is what the proxy does to the bytes of one direction. The defaults forward everything as
/// it arrives. The byte counts are counted per connection and direction, from the first byte.
struct FaultSpec {
    /// noMore is "never" for the byte counts below.
    static constexpr std::size_t noMore = std::numeric_limits<std::size_t>::max();

    /// slice > 0 forwards at most slice bytes per send() (1: one byte per segment, TCP_NODELAY is set),
    /// so the receiver's reads see frames, records and headers cut at every offset.
    std::size_t slice = 0;
    /// delay holds every piece read from the source this long before it is forwarded.
    std::chrono::milliseconds delay{0};
    /// stallAfter: after forwarding this many bytes the direction stops (nothing is read or sent, so the
    /// sender's window fills) until FaultProxy::release().
    std::size_t stallAfter = noMore;
    /// resetAfter: after forwarding this many bytes both sockets of the connection are closed with an
    /// RST (SO_LINGER 0), the peer's view of a network reset.
    std::size_t resetAfter = noMore;
    /// shutdownAfter: after forwarding this many bytes the destination gets a FIN (shutdown SHUT_WR)
    /// and the rest the source sends is read and dropped; the other direction goes on.
    std::size_t shutdownAfter = noMore;
};

/// FaultProxy listens on 127.0.0.1 (an ephemeral port) and forwards every connection it accepts to the
/// upstream address (TCP or Unix), applying toServer to the client's bytes and toClient to the
/// server's. A FIN or an RST from one end is passed on to the other. All sockets are closed when
/// the proxy is destroyed. Every method is safe from any thread.
class FaultProxy {
public:
    /// Direction names one direction of a proxied connection.
    enum class Direction { ToServer, ToClient };

    FaultProxy(const sockaddr* upstream, socklen_t upstreamLen, FaultSpec toServer, FaultSpec toClient = {});
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;
    ~FaultProxy();

    /// start binds, listens and starts the thread; false with err on failure.
    bool start(std::string& err);
    /// port is the proxy's listening port (valid after start).
    std::uint16_t port() const noexcept { return port_; }
    /// connect is a non-blocking client connected to the proxy (invalid Fd and err on failure).
    Fd connect(std::string& err);

    /// release lets every stalled direction (and every future one) go on forwarding.
    void release();
    /// forwarded is the number of bytes the proxy sent in a direction, over all connections.
    std::size_t forwarded(Direction d) const noexcept;
    /// stalls counts the directions that reached their stall point.
    int stalls() const noexcept { return stalls_.load(); }
    /// resets counts the connections the proxy reset, by its own fault or passing on a peer's RST.
    int resets() const noexcept { return resets_.load(); }
    /// finished counts the connections whose both ends the proxy has closed.
    int finished() const noexcept { return finished_.load(); }
    /// waitStalls waits until at least n directions are stalled; false at the timeout.
    bool waitStalls(int n, std::chrono::milliseconds timeout);
    /// error is the first unexpected socket error the proxy thread met ("" when none).
    std::string error() const;

private:
    struct Impl;
    void run();

    Impl* impl_;
    std::uint16_t port_ = 0;
    std::thread thread_;
    std::atomic<int> stalls_{0};
    std::atomic<int> resets_{0};
    std::atomic<int> finished_{0};
    std::atomic<std::size_t> forwardedToServer_{0};
    std::atomic<std::size_t> forwardedToClient_{0};
};

} // namespace qgnet_test
