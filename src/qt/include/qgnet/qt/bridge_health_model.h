// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include "qgnet/qt/bridge_health.h"
#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// BridgeHealthModel shows a QtServer's bridge health (BridgeHealth: what waits for the Qt thread,
/// drops, batch sizes, drain latency, lag) as a table of measures, one row each, for the inspectors'
/// Bridge tab. It reads StatsFeed::bridgeHealth() with every snapshot, so it works the same for an
/// engine in this process and for one behind an InspectorEndpoint. A feed whose source is a plain
/// Engine (no bridge) shows zeros. The Measure column's raw value is the stable key of the measure
/// ("lagNs"), its display text the translated name; the Value column's raw value is the number,
/// its display text the number with its unit. The properties repeat the figures a view headlines.
class QGNET_QT_EXPORT BridgeHealthModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(qint64 lagNs READ lagNs NOTIFY healthChanged)
    Q_PROPERTY(qint64 queuedItems READ queuedItems NOTIFY healthChanged)
    Q_PROPERTY(qint64 queuedBytes READ queuedBytes NOTIFY healthChanged)
    Q_PROPERTY(qint64 droppedDatagrams READ droppedDatagrams NOTIFY healthChanged)
    Q_PROPERTY(qint64 maxDrainLatencyNs READ maxDrainLatencyNs NOTIFY healthChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY healthChanged)
public:
    enum Column { Measure, Value, ColumnCount };
    Q_ENUM(Column)
    /// Row is the order of the measures.
    enum Row {
        QueuedItems,
        QueuedBytes,
        DroppedDatagrams,
        Batches,
        ItemsDelivered,
        LastBatch,
        AverageBatch,
        MaxBatch,
        LastDrainLatency,
        AverageDrainLatency,
        MaxDrainLatency,
        Lag,
        RowCount
    };
    Q_ENUM(Row)

    explicit BridgeHealthModel(QObject* parent = nullptr);

    /// health is the figures shown (all zero before the first snapshot).
    BridgeHealth health() const { return health_; }
    qint64 lagNs() const { return health_.lagNs; }
    qint64 queuedItems() const { return static_cast<qint64>(health_.queuedItems); }
    qint64 queuedBytes() const { return static_cast<qint64>(health_.queuedBytes); }
    qint64 droppedDatagrams() const { return static_cast<qint64>(health_.droppedDatagrams); }
    qint64 maxDrainLatencyNs() const { return health_.maxDrainLatencyNs; }
    /// summary is one translated line: how far the Qt thread lags and what waits for it.
    QString summary() const;
    /// rowOf is the row of the measure with this key ("lagNs"), or -1.
    Q_INVOKABLE int rowOf(const QString& key) const;
    /// formatDuration writes nanoseconds for people: "850 ns", "12.5 µs", "3.2 ms", "1.50 s".
    static QString formatDuration(qint64 ns);
    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void healthChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    BridgeHealth health_;
    bool shown_ = false; // rows exist once a snapshot was applied
};

} // namespace qgnet
