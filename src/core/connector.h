// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <any>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "qgnet/address.h"
#include "timer_queue.h"

namespace qgnet {
class Conn;
}

namespace qgnet::detail {

class Connection;
class EventLoop;
struct DialRace;

/// Connector is a loop's client side (muduo's Connector): Client::dial over every address of a name,
/// raced as RFC 8305 ("Happy Eyeballs") asks, Client::enroll, and the end of a non-blocking connect.
/// It is owned by its loop and runs on the loop's thread only. It reaches back into the loop only
/// through the loop's connection steps (createConnection, releaseSlot, openConnection, the TLS
/// handshake) and its timers; the loop calls it for dial, enroll, a connect that became ready and
/// an attempt that failed.
class Connector {
public:
    using Callback = std::function<void(Conn*, std::error_code)>;

    /// DialRequest is a client's connect, resolved, for the loop that will own the connection.
    struct DialRequest {
        std::string url; ///< as the application gave it, for the log
        Network network = Network::Tcp;
        std::vector<SocketAddress> peers; ///< every address of the host, in the order to try them (RFC 8305)
        std::error_code error;            ///< resolution failed: report it and connect nothing
        Clock::time_point deadline;
        Callback callback;
        std::any context;
        std::string host; ///< the URL's host: TLS's SNI and certificate name when the context names none
    };

    explicit Connector(EventLoop& loop) noexcept : loop_(&loop) {}
    Connector(const Connector&) = delete;
    Connector& operator=(const Connector&) = delete;

    /// dial connects without blocking (already counted in connectionCount): onOpen then the callback
    /// once connected; the callback alone, with the error, if it fails or the deadline passes. With
    /// several addresses it races them as RFC 8305 asks: the next one starts 250 ms after the
    /// previous, or as soon as that one fails; the first to connect wins and the rest are closed.
    void dial(DialRequest request);
    /// enroll adopts a connected socket of the application's (counted already), as a client connection.
    void enroll(int fd, Callback callback, std::any context);
    /// connectReady: the backend saw a connecting attempt become writable (connected, or failed).
    void connectReady(Connection& conn);
    /// failAttempt ends an attempt that did not connect (refused, unreachable, timed out, the engine
    /// stopping): no onOpen happened, so no onClose either.
    void failAttempt(Connection& conn, std::error_code reason);

private:
    enum class AttemptStart : std::uint8_t { Failed, Connecting, Connected };
    void startAttempts(const std::shared_ptr<DialRace>& race);
    AttemptStart startAttempt(const std::shared_ptr<DialRace>& race, const SocketAddress& peer);
    void noteAttemptFailure(DialRace& race, const SocketAddress& peer, std::error_code reason);
    void winRace(Connection& winner);
    void failRace(DialRace& race, std::error_code error);
    void discardUnopened(Connection& conn);
    void finishConnect(Connection& conn, Callback callback);

    EventLoop* loop_;
};

} // namespace qgnet::detail
