// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSortFilterProxyModel>
#include <QVariant>

#include "qgnet/qt/filter_expression.h"

namespace qgnet::inspector {

/// ConnectionFilter sorts and filters a ConnectionModel: by loop, protocol and state (raw values,
/// as SnapshotModel::SortRole gives them, so a translated display does not matter) and by a peer
/// substring, and by a filter expression (qgnet::FilterExpression, over each row's ConnectionStats).
/// Sorting uses SortRole, so numbers sort as numbers. An unset filter lets every row pass.
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
    /// setExpression: only rows that expression matches; a blank one for all. The source model must
    /// be a ConnectionModel for it to apply (the expression reads the rows' ConnectionStats).
    void setExpression(const FilterExpression& expression);
    const FilterExpression& expression() const { return expression_; }

    int loop() const { return loop_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int loop_ = -1;
    QVariant protocol_;
    QVariant state_;
    QString peer_;
    FilterExpression expression_;
};

} // namespace qgnet::inspector
