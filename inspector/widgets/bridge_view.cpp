// SPDX-License-Identifier: Apache-2.0
#include "bridge_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include "qgnet/qt/bridge_health_model.h"

namespace qgnet::inspector {

namespace {

// A lag past this is worth a colour: a tenth of a second is what a user starts to notice.
constexpr qint64 LagWarnNs = 100'000'000;

} // namespace

BridgeView::BridgeView(QWidget* parent) : QWidget(parent), summary_(new QLabel(this)), table_(new QTableView(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    summary_->setObjectName(QStringLiteral("bridgeSummary"));
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    table_->setObjectName(QStringLiteral("bridgeTable"));
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    // Numbers right-aligned in a column of their own width, next to their names, not across the window.
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(table_, 1);
}

void BridgeView::setModel(BridgeHealthModel* model)
{
    if (model_)
        disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    table_->setModel(model);
    if (model) {
        connect(model, &BridgeHealthModel::healthChanged, this, &BridgeView::refresh);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
            table_->resizeColumnToContents(BridgeHealthModel::Measure);
            table_->setColumnWidth(BridgeHealthModel::Measure, table_->columnWidth(BridgeHealthModel::Measure) + 24);
            table_->setColumnWidth(BridgeHealthModel::Value, 160);
        });
    }
    refresh();
}

void BridgeView::refresh()
{
    if (!model_ || model_->rowCount() == 0) {
        summary_->setText(tr("No bridge figures yet: they come with the first snapshot of a Qt server."));
        summary_->setStyleSheet({});
        return;
    }
    summary_->setText(model_->summary());
    const bool bad = model_->droppedDatagrams() > 0 || model_->lagNs() > LagWarnNs;
    summary_->setStyleSheet(bad ? QStringLiteral("QLabel { color: #b03a2e; }") : QString());
}

} // namespace qgnet::inspector
