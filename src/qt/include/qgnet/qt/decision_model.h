// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <deque>

#include <QList>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// DecisionModel is the load-balancing decision log: one row per decision (newest last), at most
/// capacity rows (the oldest leave in one ranged removal), plus a per-loop histogram of every
/// decision seen and the number the engine dropped before they could be read.
class QGNET_QT_EXPORT DecisionModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(int capacity READ capacity WRITE setCapacity NOTIFY capacityChanged)
    Q_PROPERTY(QList<qint64> histogram READ histogram NOTIFY histogramChanged)
    Q_PROPERTY(qint64 dropped READ dropped NOTIFY histogramChanged)
public:
    enum Column { Sequence, Time, Policy, Loads, Chosen, Peer, ColumnCount };
    Q_ENUM(Column)

    explicit DecisionModel(QObject* parent = nullptr);
    /// capacity is the most rows kept (the oldest leave first); at least 1.
    int capacity() const;
    void setCapacity(int rows);
    /// histogram counts every decision seen per chosen loop (index = loop), kept or not.
    QList<qint64> histogram() const;
    /// dropped is how many entries the engine's bounded log lost before the feed could read them.
    qint64 dropped() const;
    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void capacityChanged();
    void histogramChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    std::deque<BalanceDecision> rows_;
    QList<qint64> histogram_;
    qint64 dropped_ = 0;
    int capacity_ = 1000;
};

} // namespace qgnet
