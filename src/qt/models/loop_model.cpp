// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/loop_model.h"

#include <algorithm>
#include <array>
#include <climits>
#include <deque>

#include <QLocale>

namespace qgnet {

// Row is one loop: its last counters, the values of every column at the last snapshot, and the
// history of those values for the charts.
struct LoopModel::Row {
    LoopStats stats;
    std::array<double, ColumnCount> values{};
    std::deque<std::array<double, ColumnCount>> history;
};

LoopModel::LoopModel(QObject* parent) : SnapshotModel(parent) {}

LoopModel::~LoopModel() = default;

int LoopModel::historyLength() const { return historyLength_; }

void LoopModel::setHistoryLength(int samples)
{
    samples = std::max(samples, 1);
    if (samples == historyLength_)
        return;
    historyLength_ = samples;
    for (Row& row : rows_) {
        while (row.history.size() > static_cast<std::size_t>(historyLength_))
            row.history.pop_front();
    }
    emit historyLengthChanged();
    emit historyChanged();
}

QList<double> LoopModel::history(int loop, int column) const
{
    QList<double> out;
    if (loop < 0 || loop >= static_cast<int>(rows_.size()) || column < 0 || column >= ColumnCount)
        return out;
    const Row& row = rows_[static_cast<std::size_t>(loop)];
    out.reserve(static_cast<qsizetype>(row.history.size()));
    for (const auto& sample : row.history)
        out.append(sample[static_cast<std::size_t>(column)]);
    return out;
}

bool LoopModel::stallsGrew(int loop, int snapshots) const
{
    if (loop < 0 || loop >= static_cast<int>(rows_.size()) || snapshots < 1)
        return false;
    const auto& history = rows_[static_cast<std::size_t>(loop)].history;
    if (history.size() < 2)
        return false;
    const std::size_t back = std::min(static_cast<std::size_t>(snapshots), history.size() - 1);
    return history.back()[Stalls] > history[history.size() - 1 - back][Stalls];
}

void LoopModel::clear()
{
    if (!rows_.empty()) {
        beginRemoveRows({}, 0, static_cast<int>(rows_.size()) - 1);
        rows_.clear();
        endRemoveRows();
    }
    previous_.reset();
    bufferedBytes_ = memoryBudget_ = budgetCloses_ = 0;
    budgetPaused_ = 0;
    emit historyChanged();
}

namespace {

// rate is (now - before) per second, 0 when there is no earlier sample or the counter went back
// (another engine).
double rate(std::uint64_t now, std::uint64_t before, double seconds)
{
    if (seconds <= 0 || now < before)
        return 0;
    return static_cast<double>(now - before) / seconds;
}

} // namespace

void LoopModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    const int newCount = static_cast<int>(snapshot->loops.size());
    const int oldCount = static_cast<int>(rows_.size());
    const bool sameEngine = previous_ && previous_->started == snapshot->started;
    if (newCount < oldCount) {
        beginRemoveRows({}, newCount, oldCount - 1);
        rows_.resize(static_cast<std::size_t>(newCount));
        endRemoveRows();
    }

    // Bytes held in buffers, per loop (only when the snapshot lists connections).
    std::vector<double> bufferedIn(static_cast<std::size_t>(newCount), 0.0);
    std::vector<double> bufferedOut(static_cast<std::size_t>(newCount), 0.0);
    for (const ConnectionStats& c : snapshot->connections) {
        if (c.loop >= 0 && c.loop < newCount) {
            bufferedIn[static_cast<std::size_t>(c.loop)] += static_cast<double>(c.inboundBuffered);
            bufferedOut[static_cast<std::size_t>(c.loop)] += static_cast<double>(c.outboundRing + c.outboundSpilled);
        }
    }

    const double seconds = sameEngine ? std::chrono::duration<double>(snapshot->taken - previous_->taken).count() : 0.0;
    std::vector<Row> fresh(static_cast<std::size_t>(std::max(0, newCount - oldCount)));
    for (int i = 0; i < newCount; ++i) {
        Row& row = i < oldCount ? rows_[static_cast<std::size_t>(i)] : fresh[static_cast<std::size_t>(i - oldCount)];
        const LoopStats& s = snapshot->loops[static_cast<std::size_t>(i)];
        const bool havePrevious = sameEngine && i < static_cast<int>(previous_->loops.size());
        const LoopStats before = havePrevious ? previous_->loops[static_cast<std::size_t>(i)] : LoopStats{};
        const double dt = havePrevious ? seconds : 0.0;
        auto& v = row.values;
        v[Index] = s.index;
        v[Thread] = static_cast<double>(s.threadId);
        v[Backend] = 0;
        v[Connections] = s.connections;
        v[Accepted] = static_cast<double>(s.accepted);
        v[AcceptRate] = rate(s.accepted, before.accepted, dt);
        v[ReadRate] = rate(s.reads, before.reads, dt);
        v[WriteRate] = rate(s.writes, before.writes, dt);
        v[BytesInRate] = rate(s.bytesIn, before.bytesIn, dt);
        v[BytesOutRate] = rate(s.bytesOut, before.bytesOut, dt);
        v[PendingTasks] = static_cast<double>(s.pendingTasks);
        v[Iterations] = static_cast<double>(s.iterations);
        v[BusyPercent] = dt > 0 && s.busyTime >= before.busyTime
            ? std::min(100.0, 100.0 * std::chrono::duration<double>(s.busyTime - before.busyTime).count() / dt)
            : 0.0;
        v[Stalls] = static_cast<double>(s.stalls);
        v[BufferedIn] = bufferedIn[static_cast<std::size_t>(i)];
        v[BufferedOut] = bufferedOut[static_cast<std::size_t>(i)];
        row.stats = s;
        row.history.push_back(v);
        while (row.history.size() > static_cast<std::size_t>(historyLength_))
            row.history.pop_front();
    }
    if (oldCount > 0 && newCount > 0)
        emit dataChanged(index(0, 0), index(std::min(oldCount, newCount) - 1, ColumnCount - 1));
    if (newCount > oldCount) {
        beginInsertRows({}, oldCount, newCount - 1);
        for (Row& r : fresh)
            rows_.push_back(std::move(r));
        endInsertRows();
    }
    previous_ = snapshot;
    bufferedBytes_ = static_cast<double>(snapshot->bufferedBytes);
    memoryBudget_ = static_cast<double>(snapshot->memoryBudget);
    std::uint64_t paused = 0;
    std::uint64_t closes = 0;
    for (const LoopStats& l : snapshot->loops) {
        paused += l.budgetPaused;
        closes += l.budgetCloses;
    }
    budgetPaused_ = static_cast<int>(std::min<std::uint64_t>(paused, INT_MAX));
    budgetCloses_ = static_cast<double>(closes);
    emit historyChanged();
}

int LoopModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList LoopModel::keys() const
{
    return {QStringLiteral("index"), QStringLiteral("thread"), QStringLiteral("backend"), QStringLiteral("connections"),
        QStringLiteral("accepted"), QStringLiteral("acceptRate"), QStringLiteral("readRate"),
        QStringLiteral("writeRate"), QStringLiteral("bytesInRate"), QStringLiteral("bytesOutRate"),
        QStringLiteral("pendingTasks"), QStringLiteral("iterations"), QStringLiteral("busyPercent"),
        QStringLiteral("stalls"), QStringLiteral("bufferedIn"), QStringLiteral("bufferedOut")};
}

QString LoopModel::title(int column) const
{
    switch (column) {
    case Index: return tr("Loop");
    case Thread: return tr("Thread");
    case Backend: return tr("Backend");
    case Connections: return tr("Connections");
    case Accepted: return tr("Accepted");
    case AcceptRate: return tr("Accepts/s");
    case ReadRate: return tr("Reads/s");
    case WriteRate: return tr("Writes/s");
    case BytesInRate: return tr("In B/s");
    case BytesOutRate: return tr("Out B/s");
    case PendingTasks: return tr("Pending tasks");
    case Iterations: return tr("Iterations");
    case BusyPercent: return tr("Busy %");
    case Stalls: return tr("Stalls");
    case BufferedIn: return tr("Buffered in");
    case BufferedOut: return tr("Buffered out");
    default: return {};
    }
}

QVariant LoopModel::value(int row, int column) const
{
    if (row < 0 || row >= rows() || column < 0 || column >= ColumnCount)
        return {};
    const Row& r = rows_[static_cast<std::size_t>(row)];
    const double v = r.values[static_cast<std::size_t>(column)];
    switch (column) {
    case Backend: return QString::fromStdString(r.stats.backend);
    case Index:
    case Connections: return static_cast<int>(v);
    case Thread: return static_cast<qint64>(r.stats.threadId);
    case Accepted: return static_cast<qulonglong>(r.stats.accepted);
    case PendingTasks: return static_cast<qulonglong>(r.stats.pendingTasks);
    case Iterations: return static_cast<qulonglong>(r.stats.iterations);
    case Stalls: return static_cast<qulonglong>(r.stats.stalls);
    default: return v;
    }
}

QString LoopModel::display(int row, int column) const
{
    const QVariant v = value(row, column);
    switch (column) {
    case AcceptRate:
    case ReadRate:
    case WriteRate:
    case BytesInRate:
    case BytesOutRate:
    case BufferedIn:
    case BufferedOut: return QLocale().toString(v.toDouble(), 'f', 0);
    case BusyPercent: return QLocale().toString(v.toDouble(), 'f', 1);
    default: return v.toString();
    }
}

} // namespace qgnet
