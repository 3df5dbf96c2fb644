// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/event_model.h"

#include <QDateTime>

#include "stats_text.h"

namespace qgnet {

EventModel::EventModel(QObject* parent) : SnapshotModel(parent) {}

int EventModel::capacity() const { return capacity_; }

void EventModel::setCapacity(int rows)
{
    rows = std::max(rows, 1);
    if (rows == capacity_)
        return;
    capacity_ = rows;
    trimFront(rows_, static_cast<std::size_t>(capacity_));
    emit capacityChanged();
}

qint64 EventModel::dropped() const { return dropped_; }

void EventModel::clear()
{
    trimFront(rows_, 0);
    if (dropped_ != 0) {
        dropped_ = 0;
        emit droppedChanged();
    }
}

void EventModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    if (dropped_ != static_cast<qint64>(snapshot->eventsDropped)) {
        dropped_ = static_cast<qint64>(snapshot->eventsDropped);
        emit droppedChanged();
    }
    appendBounded(rows_, snapshot->events, capacity_);
}

int EventModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList EventModel::keys() const
{
    return {QStringLiteral("sequence"), QStringLiteral("time"), QStringLiteral("kind"), QStringLiteral("loop"),
        QStringLiteral("connection"), QStringLiteral("peer"), QStringLiteral("reason")};
}

QString EventModel::title(int column) const
{
    switch (column) {
    case Sequence: return tr("#");
    case Time: return tr("Time");
    case Kind: return tr("Event");
    case Loop: return tr("Loop");
    case Connection: return tr("Connection");
    case Peer: return tr("Peer");
    case Reason: return tr("Reason");
    default: return {};
    }
}

namespace {

QDateTime toDateTime(std::chrono::system_clock::time_point t)
{
    return QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

} // namespace

QVariant EventModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const EngineEvent& e = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Sequence: return static_cast<qulonglong>(e.sequence);
    case Time: return toDateTime(e.time);
    case Kind: return qtdetail::eventKindKey(e.kind);
    case Loop: return e.loop;
    case Connection: return static_cast<qulonglong>(e.connectionId);
    case Peer: return qtdetail::addressText(e.peer);
    case Reason: return QString::fromStdString(e.reason);
    default: return {};
    }
}

QString EventModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const EngineEvent& e = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Time: return toDateTime(e.time).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Kind: return qtdetail::eventKindDisplay(e.kind);
    default: return value(row, column).toString();
    }
}

} // namespace qgnet
