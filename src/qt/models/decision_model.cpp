// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/decision_model.h"

#include <QDateTime>
#include <QLocale>

#include "stats_text.h"

namespace qgnet {

DecisionModel::DecisionModel(QObject* parent) : SnapshotModel(parent) {}

int DecisionModel::capacity() const { return capacity_; }

void DecisionModel::setCapacity(int rows)
{
    rows = std::max(rows, 1);
    if (rows == capacity_)
        return;
    capacity_ = rows;
    trimFront(rows_, static_cast<std::size_t>(capacity_));
    emit capacityChanged();
}

QList<qint64> DecisionModel::histogram() const { return histogram_; }

qint64 DecisionModel::dropped() const { return dropped_; }

void DecisionModel::clear()
{
    trimFront(rows_, 0);
    histogram_.clear();
    dropped_ = 0;
    emit histogramChanged();
}

void DecisionModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    const auto& incoming = snapshot->decisions;
    bool histogramMoved = dropped_ != static_cast<qint64>(snapshot->decisionsDropped);
    dropped_ = static_cast<qint64>(snapshot->decisionsDropped);
    if (histogram_.size() < static_cast<qsizetype>(snapshot->loops.size())) {
        histogram_.resize(static_cast<qsizetype>(snapshot->loops.size()), 0);
        histogramMoved = true;
    }
    for (const BalanceDecision& d : incoming) {
        // Only loops the snapshot has are counted: a chosen loop beyond them (a lying endpoint, or
        // 2^31 - 1, which overflowed the old resize) must neither crash nor grow the histogram.
        if (d.chosen < 0 || d.chosen >= histogram_.size())
            continue;
        ++histogram_[d.chosen];
        histogramMoved = true;
    }
    appendBounded(rows_, incoming, capacity_);
    if (histogramMoved)
        emit histogramChanged();
}

int DecisionModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList DecisionModel::keys() const
{
    return {QStringLiteral("sequence"), QStringLiteral("time"), QStringLiteral("policy"), QStringLiteral("loads"),
        QStringLiteral("chosen"), QStringLiteral("peer")};
}

QString DecisionModel::title(int column) const
{
    switch (column) {
    case Sequence: return tr("#");
    case Time: return tr("Time");
    case Policy: return tr("Policy");
    case Loads: return tr("Loads");
    case Chosen: return tr("Chosen loop");
    case Peer: return tr("Peer");
    default: return {};
    }
}

namespace {

QString loadsText(const std::vector<int>& loads)
{
    QStringList parts;
    for (int l : loads)
        parts << QString::number(l);
    return parts.join(QLatin1Char(' '));
}

QDateTime toDateTime(std::chrono::system_clock::time_point t)
{
    return QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

} // namespace

QVariant DecisionModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const BalanceDecision& d = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Sequence: return static_cast<qulonglong>(d.sequence);
    case Time: return toDateTime(d.time);
    case Policy: return qtdetail::policyKey(d.policy);
    case Loads: return loadsText(d.loads);
    case Chosen: return d.chosen;
    case Peer: return qtdetail::addressText(d.peer);
    default: return {};
    }
}

QString DecisionModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const BalanceDecision& d = rows_[static_cast<std::size_t>(row)];
    switch (column) {
    case Time: return toDateTime(d.time).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Policy: return qtdetail::policyDisplay(d.policy);
    default: return value(row, column).toString();
    }
}

} // namespace qgnet
