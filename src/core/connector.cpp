// SPDX-License-Identifier: Apache-2.0
// The client side of a loop (see connector.h).
#include "connector.h"

#include <algorithm>
#include <string>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "connection.h"
#include "engine_config.h"
#include "event_loop.h"
#include "qgnet/error.h"
#include "socket_ops.h"

namespace qgnet::detail {

namespace {

// RFC 8305 section 5's recommended Connection Attempt Delay: the next address is tried this long
// after the previous attempt started, unless that attempt failed sooner.
constexpr std::chrono::milliseconds kConnectionAttemptDelay{250};

} // namespace

/// DialRace is one Client::dial: the name's addresses in RFC 8305 order, the attempts connecting
/// now, and what the dialer is told once one of them connects or all have failed. Each attempt is a
/// Connection in state Connecting that holds the race, so the race lives as long as its last attempt.
struct DialRace {
    std::string url;
    std::string host; // TLS's peer name
    Network network = Network::Tcp;
    std::vector<SocketAddress> addresses;
    std::size_t next = 0; // addresses[next] is the next one to try
    Clock::time_point deadline;
    AsyncCallback callback;
    std::any context;
    std::vector<Connection*> attempts; // connecting now
    TimerQueue::Id nextAttemptTimer = 0;
    std::error_code firstError;
    std::error_code decisive; // a timeout or a stop ends the dial whatever the other attempts said
    std::string failures;     // "[::1]:80 (Connection refused), ..." for the log
    bool settled = false;
};

void Connector::dial(DialRequest request)
{
    loop_->assertInLoopThread();
    auto race = std::make_shared<DialRace>();
    race->url = std::move(request.url);
    race->host = std::move(request.host);
    race->network = request.network;
    race->addresses = std::move(request.peers);
    race->deadline = request.deadline;
    race->callback = std::move(request.callback);
    race->context = std::move(request.context);
    if (request.error)
        return failRace(*race, request.error);
    if (loop_->stopping())
        return failRace(*race, Errc::EngineStopped);
    if (loop_->tlsEnabled() && !isStream(race->network))
        return failRace(*race, Errc::UnsupportedProtocol); // TLS has no datagram form here (no DTLS)
    startAttempts(race);
}

// Starts the next attempt, and the ones after it at once for as long as each fails at once; while
// one is connecting, the next starts kConnectionAttemptDelay later (or as soon as it fails). With no
// address left and nothing connecting, the dial has failed.
void Connector::startAttempts(const std::shared_ptr<DialRace>& race)
{
    DialRace& r = *race;
    TimerQueue& timers = loop_->timers();
    if (r.nextAttemptTimer) {
        timers.cancel(r.nextAttemptTimer);
        r.nextAttemptTimer = 0;
    }
    while (!r.settled && r.next < r.addresses.size() && !loop_->stopping() && loop_->now() < r.deadline) {
        switch (startAttempt(race, r.addresses[r.next++])) {
        case AttemptStart::Failed: continue;
        case AttemptStart::Connected: return;
        case AttemptStart::Connecting:
            if (r.next < r.addresses.size())
                r.nextAttemptTimer = timers.schedule(loop_->now() + kConnectionAttemptDelay, [this, race] {
                    race->nextAttemptTimer = 0;
                    startAttempts(race);
                });
            return;
        }
    }
    if (r.settled || !r.attempts.empty())
        return;
    std::error_code error = r.decisive;
    if (!error)
        error = loop_->stopping()                          ? std::error_code(Errc::EngineStopped)
            : r.next < r.addresses.size() || !r.firstError ? std::make_error_code(std::errc::timed_out)
                                                           : r.firstError;
    failRace(r, error);
}

Connector::AttemptStart Connector::startAttempt(const std::shared_ptr<DialRace>& race, const SocketAddress& peer)
{
    DialRace& r = *race;
    const bool stream = isStream(r.network);
    const int fd = ::socket(peer.family(), (stream ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        noteAttemptFailure(r, peer, errnoCode());
        return AttemptStart::Failed;
    }
    configureAccepted(fd, r.network, loop_->config());
    int rc;
    do {
        rc = ::connect(fd, peer.data(), peer.size());
    } while (rc < 0 && errno == EINTR);
    if (rc < 0 && errno != EINPROGRESS) { // refused, unreachable, a full Unix backlog (EAGAIN)...
        noteAttemptFailure(r, peer, errnoCode());
        ::close(fd);
        return AttemptStart::Failed;
    }
    std::string tlsError;
    // SNI and the certificate check use the name dialled, never the address tried.
    Connection* conn = loop_->createConnection(
        {.fd = fd, .network = r.network, .local = {}, .peer = peer, .client = true, .tlsPeerName = r.host}, tlsError);
    if (!conn) {
        noteAttemptFailure(r, peer, Errc::TlsError);
        return AttemptStart::Failed;
    }
    conn->dialRace() = race;
    r.attempts.push_back(conn);
    if (rc == 0) { // Unix sockets and UDP connect at once
        winRace(*conn);
        return AttemptStart::Connected;
    }
    conn->beginConnecting(r.deadline, {});
    if (auto ec = loop_->backend().watchConnect(*conn)) {
        std::erase(r.attempts, conn);
        noteAttemptFailure(r, peer, ec);
        discardUnopened(*conn);
        return AttemptStart::Failed;
    }
    loop_->refreshTimeouts(*conn); // the connect deadline
    return AttemptStart::Connecting;
}

void Connector::noteAttemptFailure(DialRace& race, const SocketAddress& peer, std::error_code reason)
{
    if (!race.firstError)
        race.firstError = reason;
    if (!race.failures.empty())
        race.failures += ", ";
    race.failures += peer.toString() + " (" + reason.message() + ')';
}

// The first attempt to connect wins; the others are closed before anything was sent on them.
void Connector::winRace(Connection& winner)
{
    const std::shared_ptr<DialRace> race = std::move(winner.dialRace());
    race->settled = true;
    if (race->nextAttemptTimer) {
        loop_->timers().cancel(race->nextAttemptTimer);
        race->nextAttemptTimer = 0;
    }
    for (Connection* other : race->attempts)
        if (other != &winner)
            discardUnopened(*other);
    race->attempts.clear();
    winner.context() = std::move(race->context);
    finishConnect(winner, std::move(race->callback));
}

void Connector::failRace(DialRace& race, std::error_code error)
{
    race.settled = true;
    if (race.nextAttemptTimer) {
        loop_->timers().cancel(race.nextAttemptTimer);
        race.nextAttemptTimer = 0;
    }
    loop_->connectionCount().fetch_sub(1, std::memory_order_relaxed);
    // A name with several addresses: the callback's one error cannot say what each of them did.
    if (race.addresses.size() > 1 && !race.failures.empty())
        loop_->config().log(LogLevel::Info, "dial " + race.url + " failed (" + error.message() + "): " + race.failures);
    const AsyncCallback callback = std::move(race.callback);
    if (callback)
        callback(nullptr, error);
}

// A connection that never reached onOpen leaves without a trace: no callback, no onClose.
void Connector::discardUnopened(Connection& conn)
{
    loop_->backend().removeConnection(conn);
    conn.dialRace().reset();
    conn.setState(Connection::State::Closed);
    loop_->releaseSlot(conn);
}

void Connector::enroll(int fd, Callback callback, std::any context)
{
    loop_->assertInLoopThread();
    int type = 0;
    socklen_t typeSize = sizeof type;
    SocketAddress peer;
    socklen_t len = SocketAddress::capacity();
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &typeSize) != 0 || ::getpeername(fd, peer.data(), &len) != 0) {
        const std::error_code ec = errnoCode();
        ::close(fd);
        loop_->connectionCount().fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, ec);
        return;
    }
    peer.setSize(len);
    const bool stream = type == SOCK_STREAM;
    const Network network = peer.family() == AF_UNIX ? Network::Unix : stream ? Network::Tcp : Network::Udp;
    if (loop_->tlsEnabled() && !stream) {
        ::close(fd);
        loop_->connectionCount().fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, Errc::UnsupportedProtocol); // no DTLS
        return;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    std::string tlsError;
    Connection* conn = loop_->createConnection(
        {.fd = fd, .network = network, .local = {}, .peer = peer, .client = true, .tlsPeerName = {}}, tlsError);
    if (!conn) {
        loop_->connectionCount().fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, Errc::TlsError);
        return;
    }
    conn->context() = std::move(context);
    finishConnect(*conn, std::move(callback));
}

void Connector::connectReady(Connection& conn)
{
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(conn.socketFd, SOL_SOCKET, SO_ERROR, &error, &size) != 0)
        error = errno;
    if (error != 0) {
        failAttempt(conn, std::error_code(error, std::system_category()));
        return;
    }
    loop_->backend().removeConnection(conn); // drop the connect watch; addConnection registers for I/O
    winRace(conn);
}

void Connector::finishConnect(Connection& conn, Callback callback)
{
    SocketAddress local;
    socklen_t len = SocketAddress::capacity();
    if (::getsockname(conn.socketFd, local.data(), &len) == 0)
        local.setSize(len);
    conn.setConnected(local);
    if (auto ec = loop_->backend().addConnection(conn)) {
        discardUnopened(conn);
        loop_->connectionCount().fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, ec);
        loop_->finishIfDrained();
        return;
    }
    loop_->openConnection(conn, std::move(callback)); // TLS: onOpen and the callback once the handshake is done
}

// The race goes on with the next address, or tells the dialer.
void Connector::failAttempt(Connection& conn, std::error_code reason)
{
    const std::shared_ptr<DialRace> race = conn.dialRace();
    std::erase(race->attempts, &conn);
    noteAttemptFailure(*race, conn.remoteAddr(), reason);
    if (reason == std::errc::timed_out || reason == Errc::EngineShutdown)
        race->decisive = reason;
    discardUnopened(conn);
    if (!race->settled)
        startAttempts(race);
    loop_->finishIfDrained();
}

} // namespace qgnet::detail
