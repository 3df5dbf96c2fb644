// SPDX-License-Identifier: Apache-2.0
// The client side of a loop: Client::dial over every address of a name, raced as RFC 8305 ("Happy
// Eyeballs") asks, Client::enroll, and the end of a non-blocking connect.
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
#include "tls/tls_session.h"

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

void EventLoop::dial(DialRequest request)
{
    assertInLoopThread();
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
    if (stopping_)
        return failRace(*race, Errc::EngineStopped);
    if (tlsBuffers_ && !isStream(race->network))
        return failRace(*race, Errc::UnsupportedProtocol); // TLS has no datagram form here (no DTLS)
    startAttempts(race);
}

// Starts the next attempt, and the ones after it at once for as long as each fails at once; while
// one is connecting, the next starts kConnectionAttemptDelay later (or as soon as it fails). With no
// address left and nothing connecting, the dial has failed.
void EventLoop::startAttempts(const std::shared_ptr<DialRace>& race)
{
    DialRace& r = *race;
    if (r.nextAttemptTimer) {
        timers_.cancel(r.nextAttemptTimer);
        r.nextAttemptTimer = 0;
    }
    while (!r.settled && r.next < r.addresses.size() && !stopping_ && now_ < r.deadline) {
        switch (startAttempt(race, r.addresses[r.next++])) {
        case AttemptStart::Failed:
            continue;
        case AttemptStart::Connected:
            return;
        case AttemptStart::Connecting:
            if (r.next < r.addresses.size())
                r.nextAttemptTimer = timers_.schedule(now_ + kConnectionAttemptDelay, [this, race] {
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
        error = stopping_ ? std::error_code(Errc::EngineStopped)
            : r.next < r.addresses.size() || !r.firstError ? std::make_error_code(std::errc::timed_out)
                                                             : r.firstError;
    failRace(r, error);
}

EventLoop::AttemptStart EventLoop::startAttempt(const std::shared_ptr<DialRace>& race, const SocketAddress& peer)
{
    DialRace& r = *race;
    const bool stream = isStream(r.network);
    const int fd = ::socket(peer.family(), (stream ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        noteAttemptFailure(r, peer, errnoCode());
        return AttemptStart::Failed;
    }
    configureAccepted(fd, r.network, *config_);
    int rc;
    do {
        rc = ::connect(fd, peer.data(), peer.size());
    } while (rc < 0 && errno == EINTR);
    if (rc < 0 && errno != EINPROGRESS) { // refused, unreachable, a full Unix backlog (EAGAIN)...
        noteAttemptFailure(r, peer, errnoCode());
        ::close(fd);
        return AttemptStart::Failed;
    }
    auto* conn = new Connection(*this, fd, r.network, SocketAddress(), peer,
        stream ? IoHandle::Kind::Connection : IoHandle::Kind::Datagram);
    if (tlsBuffers_) {
        const TlsContext& context = *config_->options.tls;
        try {
            // SNI and the certificate check use the name dialled, never the address tried.
            conn->enableTls(context, *tlsBuffers_, true, context.serverName().empty() ? r.host : context.serverName());
        } catch (const std::exception&) {
            ::close(fd);
            delete conn;
            noteAttemptFailure(r, peer, Errc::TlsError);
            return AttemptStart::Failed;
        }
    }
    conn->setClient();
    conn->dialRace = race;
    placeInTable(*conn);
    ++open_;
    r.attempts.push_back(conn);
    if (rc == 0) { // Unix sockets and UDP connect at once
        winRace(*conn);
        return AttemptStart::Connected;
    }
    conn->beginConnecting(r.deadline, {});
    if (auto ec = backend_->watchConnect(*conn)) {
        std::erase(r.attempts, conn);
        noteAttemptFailure(r, peer, ec);
        discardUnopened(*conn);
        return AttemptStart::Failed;
    }
    refreshTimeouts(*conn); // the connect deadline
    return AttemptStart::Connecting;
}

void EventLoop::noteAttemptFailure(DialRace& race, const SocketAddress& peer, std::error_code reason)
{
    if (!race.firstError)
        race.firstError = reason;
    if (!race.failures.empty())
        race.failures += ", ";
    race.failures += peer.toString() + " (" + reason.message() + ')';
}

// The first attempt to connect wins; the others are closed before anything was sent on them.
void EventLoop::winRace(Connection& winner)
{
    const std::shared_ptr<DialRace> race = std::move(winner.dialRace);
    race->settled = true;
    if (race->nextAttemptTimer) {
        timers_.cancel(race->nextAttemptTimer);
        race->nextAttemptTimer = 0;
    }
    for (Connection* other : race->attempts)
        if (other != &winner)
            discardUnopened(*other);
    race->attempts.clear();
    winner.context() = std::move(race->context);
    finishConnect(winner, std::move(race->callback));
}

void EventLoop::failRace(DialRace& race, std::error_code error)
{
    race.settled = true;
    if (race.nextAttemptTimer) {
        timers_.cancel(race.nextAttemptTimer);
        race.nextAttemptTimer = 0;
    }
    connectionCount_.fetch_sub(1, std::memory_order_relaxed);
    // A name with several addresses: the callback's one error cannot say what each of them did.
    if (race.addresses.size() > 1 && !race.failures.empty())
        config_->log(LogLevel::Info, "dial " + race.url + " failed (" + error.message() + "): " + race.failures);
    const AsyncCallback callback = std::move(race.callback);
    if (callback)
        callback(nullptr, error);
}

// A connection that never reached onOpen leaves without a trace: no callback, no onClose.
void EventLoop::discardUnopened(Connection& conn)
{
    backend_->removeConnection(conn);
    if (conn.timeoutTimer) {
        timers_.cancel(conn.timeoutTimer);
        conn.timeoutTimer = 0;
    }
    conn.dialRace.reset();
    conn.setState(Connection::State::Closed);
    ::close(conn.socketFd);
    conn.markClosed();
    slots_[conn.slot] = nullptr;
    freeSlots_.push_back(conn.slot);
    --open_;
    closed_.push_back(&conn); // freed at the end of the iteration: the backend may still hold the pointer
}

void EventLoop::enroll(int fd, std::function<void(Conn*, std::error_code)> callback, std::any context)
{
    assertInLoopThread();
    int type = 0;
    socklen_t typeSize = sizeof type;
    SocketAddress peer;
    socklen_t len = SocketAddress::capacity();
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &typeSize) != 0 || ::getpeername(fd, peer.data(), &len) != 0) {
        const std::error_code ec = errnoCode();
        ::close(fd);
        connectionCount_.fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, ec);
        return;
    }
    peer.setSize(len);
    const bool stream = type == SOCK_STREAM;
    const Network network = peer.family() == AF_UNIX ? Network::Unix
        : stream ? Network::Tcp
                 : Network::Udp;
    if (tlsBuffers_ && !stream) {
        ::close(fd);
        connectionCount_.fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, Errc::UnsupportedProtocol); // no DTLS
        return;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    auto* conn = new Connection(*this, fd, network, SocketAddress(), peer,
        stream ? IoHandle::Kind::Connection : IoHandle::Kind::Datagram);
    if (tlsBuffers_) {
        try {
            conn->enableTls(*config_->options.tls, *tlsBuffers_, true, config_->options.tls->serverName());
        } catch (const std::exception&) {
            ::close(fd);
            delete conn;
            connectionCount_.fetch_sub(1, std::memory_order_relaxed);
            if (callback)
                callback(nullptr, Errc::TlsError);
            return;
        }
    }
    conn->context() = std::move(context);
    conn->setClient();
    placeInTable(*conn);
    ++open_;
    finishConnect(*conn, std::move(callback));
}

void EventLoop::handleConnectReady(Connection& conn)
{
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(conn.socketFd, SOL_SOCKET, SO_ERROR, &error, &size) != 0)
        error = errno;
    if (error != 0) {
        failDial(conn, std::error_code(error, std::system_category()));
        return;
    }
    backend_->removeConnection(conn); // drop the connect watch; addConnection registers for I/O
    winRace(conn);
}

void EventLoop::finishConnect(Connection& conn, std::function<void(Conn*, std::error_code)> callback)
{
    SocketAddress local;
    socklen_t len = SocketAddress::capacity();
    if (::getsockname(conn.socketFd, local.data(), &len) == 0)
        local.setSize(len);
    conn.setConnected(local);
    if (auto ec = backend_->addConnection(conn)) {
        discardUnopened(conn);
        connectionCount_.fetch_sub(1, std::memory_order_relaxed);
        if (callback)
            callback(nullptr, ec);
        finishIfDrained();
        return;
    }
    if (conn.isTls()) {
        beginHandshake(conn, std::move(callback)); // onOpen and the callback once it completes
        return;
    }
    refreshTimeouts(conn);
    openConnection(conn);
    if (callback)
        callback(&conn, {}); // after onOpen; conn may already be closed by it, its memory is still valid
}

// An attempt that did not connect (refused, unreachable, timed out, the engine stopping): no onOpen
// happened, so no onClose either. The race goes on with the next address, or tells the dialer.
void EventLoop::failDial(Connection& conn, std::error_code reason)
{
    const std::shared_ptr<DialRace> race = conn.dialRace;
    std::erase(race->attempts, &conn);
    noteAttemptFailure(*race, conn.remoteAddr(), reason);
    if (reason == std::errc::timed_out || reason == Errc::EngineShutdown)
        race->decisive = reason;
    discardUnopened(conn);
    if (!race->settled)
        startAttempts(race);
    finishIfDrained();
}

} // namespace qgnet::detail
