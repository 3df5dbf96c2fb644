// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/connection_tls_details.h"

#include <algorithm>

namespace qgnet {

ConnectionTlsDetails::ConnectionTlsDetails(QObject* parent) : QObject(parent) {}

void ConnectionTlsDetails::setFeed(StatsFeed* feed)
{
    if (feed == feed_)
        return;
    disconnect(connection_);
    feed_ = feed;
    latest_ = feed ? feed->latest() : SnapshotPtr();
    if (feed)
        connection_ = connect(feed, &StatsFeed::snapshotReady, this, &ConnectionTlsDetails::applySnapshot);
    emit feedChanged();
    update();
}

void ConnectionTlsDetails::setConnectionId(quint64 id)
{
    if (id == id_)
        return;
    id_ = id;
    emit connectionIdChanged();
    update();
}

void ConnectionTlsDetails::applySnapshot(const SnapshotPtr& snapshot)
{
    latest_ = snapshot;
    update();
}

// Connections are sorted by id (EngineSnapshot::connections): one binary search per snapshot.
void ConnectionTlsDetails::update()
{
    const ConnectionStats* c = nullptr;
    if (latest_ && id_ != 0) {
        const auto& all = latest_->connections;
        const auto it = std::lower_bound(all.begin(), all.end(), id_,
            [](const ConnectionStats& s, quint64 id) { return s.id < id; });
        if (it != all.end() && it->id == id_)
            c = &*it;
    }
    const bool found = c != nullptr;
    const bool tls = found && c->tls.has_value();
    const ConnectionTls none;
    const ConnectionTls& t = tls ? *c->tls : none;
    const QString version = QString::fromStdString(t.version);
    const QString cipher = QString::fromStdString(t.cipher);
    const QString alpn = QString::fromStdString(t.alpn);
    const QString serverName = QString::fromStdString(t.serverName);
    const QString peerSubject = QString::fromStdString(t.peerSubject);
    const QDateTime notAfter = t.peerNotAfter == std::chrono::system_clock::time_point{}
        ? QDateTime()
        : QDateTime::fromMSecsSinceEpoch(
            std::chrono::duration_cast<std::chrono::milliseconds>(t.peerNotAfter.time_since_epoch()).count(), Qt::UTC);
    const bool client = found && c->client;
    if (found == found_ && tls == tls_ && client == client_ && version == version_ && cipher == cipher_ && alpn == alpn_
        && serverName == serverName_ && peerSubject == peerSubject_ && notAfter == peerNotAfter_)
        return;
    found_ = found;
    tls_ = tls;
    client_ = client;
    version_ = version;
    cipher_ = cipher;
    alpn_ = alpn;
    serverName_ = serverName;
    peerSubject_ = peerSubject;
    peerNotAfter_ = notAfter;
    emit changed();
}

QString ConnectionTlsDetails::peerExpiryText() const
{
    if (!tls_)
        return {};
    if (!peerNotAfter_.isValid())
        return client_ ? tr("no certificate") : tr("none (qgnet servers do not ask for client certificates)");
    const QString when = peerNotAfter_.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    const qint64 days = QDateTime::currentDateTimeUtc().daysTo(peerNotAfter_);
    if (peerNotAfter_ < QDateTime::currentDateTimeUtc())
        return tr("%1 (expired %n day(s) ago)", nullptr, static_cast<int>(-days)).arg(when);
    return tr("%1 (in %n day(s))", nullptr, static_cast<int>(days)).arg(when);
}

} // namespace qgnet
