// SPDX-License-Identifier: Apache-2.0
#include "stall_count_delegate.h"

#include <QColor>
#include <QFont>

#include "qgnet/qt/loop_model.h"

namespace qgnet::inspector {

StallCountDelegate::StallCountDelegate(LoopModel* loops, QObject* parent) : QStyledItemDelegate(parent), loops_(loops)
{
}

void StallCountDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!loops_)
        return;
    const int loop = index.siblingAtColumn(LoopModel::Index).data(SnapshotModel::SortRole).toInt();
    if (!loops_->stallsGrew(loop))
        return;
    option->palette.setColor(QPalette::Text, QColor(0xd3, 0x2f, 0x2f));
    option->palette.setColor(QPalette::HighlightedText, QColor(0xff, 0xcd, 0xd2));
    option->font.setBold(true);
}

} // namespace qgnet::inspector
