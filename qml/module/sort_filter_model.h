// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

#include "qgnet/qt/filter_expression.h"

namespace qgnet::qml {

/// SortFilterModel is QSortFilterProxyModel made declarative for QML views of the inspector models:
/// `sortColumn`/`sortOrder` as properties (QAbstractItemModel::sort is a 6.4-revisioned method that
/// a QML module of another version cannot call), `filterText` for a case-insensitive fixed-string
/// filter over every column, `expression` for a qgnet::FilterExpression over a ConnectionModel's
/// rows (a refused text sets `expressionError`, "Column N: why", and keeps the last valid
/// expression, so the table does not change while the user types), and `count`, the rows that pass.
/// It sorts by the raw value (SnapshotModel's sort role, Qt.UserRole) unless sortRole says otherwise.
class SortFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(SortFilterProxyModel)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int sortColumn READ sortColumnProperty WRITE setSortColumn NOTIFY sortChanged)
    Q_PROPERTY(Qt::SortOrder sortOrder READ sortOrderProperty WRITE setSortOrder NOTIFY sortChanged)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(QString expression READ expression WRITE setExpression NOTIFY expressionChanged)
    Q_PROPERTY(QString expressionError READ expressionError NOTIFY expressionChanged)
    Q_PROPERTY(int expressionErrorColumn READ expressionErrorColumn NOTIFY expressionChanged)
public:
    explicit SortFilterModel(QObject* parent = nullptr);

    int count() const;
    /// sortColumn is the column sorted on; -1 keeps the source model's order.
    int sortColumnProperty() const { return sortColumn_; }
    void setSortColumn(int column);
    Qt::SortOrder sortOrderProperty() const { return sortOrder_; }
    void setSortOrder(Qt::SortOrder order);
    QString filterText() const { return filterText_; }
    void setFilterText(const QString& text);
    QString expression() const { return expressionText_; }
    void setExpression(const QString& text);
    QString expressionError() const { return expressionError_; }
    int expressionErrorColumn() const { return expressionErrorColumn_; }
    /// expressionHelp describes the expression language (translated), for a tooltip.
    Q_INVOKABLE QString expressionHelp() const;

Q_SIGNALS:
    void countChanged();
    void sortChanged();
    void filterTextChanged();
    void expressionChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void applySort();
    int sortColumn_ = -1;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
    QString filterText_;
    QString expressionText_;
    qgnet::FilterExpression expression_; // the last valid one
    QString expressionError_;
    int expressionErrorColumn_ = 0;
    int lastCount_ = 0;
};

} // namespace qgnet::qml
