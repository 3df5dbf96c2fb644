// SPDX-License-Identifier: Apache-2.0
// The loop's side of the backend contract (backend/backend.h): what an I/O backend calls when a
// listener is ready, bytes arrived, the peer ended, the socket is writable or a send completed. Each
// step moves one connection through its states and leaves the rest to EventLoop::afterCallback.
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "connection.h"
#include "engine_config.h"
#include "event_loop.h"
#include "listener.h"
#include "qgnet/error.h"
#include "tls/tls_handshake.h"
#include "tls/tls_session.h"

namespace qgnet::detail {

void EventLoop::handleAcceptReady(Listener& listener)
{
    assertInLoopThread();
    listener.acceptReady(*this);
}

void EventLoop::handleReceived(Connection& conn, Bytes data)
{
    assertInLoopThread();
    LoopCounters::add(counters_.bytesIn, data.size());
    LoopCounters::add(counters_.reads, 1);
    conn.countReceived(data.size());
    if (conn.isTls()) {
        receiveTls(*this, conn, data);
        return;
    }
    conn.beginTraffic(data);
    deliverTraffic(conn);
}

// A wake is not a read: no bytes, no counters. It shows the handler what its reader already holds,
// plaintext or TLS alike (through the TLS read path an empty input would decrypt nothing and never
// reach onTraffic), and leaves what the TLS session keeps for the next read.
void EventLoop::wake(Connection& conn)
{
    assertInLoopThread();
    if (conn.state() == Connection::State::Handshaking)
        return; // the handler does not know it yet
    conn.beginTraffic({});
    conn.showPlaintext({});
    deliverTraffic(conn);
}

// onTraffic for what the reader shows now (plaintext), then what it left behind; a handler that
// throws costs its connection only.
void EventLoop::deliverTraffic(Connection& conn)
{
    afterCallback(conn, invokeHandler("onTraffic", "; closing the connection", Action::Close, [&] {
        StallWatch::Scope timed(stallWatch_, StallCallback::OnTraffic, conn.id());
        return handler().onTraffic(conn);
    }));
}

void EventLoop::handlePeerClosed(Connection& conn)
{
    assertInLoopThread();
    // TLS: EOF without the peer's close_notify (even in the middle of a record) is a truncated stream,
    // which may have been cut short on purpose: not a clean end, so no half-close drain either.
    const bool handshaking = conn.state() == Connection::State::Handshaking;
    if (conn.isTls() && !handshaking && !conn.tls()->closeNotifyReceived()) {
        closeConnection(conn, Errc::TlsTruncated);
        return;
    }
    if (conn.outboundBuffered() == 0 || handshaking) { // (a TLS handshake cannot finish now)
        closeConnection(conn, Errc::PeerClosed);
        return;
    }
    // Half-close: deliver what is queued (bounded like a graceful close), then close.
    conn.beginDrain();
    conn.setFlushDeadline(now_ + config_->options.closeFlushTimeout);
    refreshTimeouts(conn);
}

// A paused connection is not read, so the poller's hang-up or error (which cannot be masked) is all
// that says its peer has gone; ignored, it woke a level-triggered loop forever and onClose never came.
// An error (a reset) ends the connection now, with the socket's error: the kernel drops what it had
// received anyway. After a hang-up the peer can neither send nor read; if nothing it sent is left
// unseen, the connection closes as the peer's close; otherwise that input stays for the handler, and
// resumeRead reads it, then the EOF.
bool EventLoop::handlePeerGoneWhilePaused(Connection& conn, bool error)
{
    assertInLoopThread();
    conn.peerEnded = true;
    if (conn.state() != Connection::State::Open)
        return true;
    if (error) {
        int code = 0;
        socklen_t size = sizeof code;
        if (::getsockopt(conn.socketFd, SOL_SOCKET, SO_ERROR, &code, &size) != 0)
            code = errno;
        if (code != 0) {
            handleError(conn, std::error_code(code, std::system_category()));
            return true;
        }
    }
    int queued = 0;
    const bool unread = (::ioctl(conn.socketFd, FIONREAD, &queued) == 0 && queued > 0) || conn.inboundBuffered() > 0
        || (conn.isTls() && conn.tls()->hasBufferedInput());
    if (unread)
        return false;
    handlePeerClosed(conn);
    return true;
}

void EventLoop::handleError(Connection& conn, std::error_code error)
{
    assertInLoopThread();
    closeConnection(conn, error);
}

void EventLoop::handleWritable(Connection& conn)
{
    assertInLoopThread();
    conn.flushNow();
    finishDrainIfFlushed(conn);
    settle(conn);
}

void EventLoop::handleSent(Connection& conn, std::size_t bytes)
{
    assertInLoopThread();
    conn.consumeSent(bytes);
    finishDrainIfFlushed(conn);
    settle(conn);
}

// A draining connection (graceful close, or the peer's half-close) closes once its output is out.
void EventLoop::finishDrainIfFlushed(Connection& conn)
{
    if (conn.state() != Connection::State::Draining || conn.outboundBuffered() > 0)
        return;
    closeConnection(conn, conn.closeRequested() ? conn.closeReason() : Errc::PeerClosed, true);
}

void EventLoop::closeFromHandle(std::uint32_t slot, std::uint64_t id,
    std::function<void(Conn*, std::error_code)> callback)
{
    assertInLoopThread();
    Connection* conn = slot < slots_.size() ? slots_[slot] : nullptr;
    if (!conn || conn->id() != id || conn->state() == Connection::State::Closed) {
        if (callback)
            callback(nullptr, Errc::ConnectionClosed);
        return;
    }
    if (callback)
        conn->addCloseCallback(std::move(callback)); // runs right after onClose, once flushed
    closeConnection(*conn, Errc::ClosedByHandler);
}

} // namespace qgnet::detail
