// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <deque>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet {

/// EventModel is the connection event log (opened, closed with reason, errors): newest last, at most
/// capacity rows, and `dropped`, the events the engine's bounded logs lost before they were read.
class QGNET_QT_EXPORT EventModel : public SnapshotModel {
    Q_OBJECT
    Q_PROPERTY(int capacity READ capacity WRITE setCapacity NOTIFY capacityChanged)
    Q_PROPERTY(qint64 dropped READ dropped NOTIFY droppedChanged)
public:
    enum Column { Sequence, Time, Kind, Loop, Connection, Peer, Reason, ColumnCount };
    Q_ENUM(Column)

    explicit EventModel(QObject* parent = nullptr);
    /// capacity is the most rows kept (the oldest leave first); at least 1.
    int capacity() const;
    void setCapacity(int rows);
    /// dropped is how many entries the engine's bounded log lost before the feed could read them.
    qint64 dropped() const;
    void clear() override;

public Q_SLOTS:
    void applySnapshot(const qgnet::SnapshotPtr& snapshot) override;

Q_SIGNALS:
    void capacityChanged();
    void droppedChanged();

protected:
    int rows() const override;
    QStringList keys() const override;
    QString title(int column) const override;
    QVariant value(int row, int column) const override;
    QString display(int row, int column) const override;

private:
    std::deque<EngineEvent> rows_;
    qint64 dropped_ = 0;
    int capacity_ = 5000;
};

} // namespace qgnet
