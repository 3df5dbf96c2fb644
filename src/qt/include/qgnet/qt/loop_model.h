// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <vector>

#include <QList>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// LoopModel has one row per event loop: its thread, backend, open connections, rates (per second,
/// from the difference between the last two snapshots), pending tasks, busy percentage and stalls,
/// and the bytes its connections hold in their buffers. It keeps the last historyLength values of
/// every rate for the live charts. Its properties sum the engine up for Options::memoryBudget: the
/// bytes all connections' buffers hold (EngineSnapshot::bufferedBytes), the budget (0: none), and the
/// connections the budget holds paused now and has closed so far, over all loops.
class QGNET_QT_EXPORT LoopModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(int historyLength READ historyLength WRITE setHistoryLength NOTIFY historyLengthChanged)
    Q_PROPERTY(double bufferedBytes READ bufferedBytes NOTIFY historyChanged)
    Q_PROPERTY(double memoryBudget READ memoryBudget NOTIFY historyChanged)
    Q_PROPERTY(int budgetPaused READ budgetPaused NOTIFY historyChanged)
    Q_PROPERTY(double budgetCloses READ budgetCloses NOTIFY historyChanged)
public:
    enum Column {
        Index,
        Thread,
        Backend,
        Connections,
        Accepted,
        AcceptRate,
        ReadRate,
        WriteRate,
        BytesInRate,
        BytesOutRate,
        PendingTasks,
        Iterations,
        BusyPercent,
        Stalls,
        BufferedIn,
        BufferedOut,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit LoopModel(QObject* parent = nullptr);
    ~LoopModel() override; // out of line: Row is complete only in loop_model.cpp

    /// historyLength is how many snapshots of every value history() keeps (default 120).
    int historyLength() const;
    void setHistoryLength(int samples);
    /// history is column's values for loop over the last historyLength snapshots, oldest first.
    Q_INVOKABLE QList<double> history(int loop, int column) const;
    /// stallsGrew tells whether loop's stall count (LoopStats::stalls) grew over its last `snapshots`
    /// snapshots (within the history kept): the views show the count red while it does.
    Q_INVOKABLE bool stallsGrew(int loop, int snapshots = 10) const;

    double bufferedBytes() const { return bufferedBytes_; }
    double memoryBudget() const { return memoryBudget_; }
    int budgetPaused() const { return budgetPaused_; }
    double budgetCloses() const { return budgetCloses_; }

    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void historyLengthChanged();
    /// historyChanged follows every applied snapshot (charts repaint on it).
    void historyChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    struct Row;
    std::vector<Row> rows_;
    SnapshotPtr previous_;
    int historyLength_ = 120;
    double bufferedBytes_ = 0;
    double memoryBudget_ = 0;
    int budgetPaused_ = 0;
    double budgetCloses_ = 0;
};

} // namespace qgnet
