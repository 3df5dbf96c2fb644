// SPDX-License-Identifier: Apache-2.0
#include "demo_window.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "demo_load.h"
#include "demo_server.h"
#include "http_routes_view.h"
#include "inspector_panel.h"

namespace qgnet::demo {

DemoWindow::DemoWindow(DemoServer* server, inspector::DemoLoad* load, QWidget* parent)
    : QMainWindow(parent)
    , server_(server)
    , load_(load)
    , panel_(new inspector::InspectorPanel)
    , dock_(new QDockWidget(tr("Inspector"), this))
{
    setWindowTitle(tr("qgnet demo"));

    // Centre: the server and the load.
    auto* centre = new QWidget(this);
    auto* column = new QVBoxLayout(centre);
    auto* serverBox = new QGroupBox(tr("Embedded server"), centre);
    auto* serverForm = new QFormLayout(serverBox);
    echoLabel_ = new QLabel(serverBox);
    httpLabel_ = new QLabel(serverBox);
    httpLabel_->setOpenExternalLinks(true);
    endpointLabel_ = new QLabel(serverBox);
    connectionsLabel_ = new QLabel(serverBox);
    connectionsLabel_->setObjectName(QStringLiteral("connectionsLabel"));
    for (QLabel* l : {echoLabel_, httpLabel_, endpointLabel_})
        l->setTextInteractionFlags(Qt::TextBrowserInteraction);
    serverForm->addRow(tr("Echo:"), echoLabel_);
    serverForm->addRow(tr("Status page:"), httpLabel_);
    serverForm->addRow(tr("Inspector endpoint:"), endpointLabel_);
    serverForm->addRow(tr("Open connections:"), connectionsLabel_);
    column->addWidget(serverBox);
    routesView_ = new HttpRoutesView(server_->http(), centre);
    column->addWidget(routesView_);

    auto* loadBox = new QGroupBox(tr("Built-in load"), centre);
    auto* loadForm = new QFormLayout(loadBox);
    loadBox_ = new QCheckBox(tr("Run the load generator"), loadBox);
    loadBox_->setObjectName(QStringLiteral("loadCheck"));
    loadSpin_ = new QSpinBox(loadBox);
    loadSpin_->setObjectName(QStringLiteral("loadConnections"));
    loadSpin_->setRange(1, 2000);
    loadSpin_->setValue(16);
    loadLabel_ = new QLabel(loadBox);
    loadForm->addRow(loadBox_);
    loadForm->addRow(tr("Connections:"), loadSpin_);
    loadForm->addRow(tr("Echoed:"), loadLabel_);
    column->addWidget(loadBox);
    messageLabel_ = new QLabel(centre);
    messageLabel_->setWordWrap(true);
    messageLabel_->setObjectName(QStringLiteral("messageLabel"));
    column->addWidget(messageLabel_);
    column->addStretch(1);
    setCentralWidget(centre);
    connect(loadBox_, &QCheckBox::toggled, this, &DemoWindow::applyLoad);
    connect(loadSpin_, &QSpinBox::editingFinished, this, &DemoWindow::applyLoad);
    connect(load_, &inspector::DemoLoad::errorOccurred, this, &DemoWindow::showMessage);

    // The inspector's views, docked.
    dock_->setObjectName(QStringLiteral("inspectorDock"));
    dock_->setWidget(panel_);
    dock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, dock_);
    panel_->setFeed(server_->feed());

    auto* toolbar = addToolBar(tr("Demo"));
    toolbar->setObjectName(QStringLiteral("demoToolbar"));
    toolbar->setMovable(false);
    pauseAction_ = toolbar->addAction(tr("Pause"));
    pauseAction_->setObjectName(QStringLiteral("pauseAction"));
    pauseAction_->setCheckable(true);
    connect(pauseAction_, &QAction::toggled, this, [this](bool paused) {
        server_->feed()->setPaused(paused);
        pauseAction_->setText(paused ? tr("Resume") : tr("Pause"));
    });
    auto* csv = toolbar->addAction(tr("Export CSV…"));
    connect(csv, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QStringLiteral("qgnet-table.csv"),
            tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !panel_->exportCsv(path, &error))
            showMessage(error);
    });
    auto* json = toolbar->addAction(tr("Export JSON…"));
    connect(json, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export JSON"),
            QStringLiteral("qgnet-snapshot.json"), tr("JSON files (*.json)"));
        QString error;
        if (!path.isEmpty() && !panel_->exportJson(path, &error))
            showMessage(error);
    });

    connect(server_->server(), &QtServer::connectionCountChanged, this, &DemoWindow::updateServerInfo);
    connect(panel_, &inspector::InspectorPanel::snapshotApplied, this, &DemoWindow::updateServerInfo);
    if (InspectorEndpoint* endpoint = server_->endpoint()) {
        // At the descriptor limit the endpoint stops accepting and retries: say so, and when it is over.
        connect(endpoint, &InspectorEndpoint::acceptErrorChanged, this, [this, endpoint] {
            updateServerInfo();
            showMessage(endpoint->acceptError().isEmpty()
                    ? tr("The inspector endpoint accepts inspectors again")
                    : tr("The inspector endpoint cannot accept inspectors: %1 (retrying)")
                          .arg(endpoint->acceptError()));
        });
    }
    updateServerInfo();
    resize(1360, 760);
    resizeDocks({dock_}, {1000}, Qt::Horizontal);
}

void DemoWindow::setLoadConnections(int connections)
{
    const QSignalBlocker block(loadBox_);
    if (connections > 0)
        loadSpin_->setValue(connections);
    loadBox_->setChecked(connections > 0);
    applyLoad();
}

void DemoWindow::applyLoad()
{
    if (loadBox_->isChecked()) {
        if (!load_->start(server_->echoUrl(), loadSpin_->value()))
            showMessage(tr("The load generator could not start"));
        else
            load_->setChurn(500);
    } else {
        load_->stop();
    }
    updateServerInfo();
}

void DemoWindow::showMessage(const QString& message)
{
    messageLabel_->setText(message);
    statusBar()->showMessage(message, 10000);
}

void DemoWindow::updateServerInfo()
{
    echoLabel_->setText(server_->echoUrl());
    const QString http = server_->httpUrl();
    QString link = http;
    link.replace(QStringLiteral("tcp://"), QStringLiteral("http://"));
    httpLabel_->setText(QStringLiteral("<a href=\"%1/\">%1/</a>").arg(link.toHtmlEscaped()));
    const InspectorEndpoint* endpoint = server_->endpoint();
    QString endpointText = endpoint && endpoint->isListening()
        ? tr("%1 (%n inspector(s) attached)", nullptr, endpoint->clientCount()).arg(endpoint->address())
        : tr("off (start with --inspect ADDRESS --token-file FILE)");
    if (endpoint && !endpoint->acceptError().isEmpty())
        endpointText += QLatin1Char(' ') + tr("not accepting: %1; retrying").arg(endpoint->acceptError());
    endpointLabel_->setText(endpointText);
    connectionsLabel_->setText(QLocale().toString(server_->server()->connectionCount()));
    loadLabel_->setText(load_->isRunning()
            ? tr("%1 over %n connection(s)", nullptr, load_->openConnections())
                  .arg(QLocale().formattedDataSize(load_->echoedBytes(), 1, QLocale::DataSizeIecFormat))
            : tr("stopped"));
}

} // namespace qgnet::demo
