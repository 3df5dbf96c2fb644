// SPDX-License-Identifier: Apache-2.0
#include "stall_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include "qgnet/qt/stall_model.h"

namespace qgnet::inspector {

namespace {

// StallRowDelegate paints a row over the threshold red: a light red at once, deeper up to four
// times the threshold, so the worst stalls are found by eye.
class StallRowDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const double factor = index.siblingAtColumn(StallModel::Factor).data(SnapshotModel::SortRole).toDouble();
        if (factor <= 1.0)
            return;
        const double depth = std::min(1.0, (factor - 1.0) / 3.0);
        option->backgroundBrush = QColor(0xff, static_cast<int>(0xcd - 0x50 * depth),
            static_cast<int>(0xd2 - 0x50 * depth));
        option->palette.setColor(QPalette::Text, QColor(0x8e, 0x0e, 0x0e));
    }
};

} // namespace

StallView::StallView(QWidget* parent)
    : QWidget(parent)
    , model_(new StallModel(this))
    , sorter_(new QSortFilterProxyModel(this))
    , table_(new QTableView(this))
    , summary_(new QLabel(this))
{
    setObjectName(QStringLiteral("stallView"));
    sorter_->setSourceModel(model_);
    sorter_->setSortRole(SnapshotModel::SortRole);
    sorter_->setDynamicSortFilter(true);
    summary_->setObjectName(QStringLiteral("stallSummary"));
    table_->setObjectName(QStringLiteral("stallTable"));
    table_->setModel(sorter_);
    table_->setItemDelegate(new StallRowDelegate(table_));
    table_->setSortingEnabled(true);
    table_->sortByColumn(StallModel::Sequence, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);
    connect(model_, &StallModel::thresholdChanged, this, &StallView::updateSummary);
    connect(model_, &StallModel::droppedChanged, this, &StallView::updateSummary);
    connect(model_, &StallModel::rowsInserted, this, [this] {
        updateSummary();
        if (!sized_) {
            sized_ = true;
            table_->resizeColumnsToContents();
            for (int c = 0; c < model_->columnCount(); ++c)
                table_->setColumnWidth(c, std::clamp(table_->columnWidth(c) + 12, 48, 260));
        }
    });
    updateSummary();
}

void StallView::setFeed(StatsFeed* feed)
{
    model_->setFeed(nullptr);
    model_->clear();
    model_->setFeed(feed);
    updateSummary();
}

void StallView::updateSummary()
{
    const QString threshold = model_->thresholdMs() > 0
        ? tr("Iterations longer than %1 ms (Options::stallThreshold), with the callback that ran longest.")
              .arg(QLocale().toString(model_->thresholdMs(), 'f', 0))
        : tr("Iterations longer than the engine's stall threshold, with the callback that ran longest.");
    QString text = threshold + QLatin1Char(' ') + tr("%n stall(s) shown.", nullptr, model_->rowCount());
    if (model_->dropped() > 0)
        text += QLatin1Char(' ') + tr("%n lost before they were read.", nullptr, static_cast<int>(model_->dropped()));
    summary_->setText(text);
}

} // namespace qgnet::inspector
