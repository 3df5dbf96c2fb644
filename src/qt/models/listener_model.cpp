// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/listener_model.h"

#include <cstring>

#include <QLocale>

#include "stats_text.h"

namespace qgnet {

ListenerModel::ListenerModel(QObject* parent) : SnapshotModel(parent) {}

void ListenerModel::clear()
{
    if (!rows_.empty()) {
        beginRemoveRows({}, 0, static_cast<int>(rows_.size()) - 1);
        rows_.clear();
        endRemoveRows();
    }
    previous_.reset();
    waiting_ = notAccepting_ = 0;
    emit summaryChanged();
}

// An engine's listeners are fixed while it runs, so rows match by position; another engine (or
// another count) replaces them.
void ListenerModel::applySnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    const bool sameEngine = previous_ && previous_->started == snapshot->started
        && previous_->listeners.size() == snapshot->listeners.size();
    const double seconds = sameEngine ? std::chrono::duration<double>(snapshot->taken - previous_->taken).count() : 0.0;
    const auto count = static_cast<int>(snapshot->listeners.size());
    if (!sameEngine && !rows_.empty()) {
        beginRemoveRows({}, 0, static_cast<int>(rows_.size()) - 1);
        rows_.clear();
        endRemoveRows();
    }
    std::vector<Row> next(static_cast<std::size_t>(count));
    waiting_ = notAccepting_ = 0;
    for (int i = 0; i < count; ++i) {
        Row& row = next[static_cast<std::size_t>(i)];
        row.stats = snapshot->listeners[static_cast<std::size_t>(i)];
        if (sameEngine && seconds > 0) {
            const std::uint64_t before = rows_[static_cast<std::size_t>(i)].stats.accepted;
            row.acceptRate = row.stats.accepted >= before ? static_cast<double>(row.stats.accepted - before) / seconds
                                                          : 0;
        }
        waiting_ += std::max(row.stats.queueDepth, 0);
        if (row.stats.state != ListenerState::Accepting)
            ++notAccepting_;
    }
    if (sameEngine) {
        rows_ = std::move(next);
        if (count > 0)
            emit dataChanged(index(0, 0), index(count - 1, ColumnCount - 1));
    } else if (count > 0) {
        beginInsertRows({}, 0, count - 1);
        rows_ = std::move(next);
        endInsertRows();
    }
    previous_ = snapshot;
    emit summaryChanged();
}

int ListenerModel::rows() const { return static_cast<int>(rows_.size()); }

QStringList ListenerModel::keys() const
{
    return {QStringLiteral("address"), QStringLiteral("network"), QStringLiteral("loop"), QStringLiteral("reusePort"),
        QStringLiteral("queueDepth"), QStringLiteral("backlog"), QStringLiteral("queueFill"),
        QStringLiteral("accepted"), QStringLiteral("acceptRate"), QStringLiteral("refused"), QStringLiteral("state"),
        QStringLiteral("backoffError"), QStringLiteral("backoffMs")};
}

QString ListenerModel::title(int column) const
{
    switch (column) {
    case Address: return tr("Address");
    case Network: return tr("Network");
    case Loop: return tr("Loop");
    case ReusePort: return tr("Reuseport");
    case QueueDepth: return tr("Waiting");
    case Backlog: return tr("Backlog");
    case QueueFill: return tr("Queue %");
    case Accepted: return tr("Accepted");
    case AcceptRate: return tr("Accepts/s");
    case Refused: return tr("Refused");
    case State: return tr("State");
    case BackoffError: return tr("Accept error");
    case Backoff: return tr("Back-off");
    default: return {};
    }
}

QVariant ListenerModel::value(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const Row& r = rows_[static_cast<std::size_t>(row)];
    const ListenerStats& l = r.stats;
    switch (column) {
    case Address: return QString::fromStdString(l.url);
    case Network: return qtdetail::networkKey(l.network);
    case Loop: return l.loop;
    case ReusePort: return l.reusePort;
    case QueueDepth: return l.queueDepth;
    case Backlog: return l.backlog;
    case QueueFill: return l.queueDepth >= 0 && l.backlog > 0 ? 100.0 * l.queueDepth / l.backlog : 0.0;
    case Accepted: return static_cast<qulonglong>(l.accepted);
    case AcceptRate: return r.acceptRate;
    case Refused: return static_cast<qulonglong>(l.refused);
    case State: {
        const std::string_view k = toString(l.state);
        return QString::fromLatin1(k.data(), static_cast<qsizetype>(k.size()));
    }
    case BackoffError: {
        if (l.backoffError == 0)
            return QString();
        const char* name = ::strerrorname_np(l.backoffError);
        return name ? QString::fromLatin1(name) : QString::number(l.backoffError);
    }
    case Backoff: return static_cast<qint64>(l.backoff.count());
    default: return {};
    }
}

QString ListenerModel::display(int row, int column) const
{
    if (row < 0 || row >= rows())
        return {};
    const ListenerStats& l = rows_[static_cast<std::size_t>(row)].stats;
    switch (column) {
    case Loop: return l.loop < 0 ? tr("acceptor") : QString::number(l.loop);
    case ReusePort: return l.reusePort ? tr("yes") : tr("no");
    case QueueDepth: return l.queueDepth < 0 ? tr("n/a") : QString::number(l.queueDepth);
    case Backlog: return l.backlog < 0 ? tr("n/a") : QString::number(l.backlog);
    case QueueFill:
        return l.queueDepth < 0 || l.backlog <= 0 ? tr("n/a")
                                                  : QLocale().toString(value(row, column).toDouble(), 'f', 0);
    case AcceptRate: return QLocale().toString(value(row, column).toDouble(), 'f', 0);
    case State:
        switch (l.state) {
        case ListenerState::Accepting: return tr("accepting");
        case ListenerState::BackingOff: return tr("backing off");
        case ListenerState::AtLimit: return tr("at connection limit");
        case ListenerState::Paused: return tr("paused by an action");
        }
        return {};
    case Backoff: return l.backoff.count() == 0 ? QString() : tr("%1 ms").arg(l.backoff.count());
    default: return value(row, column).toString();
    }
}

} // namespace qgnet
