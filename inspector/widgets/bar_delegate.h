// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QStyledItemDelegate>

class QAbstractItemModel;

namespace qgnet::inspector {

/// BarDelegate paints a cell as a horizontal bar behind its text: buffer occupancy, busy %, fill.
/// The bar's length is the cell's raw value (SnapshotModel::SortRole) divided by a scale: either a
/// fixed full scale (fractions: 1.0, percentages: 100) or, with autoScale, the largest value of the
/// column (at least minimumScale, so a column of tiny values does not show full bars). A bar past
/// `warnAt` of its scale turns red.
class BarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit BarDelegate(QObject* parent = nullptr);

    /// setFullScale: value/fullScale is the bar length (autoScale off).
    void setFullScale(double fullScale);
    /// setAutoScale: the largest value in the column (at least minimumScale) is a full bar.
    void setAutoScale(double minimumScale);
    /// setWarnAt: fraction of the scale from which the bar is drawn in the warning colour.
    void setWarnAt(double fraction);
    /// setColor: the normal bar colour.
    void setColor(const QColor& color);
    /// updateScale recomputes the auto scale of `column` from the model's rows (call after each
    /// snapshot; cheap: one pass over the column).
    void updateScale(const QAbstractItemModel* model, int column);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    double scaleFor(int column) const;
    double fullScale_ = 1.0;
    double minimumScale_ = 0.0;
    bool autoScale_ = false;
    double warnAt_ = 0.9;
    QColor color_;
    QHash<int, double> columnMax_;
};

} // namespace qgnet::inspector
