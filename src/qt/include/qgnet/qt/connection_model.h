// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <vector>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// ConnectionModel has one row per open connection, keyed by connection id (rows keep their identity
/// across snapshots, so selections survive): loop, protocol, endpoints, state, age, bytes, and buffer
/// occupancy (inbound; outbound ring and spilled list; fill relative to the high-water mark).
/// Connections that closed between two snapshots are removed in ranges, new ones inserted in ranges.
/// It needs snapshots with connections (StatsFeed::includeConnections).
class QGNET_QT_EXPORT ConnectionModel : public SnapshotModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Loop,
        Protocol,
        Peer,
        Local,
        State,
        Age,
        BytesIn,
        BytesOut,
        Inbound,
        OutboundRing,
        OutboundSpilled,
        OutboundFill,
        HighWaterHits,
        Tls, ///< The TLS version ("TLSv1.3"), empty for a plain connection (ConnectionStats::tls).
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ConnectionModel(QObject* parent = nullptr);
    /// rowOf is the row of connection id, or -1.
    Q_INVOKABLE int rowOf(quint64 id) const;
    void clear() override;
    /// connectionAt is the statistics behind row (what filters such as FilterExpression read), or
    /// null for a row out of range; valid until the next snapshot is applied.
    const ConnectionStats* connectionAt(int row) const;
    /// snapshotTime is the wall time of the snapshot the rows come from (the `now` of their ages).
    std::chrono::system_clock::time_point snapshotTime() const { return now_; }

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    std::vector<ConnectionStats> rows_;
    std::chrono::system_clock::time_point now_;
};

} // namespace qgnet
