// SPDX-License-Identifier: Apache-2.0
#include "heat_strip_delegate.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

#include "qgnet/qt/snapshot_model.h"

namespace qgnet::inspector {

namespace {

constexpr int kCell = 4; // pixels per bucket, gap included: 120 buckets in 480 px
constexpr int kGap = 1;

} // namespace

HeatStripDelegate::HeatStripDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void HeatStripDelegate::setPeak(double peak) { peak_ = std::max(peak, 1.0); }

void HeatStripDelegate::setCells(int cells) { cells_ = std::max(cells, 1); }

void HeatStripDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    option.widget->style()->drawControl(QStyle::CE_ItemViewItem, &base, painter, option.widget);

    const QList<double> counts = index.data(SnapshotModel::SortRole).value<QList<double>>();
    const QRect area = option.rect.adjusted(3, 4, -3, -4);
    const int fit = std::min<int>(cells_, area.width() / kCell);
    painter->save();
    painter->setPen(Qt::NoPen);
    // The track: one faint square per bucket the strip can show, so quiet time is visible too.
    for (int i = 0; i < fit; ++i) {
        const int x = area.right() - (i + 1) * kCell + kGap;
        painter->setBrush(QColor(0, 0, 0, 14));
        painter->drawRect(QRect(x, area.top(), kCell - kGap, area.height()));
    }
    const int shown = std::min<int>(fit, static_cast<int>(counts.size()));
    for (int i = 0; i < shown; ++i) {
        const double count = counts.at(counts.size() - 1 - i);
        if (count <= 0)
            continue;
        // Square root: a single error is visible next to a storm of thousands.
        const double heat = std::clamp(std::sqrt(count / peak_), 0.15, 1.0);
        const QColor hot(0xe1, 0x57, 0x59);
        QColor c = hot;
        c.setAlphaF(static_cast<float>(heat));
        painter->setBrush(c);
        const int x = area.right() - (i + 1) * kCell + kGap;
        painter->drawRect(QRect(x, area.top(), kCell - kGap, area.height()));
    }
    painter->restore();
}

QSize HeatStripDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QSize text = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(text.width(), std::min(cells_, 120) * kCell + 6), text.height()};
}

} // namespace qgnet::inspector
