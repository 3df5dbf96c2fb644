// SPDX-License-Identifier: Apache-2.0
#include "listener_view.h"

#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "bar_delegate.h"
#include "loop_swatch_delegate.h"
#include "qgnet/qt/listener_model.h"
#include "qgnet/qt/stats_feed.h"

namespace qgnet::inspector {

namespace {

// StateColours paints the State column of a listener that does not accept in the warning colour.
class StateColours : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::ForegroundRole
            && (index.column() == ListenerModel::State || index.column() == ListenerModel::BackoffError)) {
            const QString state = QSortFilterProxyModel::data(index.siblingAtColumn(ListenerModel::State),
                SnapshotModel::SortRole)
                                      .toString();
            if (state != QLatin1String("accepting"))
                return QColor(0xb0, 0x3a, 0x2e);
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

} // namespace

ListenerView::ListenerView(QWidget* parent)
    : QWidget(parent)
    , model_(new ListenerModel(this))
    , sorter_(new StateColours(this))
    , summary_(new QLabel(this))
    , table_(new QTableView(this))
{
    setObjectName(QStringLiteral("listenerView"));
    sorter_->setSourceModel(model_);
    sorter_->setSortRole(SnapshotModel::SortRole);
    sorter_->setDynamicSortFilter(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    summary_->setObjectName(QStringLiteral("listenerSummary"));
    layout->addWidget(summary_);
    table_->setObjectName(QStringLiteral("listenerTable"));
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
    auto* fill = new BarDelegate(this);
    fill->setFullScale(100.0);
    fill->setWarnAt(0.75);
    table_->setItemDelegateForColumn(ListenerModel::QueueFill, fill);
    table_->sortByColumn(ListenerModel::Address, Qt::AscendingOrder);
    layout->addWidget(table_, 1);
    connect(model_, &ListenerModel::summaryChanged, this, &ListenerView::refresh);
    refresh();
}

void ListenerView::setFeed(StatsFeed* feed)
{
    model_->setFeed(nullptr);
    model_->clear();
    sized_ = false;
    model_->setFeed(feed);
}

void ListenerView::refresh()
{
    QString text = tr("%n connection(s) waiting to be accepted", nullptr, model_->waiting());
    if (model_->notAccepting() > 0)
        text += tr("; %n listener(s) not accepting now", nullptr, model_->notAccepting());
    summary_->setText(text);
    summary_->setStyleSheet(
        model_->notAccepting() > 0 ? QStringLiteral("QLabel { color: #b03a2e; font-weight: 600; }") : QString());
    // The state's text changes length (accepting, at connection limit): its columns follow it.
    table_->resizeColumnToContents(ListenerModel::State);
    table_->resizeColumnToContents(ListenerModel::BackoffError);
    if (!sized_ && model_->rowCount() > 0) {
        sized_ = true;
        table_->resizeColumnsToContents();
        table_->setColumnWidth(ListenerModel::QueueFill, std::max(table_->columnWidth(ListenerModel::QueueFill), 110));
    }
}

} // namespace qgnet::inspector
