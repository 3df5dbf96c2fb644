// SPDX-License-Identifier: Apache-2.0
#include "error_view.h"

#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "heat_strip_delegate.h"
#include "qgnet/qt/error_model.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet::inspector {

ErrorView::ErrorView(QWidget* parent)
    : QWidget(parent)
    , model_(new ErrorModel(this))
    , sorter_(new QSortFilterProxyModel(this))
    , summary_(new QLabel(this))
    , table_(new QTableView(this))
    , strip_(new HeatStripDelegate(this))
{
    setObjectName(QStringLiteral("errorView"));
    sorter_->setSourceModel(model_);
    sorter_->setSortRole(SnapshotModel::SortRole);
    sorter_->setDynamicSortFilter(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    summary_->setObjectName(QStringLiteral("errorSummary"));
    layout->addWidget(summary_);
    table_->setObjectName(QStringLiteral("errorTable"));
    table_->setModel(sorter_);
    table_->setSortingEnabled(true);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table_->horizontalHeader()->setHighlightSections(false);
    table_->setItemDelegateForColumn(ErrorModel::History, strip_);
    table_->sortByColumn(ErrorModel::Total, Qt::DescendingOrder);
    layout->addWidget(table_, 1);
    connect(model_, &ErrorModel::historyChanged, this, &ErrorView::refresh);
    refresh();
}

void ErrorView::setFeed(StatsFeed* feed)
{
    model_->setFeed(nullptr);
    model_->clear();
    sized_ = false;
    model_->setFeed(feed);
}

void ErrorView::refresh()
{
    strip_->setPeak(model_->peakBucket());
    strip_->setCells(model_->historyLength());
    const QLocale locale;
    const int minutes = model_->historyLength() * model_->bucketSeconds() / 60;
    QString text = model_->rowCount() == 0
        ? tr("No errors counted")
        : tr("%1 errors of %n kind(s); %2 per second now; each strip shows the last %3 min", nullptr,
            model_->rowCount())
              .arg(locale.toString(model_->total(), 'f', 0), locale.toString(model_->rate(), 'f', 1))
              .arg(std::max(minutes, 1));
    if (model_->unlisted() > 0)
        text += tr("; %1 more not counted by kind").arg(locale.toString(model_->unlisted(), 'f', 0));
    summary_->setText(text);
    // A storm now (errors in the last full bucket) turns the line the warning colour.
    summary_->setStyleSheet(
        model_->rate() > 0 ? QStringLiteral("QLabel { color: #b03a2e; font-weight: 600; }") : QString());
    table_->viewport()->update();
    if (!sized_ && model_->rowCount() > 0) {
        sized_ = true;
        table_->resizeColumnsToContents();
        table_->setColumnWidth(ErrorModel::History, std::max(table_->columnWidth(ErrorModel::History), 300));
    }
}

} // namespace qgnet::inspector
