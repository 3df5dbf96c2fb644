// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/stall_model.h"

#include <QDateTime>
#include <QLocale>

#include "stall_text.h"

namespace qgnet {

namespace {

double ms(std::chrono::nanoseconds d) { return std::chrono::duration<double, std::milli>(d).count(); }

} // namespace

StallModel::StallModel(QObject* parent) : SnapshotModel(parent) {}

int StallModel::capacity() const { return capacity_; }

void StallModel::setCapacity(int rows)
{
    rows = std::max(rows, 1);
    if (rows == capacity_)
        return;
    capacity_ = rows;
    trimFront(rows_, static_cast<std::size_t>(capacity_));
    emit capacityChanged();
}

qint64 StallModel::dropped() const { return dropped_; }

double StallModel::thresholdMs() const { return thresholdMs_; }

bool StallModel::isOverThreshold(int row) const
{
    return row >= 0 && row < rows() && thresholdMs_ > 0
        && ms(rows_[static_cast<std::size_t>(row)].iteration) > thresholdMs_;
}

void StallModel::clear()
{
    trimFront(rows_, 0);
    if (dropped_ != 0) {
        dropped_ = 0;
        emit droppedChanged();
    }
}

void StallModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    if (dropped_ != static_cast<qint64>(snapshot->stallsDropped)) {
        dropped_ = static_cast<qint64>(snapshot->stallsDropped);
        emit droppedChanged();
    }
    const double threshold = ms(snapshot->stallThreshold);
    if (threshold != thresholdMs_) {
        thresholdMs_ = threshold;
        emit thresholdChanged();
        if (!rows_.empty())
            emit dataChanged(index(0, Factor), index(rows() - 1, Factor));
    }
    appendBounded(rows_, snapshot->stalls, capacity_);
}

int StallModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList StallModel::keys() const
{
    return {QStringLiteral("sequence"), QStringLiteral("time"), QStringLiteral("loop"), QStringLiteral("iterationMs"),
        QStringLiteral("factor"), QStringLiteral("callback"), QStringLiteral("callbackMs"),
        QStringLiteral("connection")};
}

QString StallModel::title(int column) const
{
    switch (column) {
    case Sequence: return tr("#");
    case Time: return tr("Time");
    case Loop: return tr("Loop");
    case IterationMs: return tr("Iteration (ms)");
    case Factor: return tr("× threshold");
    case Callback: return tr("Longest callback");
    case CallbackMs: return tr("Its time (ms)");
    case Connection: return tr("Connection");
    default: return {};
    }
}

QVariant StallModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const LoopStall& s = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Sequence: return static_cast<qulonglong>(s.sequence);
    case Time:
        return QDateTime::fromMSecsSinceEpoch(
            std::chrono::duration_cast<std::chrono::milliseconds>(s.time.time_since_epoch()).count());
    case Loop: return s.loop;
    case IterationMs: return ms(s.iteration);
    case Factor: return thresholdMs_ > 0 ? ms(s.iteration) / thresholdMs_ : 0.0;
    case Callback: return qtdetail::stallCallbackKey(s.callback);
    case CallbackMs: return ms(s.callbackTime);
    case Connection: return static_cast<qulonglong>(s.connectionId);
    default: return {};
    }
}

QString StallModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const LoopStall& s = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Time: return value(row, column).toDateTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case IterationMs:
    case CallbackMs: return QLocale().toString(value(row, column).toDouble(), 'f', 1);
    case Factor: return thresholdMs_ > 0 ? QLocale().toString(value(row, column).toDouble(), 'f', 1) : QString();
    case Callback: return qtdetail::stallCallbackDisplay(s.callback);
    case Connection: return s.connectionId ? QString::number(s.connectionId) : QString();
    default: return value(row, column).toString();
    }
}

} // namespace qgnet
