// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <vector>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// ListenerModel has one row per listening socket (EngineSnapshot::listeners): its address, network,
/// owning loop and reuseport, the kernel's accept queue now (depth and backlog, and how full it is),
/// the connections accepted (and their rate) and refused at Options::maxConnections, and whether it
/// accepts, backs off after an accept error (which, and for how long) or waits at the connection
/// limit. A queue figure the kernel does not give is -1 (shown as "n/a").
class QGNET_QT_EXPORT ListenerModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(int waiting READ waiting NOTIFY summaryChanged)
    Q_PROPERTY(int notAccepting READ notAccepting NOTIFY summaryChanged)
public:
    enum Column {
        Address,
        Network,
        Loop,
        ReusePort,
        QueueDepth,
        Backlog,
        QueueFill,
        Accepted,
        AcceptRate,
        Refused,
        State,
        BackoffError,
        Backoff,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ListenerModel(QObject* parent = nullptr);

    /// waiting is the connections waiting in all accept queues now; notAccepting the listeners
    /// backing off or at the connection limit.
    int waiting() const { return waiting_; }
    int notAccepting() const { return notAccepting_; }

    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void summaryChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    struct Row {
        ListenerStats stats;
        double acceptRate = 0;
    };
    std::vector<Row> rows_;
    SnapshotPtr previous_;
    int waiting_ = 0;
    int notAccepting_ = 0;
};

} // namespace qgnet
