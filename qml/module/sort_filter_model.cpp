// SPDX-License-Identifier: Apache-2.0
#include "sort_filter_model.h"

#include "qgnet/qt/connection_model.h"

namespace qgnet::qml {

SortFilterModel::SortFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
    // count follows every way the row count can change.
    const auto recount = [this] {
        const int now = rowCount();
        if (now != lastCount_) {
            lastCount_ = now;
            Q_EMIT countChanged();
        }
    };
    connect(this, &QAbstractItemModel::rowsInserted, this, recount);
    connect(this, &QAbstractItemModel::rowsRemoved, this, recount);
    connect(this, &QAbstractItemModel::modelReset, this, recount);
    connect(this, &QAbstractItemModel::layoutChanged, this, recount);
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, [this, recount] {
        applySort();
        recount();
    });
}

int SortFilterModel::count() const { return rowCount(); }

void SortFilterModel::setSortColumn(int column)
{
    if (column == sortColumn_)
        return;
    sortColumn_ = column;
    applySort();
    Q_EMIT sortChanged();
}

void SortFilterModel::setSortOrder(Qt::SortOrder order)
{
    if (order == sortOrder_)
        return;
    sortOrder_ = order;
    applySort();
    Q_EMIT sortChanged();
}

void SortFilterModel::setFilterText(const QString& text)
{
    if (text == filterText_)
        return;
    filterText_ = text;
    setFilterFixedString(text);
    Q_EMIT filterTextChanged();
}

void SortFilterModel::setExpression(const QString& text)
{
    if (text == expressionText_)
        return;
    expressionText_ = text;
    const qgnet::FilterExpression parsed = qgnet::FilterExpression::parse(text);
    expressionError_ = parsed.errorString();
    expressionErrorColumn_ = parsed.errorColumn();
    if (parsed.isValid()) {
        expression_ = parsed;
        invalidateRowsFilter();
    }
    Q_EMIT expressionChanged();
}

QString SortFilterModel::expressionHelp() const { return qgnet::FilterExpression::helpText(); }

bool SortFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent))
        return false;
    if (expression_.isEmpty())
        return true;
    const auto* connections = qobject_cast<const qgnet::ConnectionModel*>(sourceModel());
    if (!connections)
        return true; // expressions describe connections; other tables ignore them
    const qgnet::ConnectionStats* c = connections->connectionAt(sourceRow);
    return c && expression_.matches(*c, connections->snapshotTime());
}

void SortFilterModel::applySort() { sort(sortColumn_, sortOrder_); }

} // namespace qgnet::qml
