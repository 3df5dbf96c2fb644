// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "qgnet/qt/http_stats.h"

namespace qgnet {

class Engine;
class QtServer;

/// InspectorEndpoint lets an inspector in another process read this process's engine statistics.
/// It listens on a Unix-domain socket ("unix:/path" or a bare path) or on TCP ("tcp://127.0.0.1:port"),
/// speaks the versioned inspector protocol (docs/inspector-protocol.md: length-prefixed CBOR frames,
/// a hello with protocol version and token, then snapshot requests and answers), and refuses a peer
/// whose token does not match (the connection is aborted, a reset on TCP, right after the
/// "unauthorised" answer, and nothing more the peer sent is read: one try per connection). A TCP
/// address that is not loopback is refused at listen() unless allowRemote is set: the statistics name
/// peers and addresses. A Unix path is taken over only from a stale socket (one nobody answers on);
/// a live socket or a file that is not a socket is an error and stays. When accept() fails at the
/// descriptor limit, the endpoint keeps listening, retries with a back-off and says so in
/// acceptError() until an accept works again. The engine is read with snapshotAsync, so serving
/// never blocks a loop.
/// Lives in and serves from the thread that owns it (it needs a Qt event loop).
class QGNET_QT_EXPORT InspectorEndpoint : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool listening READ isListening NOTIFY listeningChanged)
    Q_PROPERTY(QString address READ address NOTIFY listeningChanged)
    Q_PROPERTY(int clientCount READ clientCount NOTIFY clientCountChanged)
    Q_PROPERTY(QString acceptError READ acceptError NOTIFY acceptErrorChanged)
    Q_PROPERTY(bool actionsAllowed READ actionsAllowed WRITE setActionsAllowed NOTIFY actionsAllowedChanged)
public:
    /// ProtocolVersion is the version this build speaks; a peer with another major version is refused.
    static constexpr int ProtocolVersion = 1;
    /// MinTokenBytes is the shortest token listen() accepts (UTF-8 bytes): shorter ones can be guessed.
    static constexpr int MinTokenBytes = 16;
    /// MaxUnauthenticatedPeers is how many connections may wait for their hello at once; a newcomer
    /// beyond it makes the oldest of them go (aborted), so silent connections cannot pile up, and an
    /// inspector, which says hello at once, gets in.
    static constexpr int MaxUnauthenticatedPeers = 8;

    explicit InspectorEndpoint(QObject* parent = nullptr);
    ~InspectorEndpoint() override;

    /// setServer / setEngine choose what is served (a QtServer is followed across stop/start).
    void setServer(QtServer* server);
    void setEngine(Engine* engine);
    /// setHttpStatsSource adds an HTTP server's counters to every snapshot answer (key "http"; e.g.
    /// [http] { return http->httpStats(); } for a QtHttpServer). Called on this object's thread;
    /// an empty function stops it.
    void setHttpStatsSource(std::function<HttpStats()> source);

    /// listen starts serving on address with token (at least MinTokenBytes bytes of UTF-8; compared
    /// in constant time). False, with errorString(), for a short token, a bad address, a non-loopback
    /// TCP address without allowRemote, or a bind failure.
    bool listen(const QString& address, const QString& token, bool allowRemote = false);
    void close();
    bool isListening() const;
    /// address is the bound address as a URL (the port the kernel chose for port 0).
    QString address() const;
    int clientCount() const;
    QString errorString() const;
    /// acceptError says why the endpoint cannot accept inspectors right now (e.g. "Too many open
    /// files": the process is at its descriptor limit) while it retries; empty while it accepts.
    QString acceptError() const;
    /// actionsAllowed lets authenticated inspectors run safe actions (InspectorAction: close a
    /// connection, pause or resume accepting, change the balancing policy or the water marks) on the
    /// engine served. Off by default: an "action" request then gets the error "actions-disabled".
    /// The welcome tells an inspector whether actions are allowed. Each action is logged once
    /// (category qgnet.qt: which peer, what, and how it ended).
    bool actionsAllowed() const;
    void setActionsAllowed(bool allowed);

Q_SIGNALS:
    void listeningChanged();
    void clientCountChanged();
    /// acceptErrorChanged is emitted when accepting stops after a resource error and when it resumes.
    void acceptErrorChanged();
    /// clientRefused is emitted for a peer that sent a wrong token or an unsupported version.
    void clientRefused(const QString& reason);
    void actionsAllowedChanged();
    /// actionPerformed follows every action an inspector asked for and this endpoint ran (allowed,
    /// well-formed): what it was in words, and whether it worked.
    void actionPerformed(const QString& what, bool ok);

private:
    struct Private;
    std::unique_ptr<Private> d_;
};

} // namespace qgnet
