// SPDX-License-Identifier: Apache-2.0
#include "http_routes_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "qgnet/qt/qt_http_server.h"

namespace qgnet::demo {

HttpRoutesView::HttpRoutesView(QtHttpServer* server, QWidget* parent)
    : QGroupBox(tr("Status page requests"), parent)
    , server_(server)
    , table_(new QTableWidget(0, 4, this))
    , sessions_(new QLabel(this))
    , timer_(new QTimer(this))
{
    setObjectName(QStringLiteral("httpRoutesView"));
    table_->setObjectName(QStringLiteral("httpRoutesTable"));
    table_->setHorizontalHeaderLabels({tr("Method"), tr("Route"), tr("Runs on"), tr("Requests")});
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    sessions_->setObjectName(QStringLiteral("webSocketSessionsLabel"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addWidget(sessions_);
    connect(timer_, &QTimer::timeout, this, &HttpRoutesView::refresh);
    timer_->start(500);
    refresh();
}

void HttpRoutesView::refresh()
{
    const QList<QtHttpServer::RouteCount> routes = server_->routeCounts();
    table_->setRowCount(static_cast<int>(routes.size()));
    for (int row = 0; row < routes.size(); ++row) {
        const QtHttpServer::RouteCount& r = routes[row];
        const QStringList cells{QString::fromLatin1(r.method), QString::fromUtf8(r.pattern),
            r.onThread ? tr("GUI thread") : tr("loop threads"), QLocale().toString(r.requests)};
        for (int column = 0; column < cells.size(); ++column) {
            QTableWidgetItem* item = table_->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                if (column == 3)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                table_->setItem(row, column, item);
            }
            item->setText(cells[column]);
        }
    }
    sessions_->setText(tr("WebSocket sessions: %1").arg(QLocale().toString(server_->webSocketSessions())));
}

} // namespace qgnet::demo
