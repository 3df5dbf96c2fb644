// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <algorithm>
#include <cstddef>

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
class QGNET_QT_EXPORT SnapshotModel : public QAbstractTableModel {
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
    /// The model clears itself when the feed starts over (StatsFeed::sourceReset).
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
    virtual QStringList keys() const = 0;        ///< One per column.
    virtual QString title(int column) const = 0; ///< Translated header.
    virtual QVariant value(int row, int column) const = 0;
    virtual QString display(int row, int column) const; ///< Defaults to value() as text.

    /// trimFront removes rows from the front of a log-style container (a deque of rows, oldest
    /// first) until at most `keep` remain, as one ranged removal.
    template <typename Rows>
    void trimFront(Rows& rows, std::size_t keep)
    {
        if (rows.size() <= keep)
            return;
        const auto excess = static_cast<int>(rows.size() - keep);
        beginRemoveRows({}, 0, excess - 1);
        rows.erase(rows.begin(), rows.begin() + excess);
        endRemoveRows();
    }

    /// appendBounded appends the newest entries of `incoming` to a log-style container holding at
    /// most `capacity` rows: the oldest rows leave first in one ranged removal, then the new ones
    /// arrive in one ranged insertion (only the newest `capacity` of them when there are more).
    template <typename Rows, typename Incoming>
    void appendBounded(Rows& rows, const Incoming& incoming, int capacity)
    {
        if (incoming.empty())
            return;
        const std::size_t keepNew = std::min(incoming.size(), static_cast<std::size_t>(capacity));
        trimFront(rows, static_cast<std::size_t>(capacity) - keepNew);
        const auto first = static_cast<int>(rows.size());
        beginInsertRows({}, first, first + static_cast<int>(keepNew) - 1);
        rows.insert(rows.end(), incoming.end() - static_cast<std::ptrdiff_t>(keepNew), incoming.end());
        endInsertRows();
    }

private:
    int rowCountProperty() const { return rows(); }
    QPointer<StatsFeed> feed_;
    QMetaObject::Connection connection_;
    QMetaObject::Connection resetConnection_;
};

} // namespace qgnet
