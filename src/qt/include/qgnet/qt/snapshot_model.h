// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QStringList>

#include "qgnet/qt/stats_feed.h"

namespace qgnet {

/// SnapshotModel is the base of the inspector models: a table fed by a StatsFeed. Every column is
/// also a role (Qt::UserRole + 1 + column, named after the column's key) so that QML views and the
/// Widgets views read the same model. Qt::DisplayRole gives text for humans; SortRole gives the raw
/// value (numbers stay numbers) for QSortFilterProxyModel and for export. Subclasses apply each
/// snapshot with ranged rowsInserted/rowsRemoved/dataChanged; they never reset per tick.
class SnapshotModel : public QAbstractTableModel {
    Q_OBJECT
    Q_PROPERTY(qgnet::StatsFeed* feed READ feed WRITE setFeed NOTIFY feedChanged)
    Q_PROPERTY(int rowCount READ rowCountProperty NOTIFY rowCountChanged)
public:
    /// SortRole holds the raw value of a cell.
    static constexpr int SortRole = Qt::UserRole;

    explicit SnapshotModel(QObject* parent = nullptr);

    /// feed is the StatsFeed the model follows (null: none).
    StatsFeed* feed() const;
    /// setFeed follows feed's snapshots (null detaches; the rows stay until the next clear()).
    /// Logs travel incrementally, so a log model (decisions, events) attached to a feed that has
    /// already delivered sees only what comes after: attach the models before starting the feed.
    void setFeed(StatsFeed* feed);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// columnKey is the stable, untranslated name of a column ("peer", "bytesIn"), used as role name
    /// and as CSV/JSON key.
    Q_INVOKABLE QString columnKey(int column) const;
    /// toCsv / toJson export the current rows with raw values (header: column keys).
    Q_INVOKABLE QByteArray toCsv() const;
    Q_INVOKABLE QByteArray toJson() const;
    /// clear removes every row.
    Q_INVOKABLE virtual void clear() = 0;

public Q_SLOTS:
    virtual void applySnapshot(const qgnet::SnapshotPtr& snapshot) = 0;

Q_SIGNALS:
    void feedChanged();
    void rowCountChanged();

protected:
    /// rows / columns / keys / titles / value / display are what a subclass provides.
    virtual int rows() const = 0;
    virtual QStringList keys() const = 0;           ///< One per column.
    virtual QString title(int column) const = 0;    ///< Translated header.
    virtual QVariant value(int row, int column) const = 0;
    virtual QString display(int row, int column) const; ///< Defaults to value() as text.

private:
    int rowCountProperty() const { return rows(); }
    QPointer<StatsFeed> feed_;
    QMetaObject::Connection connection_;
};

} // namespace qgnet
