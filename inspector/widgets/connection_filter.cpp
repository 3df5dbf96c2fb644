// SPDX-License-Identifier: Apache-2.0
#include "connection_filter.h"

#include "qgnet/qt/connection_model.h"

namespace qgnet::inspector {

ConnectionFilter::ConnectionFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SnapshotModel::SortRole);
    // Rows change every snapshot; keep the chosen order without the user clicking again.
    setDynamicSortFilter(true);
}

void ConnectionFilter::setLoop(int loop)
{
    if (loop == loop_)
        return;
    loop_ = loop;
    invalidateRowsFilter();
}

void ConnectionFilter::setProtocol(const QVariant& value)
{
    protocol_ = value;
    invalidateRowsFilter();
}

void ConnectionFilter::setState(const QVariant& value)
{
    state_ = value;
    invalidateRowsFilter();
}

void ConnectionFilter::setPeerText(const QString& text)
{
    peer_ = text;
    invalidateRowsFilter();
}

void ConnectionFilter::setExpression(const FilterExpression& expression)
{
    expression_ = expression;
    invalidateRowsFilter();
}

bool ConnectionFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* m = sourceModel();
    const auto raw = [&](int column) {
        return m->index(sourceRow, column, sourceParent).data(SnapshotModel::SortRole);
    };
    if (loop_ >= 0 && raw(ConnectionModel::Loop).toInt() != loop_)
        return false;
    if (protocol_.isValid() && raw(ConnectionModel::Protocol) != protocol_)
        return false;
    if (state_.isValid() && raw(ConnectionModel::State) != state_)
        return false;
    if (!peer_.isEmpty()) {
        const QString peer = m->index(sourceRow, ConnectionModel::Peer, sourceParent).data(Qt::DisplayRole).toString();
        if (!peer.contains(peer_, Qt::CaseInsensitive))
            return false;
    }
    if (!expression_.isEmpty()) {
        const auto* connections = qobject_cast<const ConnectionModel*>(m);
        const ConnectionStats* c = connections ? connections->connectionAt(sourceRow) : nullptr;
        if (!c || !expression_.matches(*c, connections->snapshotTime()))
            return false;
    }
    return true;
}

} // namespace qgnet::inspector
