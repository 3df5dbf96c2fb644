// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStyledItemDelegate>

namespace qgnet::inspector {

/// HeatStripDelegate paints a cell whose raw value (SnapshotModel::SortRole) is a list of counts,
/// oldest first, as a strip of small squares, newest at the right: empty for 0, then from pale to
/// the warning red as the count nears the peak (one scale for every row, so a storm in one row stands
/// out against the others). It is how the Errors tab shows each kind over the last minutes.
class HeatStripDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit HeatStripDelegate(QObject* parent = nullptr);

    /// setPeak is the count drawn full red (the model's peakBucket; at least 1).
    void setPeak(double peak);
    /// setCells is how many squares the strip has room for (the model's historyLength).
    void setCells(int cells);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    double peak_ = 1.0;
    int cells_ = 120;
};

} // namespace qgnet::inspector
