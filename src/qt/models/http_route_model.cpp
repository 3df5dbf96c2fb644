// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/http_route_model.h"

#include <QLocale>

#include "qgnet/qt/stats_feed.h"

namespace qgnet {

HttpRouteModel::HttpRouteModel(QObject* parent) : QAbstractTableModel(parent) {}

void HttpRouteModel::setFeed(StatsFeed* feed)
{
    if (feed_ == feed)
        return;
    disconnect(connection_);
    feed_ = feed;
    if (feed_) {
        connection_ = connect(feed_, &StatsFeed::httpStatsChanged, this, [this] { setStats(feed_->httpStats()); });
        setStats(feed_->httpStats());
    } else {
        setStats({});
    }
    emit feedChanged();
}

void HttpRouteModel::setStats(const HttpStats& stats)
{
    if (stats == stats_)
        return;
    // Same routes (the usual case: a server's routes are fixed once it started): only counts change.
    bool sameRows = stats.routes.size() == stats_.routes.size();
    for (qsizetype i = 0; sameRows && i < stats.routes.size(); ++i)
        sameRows = stats.routes[i].method == stats_.routes[i].method
            && stats.routes[i].pattern == stats_.routes[i].pattern
            && stats.routes[i].onThread == stats_.routes[i].onThread;
    if (sameRows) {
        stats_ = stats;
        if (!stats_.routes.isEmpty())
            emit dataChanged(index(0, Requests), index(rowCount() - 1, Requests), {Qt::DisplayRole, RequestsRole});
    } else {
        beginResetModel();
        stats_ = stats;
        endResetModel();
    }
    emit statsChanged();
}

int HttpRouteModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(stats_.routes.size());
}

int HttpRouteModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HttpRouteModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const HttpStats::Route& r = stats_.routes[index.row()];
    const QString runsOn = r.onThread ? tr("Qt thread") : tr("loop threads");
    switch (role) {
    case MethodRole: return r.method;
    case PatternRole: return r.pattern;
    case RunsOnRole: return runsOn;
    case RequestsRole: return static_cast<double>(r.requests);
    case OnThreadRole: return r.onThread;
    case Qt::TextAlignmentRole:
        return index.column() == Requests ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case Method: return r.method;
        case Pattern: return r.pattern;
        case RunsOn: return runsOn;
        case Requests: return QLocale().toString(r.requests);
        default: return {};
        }
    default: return {};
    }
}

QVariant HttpRouteModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == Requests)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Method: return tr("Method");
    case Pattern: return tr("Route");
    case RunsOn: return tr("Runs on");
    case Requests: return tr("Requests");
    default: return {};
    }
}

QHash<int, QByteArray> HttpRouteModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"}, {MethodRole, "method"}, {PatternRole, "pattern"}, {RunsOnRole, "runsOn"},
        {RequestsRole, "requests"}, {OnThreadRole, "onThread"}};
}

} // namespace qgnet
