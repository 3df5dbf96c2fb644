// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/snapshot_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include "qgnet/qt/table_export.h"

namespace qgnet {

SnapshotModel::SnapshotModel(QObject* parent) : QAbstractTableModel(parent)
{
    // rowCount is a property for QML; every structural change goes through these three signals.
    connect(this, &QAbstractItemModel::rowsInserted, this, &SnapshotModel::rowCountChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &SnapshotModel::rowCountChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &SnapshotModel::rowCountChanged);
}

StatsFeed* SnapshotModel::feed() const { return feed_; }

void SnapshotModel::setFeed(StatsFeed* feed)
{
    if (feed_ == feed)
        return;
    disconnect(connection_);
    disconnect(resetConnection_);
    feed_ = feed;
    if (feed) {
        connection_ = connect(feed, &StatsFeed::snapshotReady, this, &SnapshotModel::applySnapshot);
        resetConnection_ = connect(feed, &StatsFeed::sourceReset, this, &SnapshotModel::clear);
    }
    emit feedChanged();
}

int SnapshotModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows(); }

int SnapshotModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(keys().size());
}

QVariant SnapshotModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int columns = columnCount();
    if (role == Qt::DisplayRole)
        return display(index.row(), index.column());
    if (role == SortRole)
        return value(index.row(), index.column());
    if (role > SortRole && role <= SortRole + columns)
        return value(index.row(), role - SortRole - 1);
    if (role == Qt::TextAlignmentRole) {
        const QVariant v = value(index.row(), index.column());
        const bool number = v.typeId() != QMetaType::QString && v.typeId() != QMetaType::QStringList;
        return QVariant::fromValue<int>((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    return {};
}

QVariant SnapshotModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return title(section);
    if (role == SortRole)
        return columnKey(section);
    return {};
}

QHash<int, QByteArray> SnapshotModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    const QStringList k = keys();
    for (int c = 0; c < k.size(); ++c)
        names.insert(SortRole + 1 + c, k.at(c).toUtf8());
    return names;
}

QString SnapshotModel::columnKey(int column) const
{
    const QStringList k = keys();
    return column >= 0 && column < k.size() ? k.at(column) : QString();
}

QString SnapshotModel::display(int row, int column) const { return value(row, column).toString(); }

QByteArray SnapshotModel::toCsv() const { return tableToCsv(*this, keys(), SortRole); }

QByteArray SnapshotModel::toJson() const
{
    const QStringList k = keys();
    QJsonArray array;
    const int n = rows();
    for (int r = 0; r < n; ++r) {
        QJsonObject row;
        for (int c = 0; c < k.size(); ++c)
            row.insert(k.at(c), QJsonValue::fromVariant(value(r, c)));
        array.append(row);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace qgnet
