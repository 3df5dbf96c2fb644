// SPDX-License-Identifier: Apache-2.0
#include "loop_swatch_delegate.h"

#include <QPainter>
#include <QPixmap>

#include "loop_palette.h"
#include "qgnet/qt/snapshot_model.h"

namespace qgnet::inspector {

void LoopSwatchDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    bool ok = false;
    const int loop = index.data(SnapshotModel::SortRole).toInt(&ok);
    if (!ok)
        return;
    QPixmap swatch(10, 10);
    swatch.fill(loopColor(loop));
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = QIcon(swatch);
    option->decorationSize = QSize(10, 10);
}

} // namespace qgnet::inspector
