// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/inspector_endpoint.h"

#include <algorithm>

#include <QCborArray>
#include <QLocalSocket>
#include <QNetworkProxy>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include "bridge/thread_inbox.h"
#include "qgnet/engine.h"
#include "qgnet/error.h"
#include "qgnet/qt/inspector_action.h"
#include "qgnet/qt/logging.h"
#include "qgnet/qt/qt_server.h"
#include "qgnet/qt/snapshot_codec.h"
#include "remote/cbor_integer.h"
#include "remote/frame_reader.h"
#include "remote/inspector_address.h"
#include "remote/socket_acceptor.h"

#include <sys/socket.h>
#include <unistd.h>

namespace qgnet {

namespace {

// A peer has this long to say hello; a silent connection must not hold a slot for ever.
constexpr int HelloTimeoutMs = 10000;
// An inspector may pipeline this many snapshot requests; more are answered "busy" (each one costs
// a task on every loop and a snapshot in memory until written).
constexpr int MaxRequestsInFlight = 4;
// A peer that does not read its answers is dropped once this much output waits for it.
constexpr qint64 MaxUnsentBytes = 2 * qgnet::qtdetail::MaxAnswerFrame;

QCborMap errorMessage(const QString& code, const QString& message, qint64 id = -1)
{
    QCborMap m;
    m.insert(QStringLiteral("type"), QStringLiteral("error"));
    m.insert(QStringLiteral("code"), code);
    m.insert(QStringLiteral("message"), message);
    if (id >= 0)
        m.insert(QStringLiteral("id"), id);
    return m;
}

// sameToken compares in a time that depends on the lengths only, never on where the first
// difference is, so answer times do not tell an attacker how much of a guess was right.
bool sameToken(const QByteArray& given, const QByteArray& expected)
{
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (qsizetype i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ (expected.isEmpty() ? 0 : expected[i % expected.size()]));
    return diff == 0;
}

} // namespace

// Peer is one inspector connected to the endpoint.
struct EndpointPeer {
    quint64 serial = 0;
    QIODevice* socket = nullptr;
    qtdetail::FrameReader reader{qtdetail::MaxRequestFrame};
    bool authenticated = false;
    int inFlight = 0;
    QTimer* helloTimer = nullptr;
    std::vector<std::uint64_t> watching; // connections this inspector watches (at most kMaxWatchedConnections)
};

struct InspectorEndpoint::Private {
    explicit Private(InspectorEndpoint* endpoint) : q(endpoint), inbox(endpoint) {}

    InspectorEndpoint* q = nullptr;
    // Where the snapshot callbacks (on loop threads) send their answers; it closes with the endpoint,
    // so an answer that comes later is dropped.
    qtdetail::ThreadInbox inbox;
    QPointer<QtServer> server;
    Engine* engine = nullptr;
    std::function<HttpStats()> httpStats; // setHttpStatsSource
    qtdetail::SocketAcceptor* acceptor = nullptr;
    bool overUnix = false; // the acceptor's sockets are Unix-domain (QLocalSocket), else TCP
    QByteArray token;      // UTF-8
    bool actionsAllowed = false;
    QString address;
    QString error;
    quint64 nextSerial = 0;
    std::map<quint64, std::unique_ptr<EndpointPeer>> peers;

    Engine* currentEngine() const { return server ? server->engine() : engine; }

    // accepted wraps a descriptor from the acceptor into the Qt socket type of its family.
    void accepted(int fd)
    {
        if (overUnix) {
            auto* socket = new QLocalSocket(q);
            if (socket->setSocketDescriptor(fd, QLocalSocket::ConnectedState, QIODevice::ReadWrite)) {
                adopt(socket);
                return;
            }
            delete socket;
        } else {
            auto* socket = new QTcpSocket(q);
            socket->setProxy(QNetworkProxy::NoProxy);
            if (socket->setSocketDescriptor(fd, QAbstractSocket::ConnectedState, QIODevice::ReadWrite)) {
                adopt(socket);
                return;
            }
            delete socket;
        }
        ::close(fd); // Qt could not take it (no notifier): this peer sees its connection closed
    }

    void adopt(QIODevice* socket)
    {
        // At most MaxUnauthenticatedPeers wait for their hello: the oldest waiting one makes room.
        int waiting = 0;
        for (const auto& [serial, p] : peers)
            waiting += p->authenticated ? 0 : 1;
        for (auto it = peers.begin(); waiting >= InspectorEndpoint::MaxUnauthenticatedPeers && it != peers.end();) {
            const quint64 serial = it->first;
            const bool silent = !it->second->authenticated;
            ++it; // refuse() erases the peer
            if (silent) {
                refuse(serial, QStringLiteral("crowded"), tr("too many connections are waiting for their hello"),
                    false);
                --waiting;
            }
        }
        auto peer = std::make_unique<EndpointPeer>();
        peer->serial = ++nextSerial;
        peer->socket = socket;
        const quint64 serial = peer->serial;
        QObject::connect(socket, &QIODevice::readyRead, q, [this, serial] { readFrom(serial); });
        if (auto* local = qobject_cast<QLocalSocket*>(socket))
            QObject::connect(local, &QLocalSocket::disconnected, q, [this, serial] { drop(serial); });
        else if (auto* tcp = qobject_cast<QTcpSocket*>(socket))
            QObject::connect(tcp, &QTcpSocket::disconnected, q, [this, serial] { drop(serial); });
        peer->helloTimer = new QTimer(socket);
        peer->helloTimer->setSingleShot(true);
        QObject::connect(peer->helloTimer, &QTimer::timeout, q, [this, serial] {
            refuse(serial, QStringLiteral("timeout"), tr("no hello within %1 ms").arg(HelloTimeoutMs), false);
        });
        peer->helloTimer->start(HelloTimeoutMs);
        peers.emplace(serial, std::move(peer));
        emit q->clientCountChanged();
        if (socket->bytesAvailable() > 0)
            readFrom(serial);
    }

    static QString tr(const char* text) { return InspectorEndpoint::tr(text); }

    EndpointPeer* find(quint64 serial)
    {
        const auto it = peers.find(serial);
        return it == peers.end() ? nullptr : it->second.get();
    }

    void send(EndpointPeer& peer, const QCborMap& message) { peer.socket->write(qtdetail::encodeFrame(message)); }

    // close ends one peer's connection after what was written is flushed.
    void close(quint64 serial)
    {
        EndpointPeer* peer = find(serial);
        if (!peer)
            return;
        if (auto* local = qobject_cast<QLocalSocket*>(peer->socket))
            local->disconnectFromServer();
        else if (auto* tcp = qobject_cast<QTcpSocket*>(peer->socket))
            tcp->disconnectFromHost();
    }

    void drop(quint64 serial)
    {
        const auto it = peers.find(serial);
        if (it == peers.end())
            return;
        it->second->socket->deleteLater();
        unwatchAll(*it->second);
        peers.erase(it);
        emit q->clientCountChanged();
    }

    // abort ends a peer's connection now, without waiting for its output to drain, and forgets the
    // peer, so nothing more it sent is read. A TCP peer gets a reset (SO_LINGER 0): a peer that never
    // reads must not keep the socket, its buffers and its descriptor alive.
    void abort(quint64 serial)
    {
        EndpointPeer* peer = find(serial);
        if (!peer)
            return;
        QIODevice* socket = peer->socket;
        QObject::disconnect(socket, nullptr, q, nullptr); // no readyRead or disconnected for a dropped peer
        if (auto* local = qobject_cast<QLocalSocket*>(socket)) {
            local->abort();
        } else if (auto* tcp = qobject_cast<QTcpSocket*>(socket)) {
            const ::linger hard{1, 0};
            if (tcp->socketDescriptor() >= 0)
                ::setsockopt(static_cast<int>(tcp->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            tcp->abort();
        }
        drop(serial);
    }

    // refuse answers a peer with an error (what fits into the socket buffer now) and aborts it.
    void refuse(quint64 serial, const QString& code, const QString& message, bool signal)
    {
        EndpointPeer* peer = find(serial);
        if (!peer)
            return;
        send(*peer, errorMessage(code, message));
        if (auto* local = qobject_cast<QLocalSocket*>(peer->socket))
            local->flush();
        else if (auto* tcp = qobject_cast<QTcpSocket*>(peer->socket))
            tcp->flush();
        abort(serial);
        if (signal)
            emit q->clientRefused(message);
    }

    void readFrom(quint64 serial)
    {
        EndpointPeer* peer = find(serial);
        if (!peer)
            return;
        peer->reader.append(peer->socket->readAll());
        while (EndpointPeer* p = find(serial)) {
            std::optional<QCborMap> frame = p->reader.next();
            if (!frame) {
                if (p->reader.failed()) {
                    // Garbage cannot be resynchronised: this peer goes, nobody else notices.
                    refuse(serial, QStringLiteral("bad-frame"), p->reader.error(), false);
                }
                return;
            }
            handle(*p, *frame); // may refuse and forget the peer: the loop looks it up again and stops
        }
    }

    void handle(EndpointPeer& peer, const QCborMap& message)
    {
        const QString type = message.value(QStringLiteral("type")).toString();
        if (!peer.authenticated) {
            if (type != QLatin1String("hello")) {
                refuse(peer.serial, QStringLiteral("hello-required"), tr("the first message must be a hello"), false);
                return;
            }
            const QCborValue version = message.value(QStringLiteral("version"));
            if (!version.isInteger() || version.toInteger() != InspectorEndpoint::ProtocolVersion) {
                refuse(peer.serial, QStringLiteral("version"),
                    tr("protocol version %1 is not supported (this endpoint speaks %2)")
                        .arg(version.isInteger() ? QString::number(version.toInteger()) : QStringLiteral("?"))
                        .arg(InspectorEndpoint::ProtocolVersion),
                    true);
                return;
            }
            if (!sameToken(message.value(QStringLiteral("token")).toString().toUtf8(), token)) {
                refuse(peer.serial, QStringLiteral("unauthorised"), tr("wrong token"), true);
                return;
            }
            peer.authenticated = true;
            peer.helloTimer->stop();
            QCborMap welcome;
            welcome.insert(QStringLiteral("type"), QStringLiteral("welcome"));
            welcome.insert(QStringLiteral("version"), InspectorEndpoint::ProtocolVersion);
            welcome.insert(QStringLiteral("server"), QStringLiteral("qgnet"));
            welcome.insert(QStringLiteral("actions"), actionsAllowed);
            send(peer, welcome);
            return;
        }
        if (type == QLatin1String("snapshot")) {
            requestSnapshot(peer, message);
            return;
        }
        if (type == QLatin1String("action")) {
            runAction(peer, message);
            return;
        }
        if (type == QLatin1String("bye")) {
            close(peer.serial);
            return;
        }
        if (type == QLatin1String("watch") || type == QLatin1String("unwatch")) {
            watch(peer, message, type == QLatin1String("watch"));
            return;
        }
        send(peer,
            errorMessage(QStringLiteral("bad-request"), tr("unknown message type '%1'").arg(type),
                qtdetail::cborInteger(message.value(QStringLiteral("id")), -1)));
    }

    // peerName names a peer for the log: its serial and, over TCP, its address.
    static QString peerName(const EndpointPeer& peer)
    {
        if (const auto* tcp = qobject_cast<const QTcpSocket*>(peer.socket))
            return QStringLiteral("inspector %1 (%2:%3)")
                .arg(peer.serial)
                .arg(tcp->peerAddress().toString())
                .arg(tcp->peerPort());
        return QStringLiteral("inspector %1 (unix)").arg(peer.serial);
    }

    // runAction answers an "action" request: refused while actions are not allowed, an error for a
    // malformed one (the peer stays), else the action's result, logged once.
    void runAction(EndpointPeer& peer, const QCborMap& message)
    {
        const qint64 id = qtdetail::cborInteger(message.value(QStringLiteral("id")), -1);
        if (!actionsAllowed) {
            send(peer,
                errorMessage(QStringLiteral("actions-disabled"), tr("this endpoint does not allow actions"), id));
            return;
        }
        QString why;
        const std::optional<InspectorAction> action = inspectorActionFromCbor(message, &why);
        if (!action) {
            send(peer, errorMessage(QStringLiteral("bad-action"), why, id));
            return;
        }
        const quint64 serial = peer.serial;
        const QString who = peerName(peer);
        const InspectorActionResult result = performAction(server, engine, *action);
        const QString what = describeAction(*action);
        qCInfo(lcQt).noquote() << who << "asked to" << what << "-"
                               << (result.ok ? QStringLiteral("done")
                                             : result.code + QStringLiteral(": ") + result.message);
        emit q->actionPerformed(what, result.ok);
        EndpointPeer* still = find(serial); // a slot may have closed the endpoint
        if (!still)
            return;
        if (!result.ok) {
            send(*still, errorMessage(result.code, result.message, id));
            return;
        }
        QCborMap done;
        done.insert(QStringLiteral("type"), QStringLiteral("action"));
        done.insert(QStringLiteral("id"), id);
        done.insert(QStringLiteral("ok"), true);
        send(*still, done);
    }

    void requestSnapshot(EndpointPeer& peer, const QCborMap& message)
    {
        const qint64 id = qtdetail::cborInteger(message.value(QStringLiteral("id")), -1);
        if (peer.inFlight >= MaxRequestsInFlight) {
            send(peer, errorMessage(QStringLiteral("busy"), tr("too many requests in flight"), id));
            return;
        }
        Engine* e = currentEngine();
        if (!e || e->validate()) {
            send(peer, errorMessage(QStringLiteral("engine-stopped"), tr("no engine is running"), id));
            return;
        }
        SnapshotRequest request;
        request.connections = message.value(QStringLiteral("connections")).toBool(true);
        request.decisionsAfter = static_cast<std::uint64_t>(
            std::max<qint64>(0, qtdetail::cborInteger(message.value(QStringLiteral("decisionsAfter")))));
        request.eventsAfter = static_cast<std::uint64_t>(
            std::max<qint64>(0, qtdetail::cborInteger(message.value(QStringLiteral("eventsAfter")))));
        // An older viewer sends no stallsAfter: it reads as 0, the whole (bounded) stall log.
        request.stallsAfter = static_cast<std::uint64_t>(
            std::max<qint64>(0, qtdetail::cborInteger(message.value(QStringLiteral("stallsAfter")))));
        request.timelines = requestedTimelines(peer, message);
        const quint64 serial = peer.serial;
        const qtdetail::ThreadInbox::Poster answers = inbox.poster();
        const std::error_code ec = e->snapshotAsync(request, [this, answers, serial, id](EngineSnapshot snapshot) {
            auto result = std::make_shared<const EngineSnapshot>(std::move(snapshot));
            // `this` is used on the endpoint's thread only, and only while the inbox (so the endpoint) exists.
            answers.post([this, serial, id, result] { answer(serial, id, *result); });
        });
        if (ec)
            send(peer, errorMessage(QStringLiteral("engine-stopped"), QString::fromStdString(ec.message()), id));
        else
            ++peer.inFlight;
    }

    // watch / unwatch: an inspector watches a connection's timeline (Engine::watchConnection) for as
    // long as it stays, at most kMaxWatchedConnections of them; they are unwatched when it leaves.
    void watch(EndpointPeer& peer, const QCborMap& message, bool on)
    {
        const qint64 id = qtdetail::cborInteger(message.value(QStringLiteral("id")), -1);
        const qint64 connection = qtdetail::cborInteger(message.value(QStringLiteral("connection")), -1);
        if (connection <= 0) {
            send(peer, errorMessage(QStringLiteral("bad-request"), tr("'connection' must be a connection id"), id));
            return;
        }
        const auto it = std::find(peer.watching.begin(), peer.watching.end(), static_cast<std::uint64_t>(connection));
        if (!on) {
            if (it != peer.watching.end()) {
                peer.watching.erase(it);
                if (Engine* e = currentEngine())
                    (void)e->unwatchConnection(static_cast<std::uint64_t>(connection));
            }
            return;
        }
        if (it != peer.watching.end())
            return;
        Engine* e = currentEngine();
        std::error_code ec = !e || e->validate() ? make_error_code(Errc::EngineStopped) : std::error_code();
        if (!ec && peer.watching.size() >= kMaxWatchedConnections)
            ec = make_error_code(Errc::WatchLimit);
        if (!ec)
            ec = e->watchConnection(static_cast<std::uint64_t>(connection));
        if (ec) {
            send(peer,
                errorMessage(ec == make_error_code(Errc::WatchLimit) ? QStringLiteral("watch-limit")
                                                                     : QStringLiteral("engine-stopped"),
                    QString::fromStdString(ec.message()), id));
            return;
        }
        peer.watching.push_back(static_cast<std::uint64_t>(connection));
    }

    void unwatchAll(EndpointPeer& peer)
    {
        Engine* e = currentEngine();
        for (const std::uint64_t connection : peer.watching)
            if (e)
                (void)e->unwatchConnection(connection);
        peer.watching.clear();
    }

    // requestedTimelines: the "timelines" a snapshot request names, those this inspector watches only
    // (so at most kMaxWatchedConnections, whatever the request holds).
    static std::vector<std::uint64_t> requestedTimelines(const EndpointPeer& peer, const QCborMap& message)
    {
        std::vector<std::uint64_t> ids;
        for (const QCborValue& v : message.value(QStringLiteral("timelines")).toArray()) {
            const qint64 connection = qtdetail::cborInteger(v, -1);
            const auto c = static_cast<std::uint64_t>(connection);
            if (connection > 0 && std::find(peer.watching.begin(), peer.watching.end(), c) != peer.watching.end()
                && std::find(ids.begin(), ids.end(), c) == ids.end())
                ids.push_back(c);
        }
        return ids;
    }

    void answer(quint64 serial, qint64 id, const EngineSnapshot& snapshot)
    {
        EndpointPeer* peer = find(serial);
        if (!peer)
            return; // the inspector left meanwhile
        --peer->inFlight;
        if (peer->socket->bytesToWrite() > MaxUnsentBytes) {
            refuse(serial, QStringLiteral("slow-reader"), tr("the inspector does not read its answers"), false);
            return;
        }
        QCborMap m;
        m.insert(QStringLiteral("type"), QStringLiteral("snapshot"));
        m.insert(QStringLiteral("id"), id);
        m.insert(QStringLiteral("snapshot"), snapshotToCbor(snapshot));
        if (server) {
            // The Qt bridge's own counters, beside the engine's snapshot (docs/inspector-protocol.md).
            QCborMap bridge;
            bridge.insert(QStringLiteral("droppedDatagrams"), static_cast<qint64>(server->droppedDatagrams()));
            bridgeHealthToCbor(server->bridgeHealth(), bridge);
            m.insert(QStringLiteral("bridge"), bridge);
        }
        if (httpStats)
            m.insert(QStringLiteral("http"), httpStatsToCbor(httpStats()));
        send(*peer, m);
    }
};

InspectorEndpoint::InspectorEndpoint(QObject* parent) : QObject(parent), d_(std::make_unique<Private>(this)) {}

InspectorEndpoint::~InspectorEndpoint()
{
    // Peers' sockets are children of this object: Qt deletes them.
    for (auto& [serial, peer] : d_->peers)
        QObject::disconnect(peer->socket, nullptr, this, nullptr);
    d_->peers.clear();
}

void InspectorEndpoint::setServer(QtServer* server)
{
    d_->server = server;
    d_->engine = nullptr;
}

void InspectorEndpoint::setHttpStatsSource(std::function<HttpStats()> source) { d_->httpStats = std::move(source); }

void InspectorEndpoint::setEngine(Engine* engine)
{
    d_->server = nullptr;
    d_->engine = engine;
}

bool InspectorEndpoint::listen(const QString& address, const QString& token, bool allowRemote)
{
    close();
    const auto failWith = [this](const QString& why) {
        d_->error = why;
        return false;
    };
    if (token.toUtf8().size() < MinTokenBytes)
        return failWith(tr("the token must be at least %1 bytes long (this one has %2)")
                            .arg(MinTokenBytes)
                            .arg(token.toUtf8().size()));
    if (QString why; !d_->inbox.ensureReady(&why))
        return failWith(tr("cannot create a wake-up descriptor: %1").arg(why));
    QString parseError;
    const std::optional<qtdetail::InspectorAddress> parsed = qtdetail::parseInspectorAddress(address, &parseError);
    if (!parsed)
        return failWith(parseError);
    if (!parsed->local && !parsed->host.isLoopback() && !allowRemote)
        return failWith(tr("%1 is not a loopback address: serving statistics beyond this host needs allowRemote "
                           "(they name peers and addresses)")
                            .arg(parsed->host.toString()));
    auto* acceptor = new qtdetail::SocketAcceptor(this);
    QString why;
    const bool bound = parsed->local ? acceptor->listenUnix(parsed->path, &why)
                                     : acceptor->listenTcp(parsed->host, parsed->port, &why);
    if (!bound) {
        delete acceptor;
        return failWith(tr("cannot listen on %1: %2").arg(parsed->local ? parsed->path : address, why));
    }
    connect(acceptor, &qtdetail::SocketAcceptor::accepted, this, [this](int fd) { d_->accepted(fd); });
    connect(acceptor, &qtdetail::SocketAcceptor::stalledChanged, this, &InspectorEndpoint::acceptErrorChanged);
    d_->acceptor = acceptor;
    d_->overUnix = parsed->local;
    d_->address = acceptor->url();
    d_->token = token.toUtf8();
    d_->error.clear();
    emit listeningChanged();
    return true;
}

void InspectorEndpoint::close()
{
    const bool was = isListening();
    for (auto& [serial, peer] : d_->peers) {
        QObject::disconnect(peer->socket, nullptr, this, nullptr);
        peer->socket->deleteLater();
    }
    const bool hadPeers = !d_->peers.empty();
    d_->peers.clear();
    const bool stalled = !acceptError().isEmpty();
    if (d_->acceptor)
        QObject::disconnect(d_->acceptor, nullptr, this, nullptr); // its close says no more
    delete d_->acceptor; // closes the socket (and removes its own Unix socket file)
    d_->acceptor = nullptr;
    d_->address.clear();
    if (hadPeers)
        emit clientCountChanged();
    if (was)
        emit listeningChanged();
    if (stalled)
        emit acceptErrorChanged();
}

bool InspectorEndpoint::actionsAllowed() const { return d_->actionsAllowed; }

void InspectorEndpoint::setActionsAllowed(bool allowed)
{
    if (allowed == d_->actionsAllowed)
        return;
    d_->actionsAllowed = allowed;
    emit actionsAllowedChanged();
}

bool InspectorEndpoint::isListening() const { return d_->acceptor != nullptr; }

QString InspectorEndpoint::acceptError() const { return d_->acceptor ? d_->acceptor->stallReason() : QString(); }

QString InspectorEndpoint::address() const { return d_->address; }

int InspectorEndpoint::clientCount() const { return static_cast<int>(d_->peers.size()); }

QString InspectorEndpoint::errorString() const { return d_->error; }

} // namespace qgnet
