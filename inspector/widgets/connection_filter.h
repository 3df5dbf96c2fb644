// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSortFilterProxyModel>
#include <QVariant>

namespace qgnet::inspector {

/// ConnectionFilter sorts and filters a ConnectionModel: by loop, protocol and state (raw values,
/// as SnapshotModel::SortRole gives them, so a translated display does not matter) and by a peer
/// substring. Sorting uses SortRole, so numbers sort as numbers. An unset filter lets every row pass.
class ConnectionFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ConnectionFilter(QObject* parent = nullptr);

    /// setLoop: only connections of loop `loop`; -1 for all.
    void setLoop(int loop);
    /// setProtocol / setState: only rows whose raw value equals `value`; an invalid QVariant for all.
    void setProtocol(const QVariant& value);
    void setState(const QVariant& value);
    /// setPeerText: only rows whose peer contains text (case-insensitive); empty for all.
    void setPeerText(const QString& text);

    int loop() const { return loop_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int loop_ = -1;
    QVariant protocol_;
    QVariant state_;
    QString peer_;
};

} // namespace qgnet::inspector
