// SPDX-License-Identifier: Apache-2.0
#include "http_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

#include "qgnet/qt/http_route_model.h"

namespace qgnet::inspector {

HttpView::HttpView(QWidget* parent)
    : QWidget(parent)
    , model_(new HttpRouteModel(this))
    , table_(new QTableView(this))
    , sessions_(new QLabel(this))
{
    setObjectName(QStringLiteral("httpView"));
    table_->setObjectName(QStringLiteral("httpRouteTable"));
    table_->setModel(model_);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // The route takes the room; the counts stay next to it, right-aligned under their title.
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->horizontalHeader()->setSectionResizeMode(HttpRouteModel::Pattern, QHeaderView::Stretch);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table_->horizontalHeader()->setHighlightSections(false);
    sessions_->setObjectName(QStringLiteral("httpSessionsLabel"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(sessions_);
    layout->addWidget(table_);
    connect(model_, &HttpRouteModel::statsChanged, this, &HttpView::updateLabel);
    updateLabel();
}

void HttpView::setFeed(StatsFeed* feed) { model_->setFeed(feed); }

void HttpView::updateLabel()
{
    if (!model_->isAvailable()) {
        sessions_->setText(tr("This source reports no HTTP server."));
        return;
    }
    sessions_->setText(tr("WebSocket sessions: %1").arg(QLocale().toString(model_->webSocketSessions())));
    table_->resizeColumnsToContents();
}

} // namespace qgnet::inspector
