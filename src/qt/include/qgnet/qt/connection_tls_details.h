// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

#include "qgnet/qt/stats_feed.h"

namespace qgnet {

/// ConnectionTlsDetails is the TLS side of one connection, the one a view has selected: version,
/// cipher, ALPN protocol, SNI name, and the peer certificate's subject and expiry (ConnectionStats::tls),
/// as of the feed's latest snapshot. It is what the details panes of both inspectors show. `found` is
/// false while the connection is not in the snapshot (none selected, closed, or the feed leaves
/// connections out); `tls` is false for a plain connection. Qt thread.
class QGNET_QT_EXPORT ConnectionTlsDetails : public QObject {
    Q_OBJECT
    Q_PROPERTY(qgnet::StatsFeed* feed READ feed WRITE setFeed NOTIFY feedChanged)
    Q_PROPERTY(quint64 connectionId READ connectionId WRITE setConnectionId NOTIFY connectionIdChanged)
    Q_PROPERTY(bool found READ found NOTIFY changed)
    Q_PROPERTY(bool tls READ isTls NOTIFY changed)
    Q_PROPERTY(QString version READ version NOTIFY changed)
    Q_PROPERTY(QString cipher READ cipher NOTIFY changed)
    Q_PROPERTY(QString alpn READ alpn NOTIFY changed)
    Q_PROPERTY(QString serverName READ serverName NOTIFY changed)
    Q_PROPERTY(QString peerSubject READ peerSubject NOTIFY changed)
    Q_PROPERTY(QDateTime peerNotAfter READ peerNotAfter NOTIFY changed)
    Q_PROPERTY(QString peerExpiryText READ peerExpiryText NOTIFY changed)
public:
    explicit ConnectionTlsDetails(QObject* parent = nullptr);

    /// feed is the StatsFeed followed (null: none).
    StatsFeed* feed() const { return feed_; }
    void setFeed(StatsFeed* feed);
    /// connectionId is the connection shown (ConnectionStats::id; 0: none).
    quint64 connectionId() const { return id_; }
    void setConnectionId(quint64 id);

    bool found() const { return found_; }
    bool isTls() const { return tls_; }
    QString version() const { return version_; }
    QString cipher() const { return cipher_; }
    QString alpn() const { return alpn_; }
    QString serverName() const { return serverName_; }
    QString peerSubject() const { return peerSubject_; }
    /// peerNotAfter is the peer certificate's expiry (UTC); invalid without a peer certificate.
    QDateTime peerNotAfter() const { return peerNotAfter_; }
    /// peerExpiryText is peerNotAfter for people ("2027-01-05 10:00 UTC (in 30 days)", "expired
    /// 3 days ago"); for no certificate, a sentence that says why there is none.
    QString peerExpiryText() const;

public Q_SLOTS:
    /// applySnapshot reads the connection from snapshot (the feed calls it).
    void applySnapshot(const qgnet::SnapshotPtr& snapshot);

Q_SIGNALS:
    void feedChanged();
    void connectionIdChanged();
    /// changed follows every snapshot that changed what is shown, and a new connectionId.
    void changed();

private:
    void update();

    QPointer<StatsFeed> feed_;
    QMetaObject::Connection connection_;
    SnapshotPtr latest_;
    quint64 id_ = 0;
    bool found_ = false;
    bool tls_ = false;
    bool client_ = false;
    QString version_, cipher_, alpn_, serverName_, peerSubject_;
    QDateTime peerNotAfter_;
};

} // namespace qgnet
