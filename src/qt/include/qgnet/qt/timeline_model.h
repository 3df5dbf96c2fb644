// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <deque>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// TimelineModel is one connection's timeline (qgnet/timeline.h): opened, TLS handshake, traffic per
/// 100 ms, water marks, pauses, timeouts and the close, oldest first. It watches the connection
/// through its feed (StatsFeed::watchConnection) while it has a connectionId and is active, and
/// unwatches it when the id changes, it turns inactive or it goes, so the engine records a timeline
/// only while a view shows one. Both inspectors' timeline views read it.
class QGNET_QT_EXPORT TimelineModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(quint64 connectionId READ connectionId WRITE setConnectionId NOTIFY connectionIdChanged)
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(bool watching READ isWatching NOTIFY watchingChanged)
    Q_PROPERTY(bool closed READ isClosed NOTIFY timelineChanged)
    Q_PROPERTY(int loop READ loop NOTIFY timelineChanged)
    Q_PROPERTY(qint64 dropped READ dropped NOTIFY timelineChanged)
    Q_PROPERTY(qint64 totalBytesIn READ totalBytesIn NOTIFY timelineChanged)
    Q_PROPERTY(qint64 totalBytesOut READ totalBytesOut NOTIFY timelineChanged)
public:
    enum Column { Sequence, Time, Kind, Detail, Reads, Writes, BytesIn, BytesOut, ColumnCount };
    Q_ENUM(Column)

    explicit TimelineModel(QObject* parent = nullptr);
    ~TimelineModel() override;

    /// connectionId is the connection shown (ConnectionStats::id); 0 shows none and watches nothing.
    quint64 connectionId() const { return connectionId_; }
    void setConnectionId(quint64 id);
    /// active: watch while a view shows the timeline (default true); false unwatches, rows stay.
    bool isActive() const { return active_; }
    void setActive(bool active);
    /// watching: the feed has been asked to watch connectionId.
    bool isWatching() const { return watchedFeed_ != nullptr; }
    /// closed: the connection has closed (the last row is its close).
    bool isClosed() const { return closed_; }
    /// loop is the connection's loop (-1 before its timeline arrived).
    int loop() const { return loop_; }
    /// dropped is how many of the oldest entries the engine's bounded timeline let go.
    qint64 dropped() const { return dropped_; }
    /// totalBytesIn / totalBytesOut sum the Traffic rows shown.
    qint64 totalBytesIn() const;
    qint64 totalBytesOut() const;
    /// kindKey is the untranslated name of row's kind ("traffic", "closed"...), for views that colour by kind.
    Q_INVOKABLE QString kindKey(int row) const;
    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void connectionIdChanged();
    void activeChanged();
    void watchingChanged();
    void timelineChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    void updateWatch();
    std::deque<TimelineEntry> rows_;
    quint64 connectionId_ = 0;
    bool active_ = true;
    bool closed_ = false;
    int loop_ = -1;
    qint64 dropped_ = 0;
    QPointer<StatsFeed> watchedFeed_; // the feed asked to watch watchedId_
    quint64 watchedId_ = 0;
};

} // namespace qgnet
