// SPDX-License-Identifier: Apache-2.0
#include "tls/tls_handshake.h"

#include <string>

#include "connection.h"
#include "engine_config.h"
#include "event_loop.h"
#include "qgnet/error.h"
#include "tls/tls_session.h"

namespace qgnet::detail {

namespace {

void driveHandshake(EventLoop& loop, Connection& conn)
{
    TlsStatus status;
    {
        StallWatch::Scope timed(loop.stallWatch(), StallCallback::TlsHandshake, conn.id());
        status = conn.tlsHandshake();
    }
    switch (status) {
    case TlsStatus::Pending:
        loop.settle(conn); // a send that failed asked for the close
        return;
    case TlsStatus::Failed: loop.closeConnection(conn, Errc::TlsHandshakeFailed); return;
    case TlsStatus::VerifyFailed: loop.closeConnection(conn, Errc::TlsVerifyFailed); return;
    case TlsStatus::Done: break;
    }
    if (conn.closeRequested()) { // the last flight could not be sent
        loop.closeConnection(conn, conn.closeReason());
        return;
    }
    conn.setState(Connection::State::Open);
    if (conn.watched())
        conn.noteTimeline(TimelineEntry::Kind::TlsHandshakeDone, TimelineEntry::Cause::None, conn.tls()->version());
    loop.notifyOpened(conn, conn.takeDialCallback());
}

} // namespace

// The handshake runs before the handler hears of the connection: onOpen (and a dialer's callback)
// only once it is done. A client speaks first; a server waits for the ClientHello.
void beginTlsHandshake(EventLoop& loop, Connection& conn, AsyncCallback callback)
{
    conn.setState(Connection::State::Handshaking);
    conn.keepDialCallback(std::move(callback));
    const auto timeout = loop.config().options.tls->handshakeTimeout();
    if (timeout.count() > 0)
        conn.setHandshakeDeadline(loop.now() + timeout);
    loop.refreshTimeouts(conn);
    if (conn.tls()->isClient())
        driveHandshake(loop, conn);
}

// Ciphertext in, plaintext to onTraffic: the session decrypts into the loop's plaintext buffer, at
// most a buffer's worth per onTraffic, for as long as whole records are there and the connection
// reads. What is left (a partial record, or everything while reading is paused) stays with the session.
void receiveTls(EventLoop& loop, Connection& conn, Bytes cipher)
{
    conn.beginTraffic(cipher);
    if (conn.state() == Connection::State::Handshaking) {
        driveHandshake(loop, conn);
        if (conn.state() == Connection::State::Closed)
            return;
        if (conn.state() == Connection::State::Handshaking) {
            conn.endCallback(); // keeps a partial flight
            return;
        }
    }
    const EngineConfig& config = loop.config();
    while (conn.wantsRead() && !conn.closeRequested()) {
        std::size_t got = 0;
        const TlsReadStatus status = conn.tlsRead(got);
        if (status == TlsReadStatus::Data) {
            loop.deliverTraffic(conn);
            continue;
        }
        if (status == TlsReadStatus::NeedInput)
            break;
        conn.endCallback();
        if (status == TlsReadStatus::PeerClosed) {
            loop.handlePeerClosed(conn); // close_notify: as an end of stream
            return;
        }
        if (config.wants(LogLevel::Warn))
            config.log(LogLevel::Warn,
                "TLS error on the connection with " + conn.remoteAddr().toString() + ": " + conn.tls()->error()
                    + "; closing it");
        loop.closeConnection(conn, Errc::TlsError);
        return;
    }
    if (conn.state() != Connection::State::Closed)
        conn.endCallback();
    loop.settle(conn);
}

// A TLS connection that closes before its handshake completed never reached the handler: no
// onClose (there was no onOpen); a dialer's callback hears why. The alert OpenSSL produced, if
// any, gets one non-blocking try. Logged with OpenSSL's reason, and recorded as an error event.
void closeUnopenedTls(EventLoop& loop, Connection& conn, std::error_code reason)
{
    auto callback = conn.takeDialCallback();
    if (reason == Errc::PeerClosed)
        reason = Errc::TlsHandshakeFailed; // the peer left in the middle of the handshake
    loop.countCloseError(conn, reason);
    if (reason.category() != std::system_category() && conn.outboundBuffered() > 0)
        (void)conn.flushBeforeClose();
    loop.backend().removeConnection(conn);
    conn.setState(Connection::State::Closed);
    loop.timelineClosed(conn, reason);
    const std::string why = conn.tls() && !conn.tls()->error().empty() ? reason.message() + ": " + conn.tls()->error()
                                                                       : reason.message();
    const bool client = conn.isClient();
    const EngineConfig& config = loop.config();
    if (config.wants(client ? LogLevel::Warn : LogLevel::Info))
        config.log(client ? LogLevel::Warn : LogLevel::Info,
            "TLS handshake with " + conn.remoteAddr().toString() + " did not complete: " + why);
    loop.recordEvent(EngineEvent::Kind::Error, conn.id(), conn.remoteAddr(), reason, why);
    loop.retire(conn);
    if (callback)
        callback(nullptr, reason);
    loop.finishIfDrained();
}

} // namespace qgnet::detail
