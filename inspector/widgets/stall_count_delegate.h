// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QStyledItemDelegate>

namespace qgnet {
class LoopModel;
}

namespace qgnet::inspector {

/// StallCountDelegate draws the Loops table's stall count in red and bold while it grows
/// (LoopModel::stallsGrew), so a loop that stalls now stands out from one that stalled an hour ago.
/// The table may be sorted: the loop is read from the row's Index column.
class StallCountDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    StallCountDelegate(LoopModel* loops, QObject* parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    QPointer<LoopModel> loops_;
};

} // namespace qgnet::inspector
