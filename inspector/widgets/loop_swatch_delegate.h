// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStyledItemDelegate>

namespace qgnet::inspector {

/// LoopSwatchDelegate shows a loop index with the loop's colour swatch in front of it, so tables
/// and charts read together.
class LoopSwatchDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace qgnet::inspector
