// SPDX-License-Identifier: Apache-2.0
#include "buffer_view.h"

#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "bar_delegate.h"
#include "loop_palette.h"
#include "loop_swatch_delegate.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/loop_model.h"
#include "units.h"

namespace qgnet::inspector {

namespace {

/// BufferColumns keeps the buffer-related columns of a ConnectionModel.
class BufferColumns : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsColumn(int column, const QModelIndex&) const override
    {
        switch (column) {
        case ConnectionModel::Id:
        case ConnectionModel::Loop:
        case ConnectionModel::Peer:
        case ConnectionModel::Inbound:
        case ConnectionModel::OutboundRing:
        case ConnectionModel::OutboundSpilled:
        case ConnectionModel::OutboundFill:
        case ConnectionModel::HighWaterHits: return true;
        default: return false;
        }
    }
};

} // namespace

LoopBufferBars::LoopBufferBars(QWidget* parent) : QWidget(parent) {}

void LoopBufferBars::setModel(LoopModel* model)
{
    if (model_)
        disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_) {
        connect(model_, &LoopModel::historyChanged, this, qOverload<>(&QWidget::update));
        // The height follows the number of loops.
        connect(model_, &QAbstractItemModel::rowsInserted, this, &QWidget::updateGeometry);
        connect(model_, &QAbstractItemModel::rowsRemoved, this, &QWidget::updateGeometry);
    }
    update();
}

QSize LoopBufferBars::minimumSizeHint() const { return sizeHint(); }

QSize LoopBufferBars::sizeHint() const
{
    const int loops = model_ ? model_->rowCount() : 4;
    return {480, fontMetrics().height() + 20 + std::max(loops, 1) * (fontMetrics().height() + 8)};
}

void LoopBufferBars::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    p.setPen(pal.mid().color());
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    const QFontMetrics fm = p.fontMetrics();
    const int lineH = fm.height();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.text().color());
    p.drawText(QRect(8, 4, width() - 16, lineH + 2), Qt::AlignVCenter, tr("Bytes held in buffers per loop"));
    p.setFont(font());

    // Legend: inbound solid, outbound hatched.
    const QString inLabel = tr("inbound");
    const QString outLabel = tr("outbound");
    int x = width() - 8 - fm.horizontalAdvance(outLabel);
    p.drawText(QRect(x, 4, fm.horizontalAdvance(outLabel), lineH + 2), Qt::AlignVCenter, outLabel);
    x -= 16;
    p.fillRect(QRect(x, 8, 12, 8), QBrush(pal.text().color(), Qt::BDiagPattern));
    x -= 12 + fm.horizontalAdvance(inLabel);
    p.drawText(QRect(x, 4, fm.horizontalAdvance(inLabel), lineH + 2), Qt::AlignVCenter, inLabel);
    p.fillRect(QRect(x - 16, 8, 12, 8), pal.text().color());

    const int loops = model_ ? model_->rowCount() : 0;
    double top = 4096; // a full bar is at least 4 KiB, so a few bytes do not look alarming
    for (int r = 0; r < loops; ++r) {
        top = std::max(top, model_->index(r, LoopModel::BufferedIn).data(SnapshotModel::SortRole).toDouble());
        top = std::max(top, model_->index(r, LoopModel::BufferedOut).data(SnapshotModel::SortRole).toDouble());
    }
    const int labelW = fm.horizontalAdvance(tr("Loop %1").arg(std::max(loops - 1, 0))) + 24;
    const int valueW = fm.horizontalAdvance(QStringLiteral("9999.9 KiB")) + 8;
    const int rowH = lineH + 8;
    const int barMax = std::max(10, (width() - 16 - labelW - 2 * valueW) / 2);
    for (int r = 0; r < loops; ++r) {
        const int y = lineH + 12 + r * rowH;
        p.fillRect(QRect(8, y + rowH / 2 - 5, 10, 10), loopColor(r));
        p.setPen(pal.text().color());
        p.drawText(QRect(24, y, labelW, rowH), Qt::AlignVCenter, tr("Loop %1").arg(r));
        const double in = model_->index(r, LoopModel::BufferedIn).data(SnapshotModel::SortRole).toDouble();
        const double out = model_->index(r, LoopModel::BufferedOut).data(SnapshotModel::SortRole).toDouble();
        int bx = 8 + labelW;
        for (int k = 0; k < 2; ++k) {
            const double v = k == 0 ? in : out;
            const int w = static_cast<int>(barMax * v / top);
            p.fillRect(QRect(bx, y + 4, barMax, rowH - 8), QColor(0, 0, 0, 14));
            p.fillRect(QRect(bx, y + 4, w, rowH - 8),
                k == 0 ? QBrush(loopColor(r)) : QBrush(loopColor(r), Qt::BDiagPattern));
            p.setPen(pal.text().color());
            p.drawText(QRect(bx + barMax + 4, y, valueW, rowH), Qt::AlignVCenter, formatValue(v, ValueKind::Bytes));
            bx += barMax + valueW;
        }
    }
}

BufferView::BufferView(QWidget* parent)
    : QWidget(parent)
    , bars_(new LoopBufferBars(this))
    , table_(new QTableView(this))
    , proxy_(new BufferColumns(this))
    , bytesBar_(new BarDelegate(this))
    , fillBar_(new BarDelegate(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(bars_);
    auto* caption = new QLabel(tr("Connections by outbound fill (percent of the high-water mark)"), this);
    layout->addWidget(caption);
    layout->addWidget(table_, 1);
    proxy_->setSortRole(SnapshotModel::SortRole);
    proxy_->setDynamicSortFilter(true);
    table_->setModel(proxy_);
    table_->setObjectName(QStringLiteral("bufferTable"));
    table_->setSortingEnabled(true);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->horizontalHeader()->setStretchLastSection(true);
    bytesBar_->setAutoScale(4096);
    fillBar_->setFullScale(100.0);
    fillBar_->setWarnAt(0.75);
}

void BufferView::setModels(LoopModel* loops, ConnectionModel* connections)
{
    bars_->setModel(loops);
    proxy_->setSourceModel(connections);
    // Proxy columns: Id, Loop, Peer, Inbound, OutboundRing, OutboundSpilled, OutboundFill, HighWaterHits.
    table_->setItemDelegateForColumn(1, new LoopSwatchDelegate(table_));
    for (int c : {3, 4, 5})
        table_->setItemDelegateForColumn(c, bytesBar_);
    table_->setItemDelegateForColumn(6, fillBar_);
    table_->sortByColumn(6, Qt::DescendingOrder);
}

void BufferView::refresh()
{
    for (int c : {3, 4, 5})
        bytesBar_->updateScale(proxy_, c);
    if (!sized_ && proxy_->rowCount() > 0) {
        sized_ = true;
        table_->resizeColumnsToContents();
        for (int c : {3, 4, 5, 6})
            table_->setColumnWidth(c, std::max(table_->columnWidth(c), 130));
    }
    table_->viewport()->update();
}

} // namespace qgnet::inspector
