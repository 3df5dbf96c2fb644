// SPDX-License-Identifier: Apache-2.0
#include "bar_delegate.h"

#include <algorithm>

#include <QAbstractItemModel>
#include <QApplication>
#include <QPainter>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet::inspector {

BarDelegate::BarDelegate(QObject* parent) : QStyledItemDelegate(parent), color_(0x4e, 0x79, 0xa7) {}

void BarDelegate::setFullScale(double fullScale)
{
    fullScale_ = fullScale > 0 ? fullScale : 1.0;
    autoScale_ = false;
}

void BarDelegate::setAutoScale(double minimumScale)
{
    minimumScale_ = minimumScale;
    autoScale_ = true;
}

void BarDelegate::setWarnAt(double fraction) { warnAt_ = fraction; }

void BarDelegate::setColor(const QColor& color) { color_ = color; }

void BarDelegate::updateScale(const QAbstractItemModel* model, int column)
{
    if (!autoScale_ || !model)
        return;
    double top = 0;
    const int rows = model->rowCount();
    for (int r = 0; r < rows; ++r)
        top = std::max(top, model->index(r, column).data(SnapshotModel::SortRole).toDouble());
    columnMax_[column] = top;
}

double BarDelegate::scaleFor(int column) const
{
    if (!autoScale_)
        return fullScale_;
    return std::max({columnMax_.value(column, 0.0), minimumScale_, 1.0});
}

void BarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Background and selection as the style draws them, then the bar, then the text on top.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const double value = index.data(SnapshotModel::SortRole).toDouble();
    const double fraction = std::clamp(value / scaleFor(index.column()), 0.0, 1.0);
    const QRect area = option.rect.adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 18));
    painter->drawRect(area);
    if (fraction > 0) {
        QRect bar = area;
        bar.setWidth(std::max(1, static_cast<int>(area.width() * fraction)));
        QColor c = fraction >= warnAt_ ? QColor(0xe1, 0x57, 0x59) : color_;
        c.setAlpha(170);
        painter->setBrush(c);
        painter->drawRect(bar);
    }
    painter->setPen(option.state & QStyle::State_Selected ? option.palette.highlightedText().color()
                                                          : option.palette.text().color());
    painter->drawText(area.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight, text);
    painter->restore();
}

} // namespace qgnet::inspector
