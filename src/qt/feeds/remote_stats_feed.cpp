// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/remote_stats_feed.h"

#include <QCborArray>
#include <QLocalSocket>
#include <QNetworkProxy>
#include <QPointer>
#include <QTcpSocket>

#include "qgnet/qt/inspector_endpoint.h"
#include "qgnet/qt/snapshot_codec.h"
#include "remote/cbor_integer.h"
#include "remote/frame_reader.h"
#include "remote/inspector_address.h"

namespace qgnet {

struct RemoteStatsFeed::Private {
    RemoteStatsFeed* q = nullptr;
    QString address;
    QString token;
    QIODevice* socket = nullptr; // a QLocalSocket or a QTcpSocket, child of the feed
    qtdetail::FrameReader reader{qtdetail::MaxAnswerFrame, qtdetail::MaxAnswerItems};
    bool welcomed = false;
    bool detaching = false;
    qint64 nextId = 0;
    qint64 pendingId = -1;
    std::map<qint64, int> actions; // frame id -> StatsFeed request, for actions in flight

    void drop()
    {
        if (!socket)
            return;
        QIODevice* old = socket;
        socket = nullptr;
        QObject::disconnect(old, nullptr, q, nullptr);
        if (auto* local = qobject_cast<QLocalSocket*>(old))
            local->abort();
        else if (auto* tcp = qobject_cast<QTcpSocket*>(old))
            tcp->abort();
        old->deleteLater();
        welcomed = false;
        pendingId = -1;
        for (const auto& [id, request] : actions) // the answers will not come: say so
            q->finishAction(request,
                InspectorActionResult{false, QStringLiteral("lost"),
                    RemoteStatsFeed::tr("The connection to the endpoint was lost")});
        actions.clear();
        q->setActionsAvailable(false);
        reader = qtdetail::FrameReader(qtdetail::MaxAnswerFrame, qtdetail::MaxAnswerItems);
    }

    void lost(const QString& why)
    {
        const bool deliberate = detaching;
        drop();
        q->cancelRequest();
        q->setActive(false);
        if (!deliberate)
            q->fail(why);
    }

    void connected()
    {
        QCborMap hello;
        hello.insert(QStringLiteral("type"), QStringLiteral("hello"));
        hello.insert(QStringLiteral("version"), InspectorEndpoint::ProtocolVersion);
        hello.insert(QStringLiteral("token"), token);
        socket->write(qtdetail::encodeFrame(hello));
    }

    // sendWatch asks the endpoint to watch (or stop watching) a connection's timeline.
    void sendWatch(std::uint64_t id, bool on)
    {
        if (!socket || !welcomed)
            return; // sent on the next welcome
        QCborMap m;
        m.insert(QStringLiteral("type"), on ? QStringLiteral("watch") : QStringLiteral("unwatch"));
        m.insert(QStringLiteral("connection"), static_cast<qint64>(id));
        socket->write(qtdetail::encodeFrame(m));
    }

    void readAll()
    {
        if (!socket)
            return;
        reader.append(socket->readAll());
        while (socket) {
            std::optional<QCborMap> frame = reader.next();
            if (!frame) {
                if (reader.failed())
                    lost(RemoteStatsFeed::tr("The endpoint sent a malformed frame: %1").arg(reader.error()));
                return;
            }
            handle(*frame);
        }
    }

    void handle(const QCborMap& message)
    {
        const QString type = message.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("welcome")) {
            welcomed = true;
            q->setActionsAvailable(message.value(QStringLiteral("actions")).toBool(false));
            for (const std::uint64_t id : q->watchedConnections()) // watches of an earlier attach, again
                sendWatch(id, true);
            q->setActive(true);
            q->refresh();
            return;
        }
        if (type == QLatin1String("error")) {
            const QString code = message.value(QStringLiteral("code")).toString();
            const QString text = message.value(QStringLiteral("message")).toString();
            if (!welcomed || code == QLatin1String("bad-frame")) { // a refusal: the endpoint closes
                lost(RemoteStatsFeed::tr("Refused by the endpoint (%1): %2").arg(code, text));
                return;
            }
            if (const auto it = actions.find(qtdetail::cborInteger(message.value(QStringLiteral("id")), -2));
                it != actions.end()) {
                const int request = it->second;
                actions.erase(it);
                q->finishAction(request, InspectorActionResult{false, code, text});
                return;
            }
            if (code == QLatin1String("watch-limit")) {
                emit q->errorOccurred(
                    RemoteStatsFeed::tr("The endpoint cannot watch another connection: %1").arg(text));
                return;
            }
            if (qtdetail::cborInteger(message.value(QStringLiteral("id")), -2) == pendingId) {
                pendingId = -1;
                q->fail(RemoteStatsFeed::tr("The endpoint could not take a snapshot (%1): %2").arg(code, text));
            }
            return;
        }
        if (type == QLatin1String("action")) {
            const auto it = actions.find(qtdetail::cborInteger(message.value(QStringLiteral("id")), -2));
            if (it == actions.end())
                return; // not ours (any more)
            const int request = it->second;
            actions.erase(it);
            const bool ok = message.value(QStringLiteral("ok")).toBool(false);
            q->finishAction(request, InspectorActionResult{ok, ok ? QString() : QStringLiteral("failed"), QString()});
            return;
        }
        if (type == QLatin1String("snapshot")) {
            if (qtdetail::cborInteger(message.value(QStringLiteral("id")), -2) != pendingId)
                return; // an answer to a request given up on
            pendingId = -1;
            QString error;
            std::optional<EngineSnapshot> snapshot = snapshotFromCbor(message.value(QStringLiteral("snapshot")).toMap(),
                &error);
            if (!snapshot) {
                q->fail(RemoteStatsFeed::tr("Unreadable snapshot: %1").arg(error));
                return;
            }
            // The Qt bridge's counters, when the endpoint serves a QtServer: a count, nothing else.
            quint64 dropped = 0;
            BridgeHealth health;
            if (const QCborValue bridge = message.value(QStringLiteral("bridge")); !bridge.isUndefined()) {
                const QCborValue count = bridge.toMap().value(QStringLiteral("droppedDatagrams"));
                if (!bridge.isMap() || !count.isInteger() || count.toInteger() < 0) {
                    q->fail(RemoteStatsFeed::tr("Unreadable snapshot: %1")
                                .arg(QStringLiteral("bridge.droppedDatagrams is not a count")));
                    return;
                }
                dropped = static_cast<quint64>(count.toInteger());
                health = bridgeHealthFromCbor(bridge.toMap());
            }
            // An HTTP server's counters, when the endpoint has one (an older endpoint sends none: empty).
            HttpStats http;
            if (const QCborValue value = message.value(QStringLiteral("http")); !value.isUndefined()) {
                std::optional<HttpStats> decoded = httpStatsFromCbor(value, &error);
                if (!decoded) {
                    q->fail(RemoteStatsFeed::tr("Unreadable snapshot: %1").arg(error));
                    return;
                }
                http = std::move(*decoded);
            }
            q->setDroppedDatagrams(dropped);
            q->setBridgeHealth(health);
            q->setHttpStats(http);
            q->deliver(std::make_shared<const EngineSnapshot>(std::move(*snapshot)));
        }
        // Unknown types are ignored: a newer endpoint may send more.
    }
};

RemoteStatsFeed::RemoteStatsFeed(QObject* parent) : StatsFeed(parent), d_(std::make_unique<Private>()) { d_->q = this; }

RemoteStatsFeed::~RemoteStatsFeed()
{
    d_->detaching = true;
    d_->drop();
}

QString RemoteStatsFeed::address() const { return d_->address; }

void RemoteStatsFeed::attach(const QString& address, const QString& token)
{
    detach();
    d_->detaching = false;
    QString error;
    const std::optional<qtdetail::InspectorAddress> parsed = qtdetail::parseInspectorAddress(address, &error);
    if (d_->address != address) {
        d_->address = address;
        emit addressChanged();
    }
    if (!parsed) {
        fail(error);
        return;
    }
    d_->token = token;
    resetLogPosition();
    if (parsed->local) {
        auto* socket = new QLocalSocket(this);
        d_->socket = socket;
        connect(socket, &QLocalSocket::connected, this, [this] { d_->connected(); });
        connect(socket, &QLocalSocket::readyRead, this, [this] { d_->readAll(); });
        connect(socket, &QLocalSocket::disconnected, this,
            [this] { d_->lost(tr("The endpoint closed the connection")); });
        connect(socket, &QLocalSocket::errorOccurred, this, [this, socket] {
            if (socket->state() != QLocalSocket::ConnectedState)
                d_->lost(tr("Cannot reach %1: %2").arg(d_->address, socket->errorString()));
        });
        socket->connectToServer(parsed->path);
    } else {
        auto* socket = new QTcpSocket(this);
        socket->setProxy(QNetworkProxy::NoProxy); // an endpoint is reached directly, never via a proxy
        d_->socket = socket;
        connect(socket, &QTcpSocket::connected, this, [this] { d_->connected(); });
        connect(socket, &QTcpSocket::readyRead, this, [this] { d_->readAll(); });
        connect(socket, &QTcpSocket::disconnected, this,
            [this] { d_->lost(tr("The endpoint closed the connection")); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
            if (socket->state() != QAbstractSocket::ConnectedState)
                d_->lost(tr("Cannot reach %1: %2").arg(d_->address, socket->errorString()));
        });
        socket->connectToHost(parsed->host, parsed->port);
    }
}

void RemoteStatsFeed::detach()
{
    d_->detaching = true;
    d_->drop();
    cancelRequest();
    setActive(false);
    d_->detaching = false;
}

void RemoteStatsFeed::sendAction(int request, const InspectorAction& action)
{
    if (!d_->socket || !d_->welcomed) {
        finishAction(request,
            InspectorActionResult{false, QStringLiteral("not-attached"), tr("Not attached to an endpoint")});
        return;
    }
    // Sent even when the welcome did not allow actions: the endpoint's refusal is the answer.
    QCborMap m = inspectorActionToCbor(action);
    m.insert(QStringLiteral("type"), QStringLiteral("action"));
    const qint64 id = ++d_->nextId;
    m.insert(QStringLiteral("id"), id);
    d_->actions.emplace(id, request);
    d_->socket->write(qtdetail::encodeFrame(m));
}

void RemoteStatsFeed::request(const SnapshotRequest& request)
{
    if (!d_->socket || !d_->welcomed) {
        cancelRequest();
        return;
    }
    QCborMap m;
    m.insert(QStringLiteral("type"), QStringLiteral("snapshot"));
    d_->pendingId = ++d_->nextId;
    m.insert(QStringLiteral("id"), d_->pendingId);
    m.insert(QStringLiteral("connections"), request.connections);
    m.insert(QStringLiteral("decisionsAfter"), static_cast<qint64>(request.decisionsAfter));
    m.insert(QStringLiteral("eventsAfter"), static_cast<qint64>(request.eventsAfter));
    m.insert(QStringLiteral("stallsAfter"), static_cast<qint64>(request.stallsAfter));
    if (!request.timelines.empty()) {
        QCborArray ids;
        for (const std::uint64_t id : request.timelines)
            ids.append(static_cast<qint64>(id));
        m.insert(QStringLiteral("timelines"), ids);
    }
    d_->socket->write(qtdetail::encodeFrame(m));
}

void RemoteStatsFeed::applyWatch(std::uint64_t id, bool on) { d_->sendWatch(id, on); }

} // namespace qgnet
