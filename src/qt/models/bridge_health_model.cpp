// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/bridge_health_model.h"

#include <QLocale>

namespace qgnet {

namespace {

// The stable keys of the rows, in Row order (CSV/JSON export, QML lookups, tests).
const char* const RowKeys[] = {"queuedItems", "queuedBytes", "droppedDatagrams", "batches", "itemsDelivered",
    "lastBatch", "averageBatch", "maxBatch", "lastDrainLatencyNs", "averageDrainLatencyNs", "maxDrainLatencyNs",
    "lagNs"};
static_assert(std::size(RowKeys) == BridgeHealthModel::RowCount);

bool sameHealth(const BridgeHealth& a, const BridgeHealth& b)
{
    return a.queuedItems == b.queuedItems && a.queuedBytes == b.queuedBytes && a.droppedDatagrams == b.droppedDatagrams
        && a.batches == b.batches && a.itemsDelivered == b.itemsDelivered && a.lastBatch == b.lastBatch
        && a.maxBatch == b.maxBatch && a.averageBatch == b.averageBatch && a.lastDrainLatencyNs == b.lastDrainLatencyNs
        && a.maxDrainLatencyNs == b.maxDrainLatencyNs && a.averageDrainLatencyNs == b.averageDrainLatencyNs
        && a.lagNs == b.lagNs;
}

} // namespace

BridgeHealthModel::BridgeHealthModel(QObject* parent) : SnapshotModel(parent) {}

void BridgeHealthModel::clear()
{
    if (shown_) {
        beginRemoveRows({}, 0, RowCount - 1);
        shown_ = false;
        endRemoveRows();
    }
    if (!sameHealth(health_, BridgeHealth{})) {
        health_ = BridgeHealth{};
        emit healthChanged();
    }
}

void BridgeHealthModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot || !feed())
        return;
    const BridgeHealth next = feed()->bridgeHealth();
    if (!shown_) {
        beginInsertRows({}, 0, RowCount - 1);
        health_ = next;
        shown_ = true;
        endInsertRows();
        emit healthChanged();
        return;
    }
    if (sameHealth(health_, next))
        return;
    health_ = next;
    emit dataChanged(index(0, Value), index(RowCount - 1, Value));
    emit healthChanged();
}

int BridgeHealthModel::rows() const { return shown_ ? RowCount : 0; }

QStringList BridgeHealthModel::keys() const { return {QStringLiteral("measure"), QStringLiteral("value")}; }

QString BridgeHealthModel::title(int column) const
{
    switch (column) {
    case Measure: return tr("Measure");
    case Value: return tr("Value");
    default: return {};
    }
}

int BridgeHealthModel::rowOf(const QString& key) const
{
    for (int r = 0; r < rows(); ++r) {
        if (key == QLatin1String(RowKeys[r]))
            return r;
    }
    return -1;
}

QVariant BridgeHealthModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    if (column == Measure)
        return QString::fromLatin1(RowKeys[row]);
    if (column != Value)
        return {};
    const BridgeHealth& h = health_;
    switch (row) {
    case QueuedItems: return static_cast<qulonglong>(h.queuedItems);
    case QueuedBytes: return static_cast<qulonglong>(h.queuedBytes);
    case DroppedDatagrams: return static_cast<qulonglong>(h.droppedDatagrams);
    case Batches: return static_cast<qulonglong>(h.batches);
    case ItemsDelivered: return static_cast<qulonglong>(h.itemsDelivered);
    case LastBatch: return static_cast<qulonglong>(h.lastBatch);
    case AverageBatch: return h.averageBatch;
    case MaxBatch: return static_cast<qulonglong>(h.maxBatch);
    case LastDrainLatency: return static_cast<qlonglong>(h.lastDrainLatencyNs);
    case AverageDrainLatency: return static_cast<qlonglong>(h.averageDrainLatencyNs);
    case MaxDrainLatency: return static_cast<qlonglong>(h.maxDrainLatencyNs);
    case Lag: return static_cast<qlonglong>(h.lagNs);
    default: return {};
    }
}

QString BridgeHealthModel::formatDuration(qint64 ns)
{
    const QLocale locale;
    if (ns < 1000)
        return tr("%1 ns").arg(ns);
    if (ns < 1000000)
        return tr("%1 µs").arg(locale.toString(ns / 1e3, 'f', 1));
    if (ns < 1000000000)
        return tr("%1 ms").arg(locale.toString(ns / 1e6, 'f', 1));
    return tr("%1 s").arg(locale.toString(ns / 1e9, 'f', 2));
}

QString BridgeHealthModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    if (column == Measure) {
        switch (row) {
        case QueuedItems: return tr("Items waiting for the Qt thread");
        case QueuedBytes: return tr("Bytes waiting for the Qt thread");
        case DroppedDatagrams: return tr("Datagrams dropped");
        case Batches: return tr("Batches drained");
        case ItemsDelivered: return tr("Items delivered");
        case LastBatch: return tr("Last batch (items)");
        case AverageBatch: return tr("Average batch (items)");
        case MaxBatch: return tr("Largest batch (items)");
        case LastDrainLatency: return tr("Last drain latency");
        case AverageDrainLatency: return tr("Average drain latency");
        case MaxDrainLatency: return tr("Longest drain latency");
        case Lag: return tr("Qt thread lag now");
        default: return {};
        }
    }
    const QLocale locale;
    switch (row) {
    case QueuedBytes: return locale.formattedDataSize(static_cast<qint64>(health_.queuedBytes));
    case AverageBatch: return locale.toString(health_.averageBatch, 'f', 1);
    case LastDrainLatency: return formatDuration(health_.lastDrainLatencyNs);
    case AverageDrainLatency: return formatDuration(health_.averageDrainLatencyNs);
    case MaxDrainLatency: return formatDuration(health_.maxDrainLatencyNs);
    case Lag: return formatDuration(health_.lagNs);
    default: return locale.toString(value(row, column).toULongLong());
    }
}

QString BridgeHealthModel::summary() const
{
    return tr("The Qt thread lags %1 behind the loops; %n item(s) wait for it (%2), %3 datagrams dropped", nullptr,
        static_cast<int>(std::min<std::uint64_t>(health_.queuedItems, INT_MAX)))
        .arg(formatDuration(health_.lagNs), QLocale().formattedDataSize(static_cast<qint64>(health_.queuedBytes)))
        .arg(health_.droppedDatagrams);
}

} // namespace qgnet
