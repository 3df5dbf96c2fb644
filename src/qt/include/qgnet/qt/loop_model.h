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
/// every rate for the live charts.
class QGNET_QT_EXPORT LoopModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(int historyLength READ historyLength WRITE setHistoryLength NOTIFY historyLengthChanged)
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
};

} // namespace qgnet
