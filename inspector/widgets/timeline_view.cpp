// SPDX-License-Identifier: Apache-2.0
#include "timeline_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include "qgnet/qt/timeline_model.h"
#include "units.h"

namespace qgnet::inspector {

TimelineView::TimelineView(QWidget* parent) : QWidget(parent), model_(new TimelineModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("timelineSummary"));
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("timelineTable"));
    table_->setModel(model_);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table_->horizontalHeader()->setHighlightSections(false);
    table_->setColumnHidden(TimelineModel::Sequence, true);
    table_->setColumnWidth(TimelineModel::Time, fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000__")));
    table_->setColumnWidth(TimelineModel::Kind, fontMetrics().horizontalAdvance(tr("High-water mark reached")) + 24);
    table_->setColumnWidth(TimelineModel::Detail, fontMetrics().horizontalAdvance(QStringLiteral("x")) * 28);
    layout->addWidget(table_, 1);
    model_->setActive(false); // until shown
    connect(model_, &TimelineModel::timelineChanged, this, &TimelineView::updateSummary);
    // New rows at the bottom: keep the newest in sight, as a log viewer does.
    connect(model_, &QAbstractItemModel::rowsInserted, table_, [this] { table_->scrollToBottom(); });
    updateSummary();
}

void TimelineView::setFeed(StatsFeed* feed) { model_->setFeed(feed); }

void TimelineView::setConnection(quint64 id, const QString& peer)
{
    peer_ = peer;
    model_->setConnectionId(id);
    updateSummary();
}

quint64 TimelineView::connectionId() const { return model_->connectionId(); }

void TimelineView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    model_->setActive(true);
}

void TimelineView::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    model_->setActive(false);
}

void TimelineView::updateSummary()
{
    if (model_->connectionId() == 0) {
        summary_->setText(tr("Select a connection in the Connections tab to follow its timeline. "
                             "Only the connection shown here is recorded."));
        return;
    }
    QString text = tr("Connection %1").arg(model_->connectionId());
    if (!peer_.isEmpty())
        text += tr(" with %1").arg(peer_);
    if (model_->loop() >= 0)
        text += tr(" on loop %1").arg(model_->loop());
    text += QStringLiteral(" · ");
    if (model_->rowCount() == 0)
        text += tr("waiting for its timeline…");
    else
        text += (model_->isClosed() ? tr("closed") : tr("open")) + QStringLiteral(" · ")
            + tr("%1 in, %2 out since watching began")
                  .arg(formatValue(static_cast<double>(model_->totalBytesIn()), ValueKind::Bytes),
                      formatValue(static_cast<double>(model_->totalBytesOut()), ValueKind::Bytes));
    if (model_->dropped() > 0)
        text += QStringLiteral(" · ") + tr("%n older entries dropped", nullptr, static_cast<int>(model_->dropped()));
    summary_->setText(text);
}

} // namespace qgnet::inspector
