// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <deque>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// StallModel is the stall detector's log (LoopStall): one row per loop iteration that ran longer
/// than Options::stallThreshold, with the callback that ran longest in it, its time and its
/// connection. Newest last, at most capacity rows; `dropped` counts what the engine's bounded logs
/// lost before they were read; `thresholdMs` is the engine's threshold (0 when the feed's engine does
/// not say: an older endpoint). The Factor column is the iteration over the threshold (2.0: twice as
/// long), which the views colour by.
class QGNET_QT_EXPORT StallModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(int capacity READ capacity WRITE setCapacity NOTIFY capacityChanged)
    Q_PROPERTY(qint64 dropped READ dropped NOTIFY droppedChanged)
    Q_PROPERTY(double thresholdMs READ thresholdMs NOTIFY thresholdChanged)
public:
    enum Column { Sequence, Time, Loop, IterationMs, Factor, Callback, CallbackMs, Connection, ColumnCount };
    Q_ENUM(Column)

    explicit StallModel(QObject* parent = nullptr);
    /// capacity is the most rows kept (the oldest leave first); at least 1.
    int capacity() const;
    void setCapacity(int rows);
    /// dropped is how many stalls the engine's bounded logs lost before the feed could read them.
    qint64 dropped() const;
    /// thresholdMs is Options::stallThreshold of the engine the rows come from (0: unknown).
    double thresholdMs() const;
    /// isOverThreshold tells whether row's iteration is longer than the threshold (every logged
    /// stall is, by the engine's measure; false when the threshold is unknown).
    Q_INVOKABLE bool isOverThreshold(int row) const;
    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void capacityChanged();
    void droppedChanged();
    void thresholdChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    std::deque<LoopStall> rows_;
    qint64 dropped_ = 0;
    double thresholdMs_ = 0;
    int capacity_ = 2000;
};

} // namespace qgnet
