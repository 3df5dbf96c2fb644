// SPDX-License-Identifier: Apache-2.0
#include "inspector_window.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <optional>

#include "attach_dialog.h"
#include "demo_engine.h"
#include "inspector_panel.h"
#include "qgnet/qt/decision_model.h"
#include "qgnet/qt/event_model.h"
#include "qgnet/qt/recording_feed.h"
#include "qgnet/qt/remote_stats_feed.h"
#include "qgnet/qt/stats_feed.h"
#include "recording_bar.h"

namespace qgnet::inspector {

InspectorWindow::InspectorWindow(QWidget* parent)
    : QMainWindow(parent)
    , panel_(new InspectorPanel)
    , recordingBar_(new RecordingBar)
    , errorBanner_(new QLabel)
    , sourceLabel_(new QLabel)
    , rateLabel_(new QLabel)
    , droppedLabel_(new QLabel)
{
    setWindowTitle(tr("qgnet inspector"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    errorBanner_->setObjectName(QStringLiteral("errorBanner"));
    errorBanner_->setWordWrap(true);
    errorBanner_->setStyleSheet(QStringLiteral(
        "QLabel { background: #fde2e1; color: #8a1c1c; border-bottom: 1px solid #e15759; padding: 6px 10px; }"));
    errorBanner_->hide();
    layout->addWidget(errorBanner_);
    layout->addWidget(recordingBar_);
    layout->addWidget(panel_, 1);
    setCentralWidget(central);

    // File: recordings (recording_bar.h) — the last seconds saved, and a saved file replayed.
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(recordingBar_->openAction());
    fileMenu->addAction(recordingBar_->saveAction());
    connect(recordingBar_, &RecordingBar::openRequested, this, &InspectorWindow::openRecording);
    connect(recordingBar_, &RecordingBar::message, this,
        [this](const QString& text, bool error) { error ? showError(text) : statusBar()->showMessage(text, 5000); });

    auto* toolbar = addToolBar(tr("Inspector"));
    toolbar->setObjectName(QStringLiteral("inspectorToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    pauseAction_ = toolbar->addAction(tr("Pause"));
    pauseAction_->setObjectName(QStringLiteral("pauseAction"));
    pauseAction_->setCheckable(true);
    pauseAction_->setShortcut(Qt::Key_Space);
    pauseAction_->setToolTip(tr("Stop updating the views; the engine keeps counting"));
    connect(pauseAction_, &QAction::toggled, this, &InspectorWindow::setPaused);
    toolbar->addSeparator();
    exportCsvAction_ = toolbar->addAction(tr("Export CSV…"));
    exportCsvAction_->setObjectName(QStringLiteral("exportCsvAction"));
    exportCsvAction_->setToolTip(tr("Save the table of the current tab as CSV"));
    connect(exportCsvAction_, &QAction::triggered, this, [this] { promptExport(false); });
    exportJsonAction_ = toolbar->addAction(tr("Export JSON…"));
    exportJsonAction_->setObjectName(QStringLiteral("exportJsonAction"));
    exportJsonAction_->setToolTip(tr("Save the latest snapshot (loops, connections, logs) as JSON"));
    connect(exportJsonAction_, &QAction::triggered, this, [this] { promptExport(true); });
    toolbar->addSeparator();
    attachAction_ = toolbar->addAction(tr("Attach…"));
    attachAction_->setObjectName(QStringLiteral("attachAction"));
    attachAction_->setToolTip(tr("Inspect another process through its inspector endpoint"));
    connect(attachAction_, &QAction::triggered, this, &InspectorWindow::promptAttach);
    demoAction_ = toolbar->addAction(tr("Start demo engine"));
    demoAction_->setObjectName(QStringLiteral("demoAction"));
    demoAction_->setToolTip(tr("Run an echo engine with a small load in this process and inspect it"));
    connect(demoAction_, &QAction::triggered, this, [this] { startDemoEngine(); });

    sourceLabel_->setObjectName(QStringLiteral("sourceLabel"));
    rateLabel_->setObjectName(QStringLiteral("rateLabel"));
    droppedLabel_->setObjectName(QStringLiteral("droppedLabel"));
    statusBar()->addWidget(sourceLabel_, 1);
    statusBar()->addPermanentWidget(rateLabel_);
    statusBar()->addPermanentWidget(droppedLabel_);
    source_ = tr("No source: attach to a process or start the demo engine");
    clock_.start();
    statusTimer_.setInterval(1000);
    connect(&statusTimer_, &QTimer::timeout, this, &InspectorWindow::updateStatus);
    statusTimer_.start();
    updateStatus();
    resize(1280, 760);
}

InspectorWindow::~InspectorWindow() { stopSource(); }

void InspectorWindow::stopSource()
{
    panel_->setFeed(nullptr);
    feed_.reset();
    demo_.reset();
}

void InspectorWindow::setFeed(std::unique_ptr<StatsFeed> feed, const QString& source)
{
    panel_->setFeed(nullptr);
    feed_ = std::move(feed);
    source_ = source;
    arrivals_.clear();
    if (feed_) {
        feed_->setPaused(pauseAction_->isChecked());
        connect(feed_.get(), &StatsFeed::snapshotReady, this, &InspectorWindow::onSnapshot);
        connect(feed_.get(), &StatsFeed::errorOccurred, this, &InspectorWindow::showError);
        connect(feed_.get(), &StatsFeed::activeChanged, this, [this] {
            if (feed_ && feed_->isActive())
                clearError();
            updateStatus();
        });
        connect(feed_.get(), &StatsFeed::pausedChanged, this, [this] {
            if (feed_)
                pauseAction_->setChecked(feed_->isPaused());
        });
    }
    panel_->setFeed(feed_.get());
    recordingBar_->follow(feed_.get(), source_);
    updateStatus();
}

void InspectorWindow::attachRemote(const QString& address, const QString& token)
{
    clearError();
    setFeed(nullptr, QString()); // the old feed goes before the engine it follows
    demo_.reset();
    lastAddress_ = address;
    auto feed = std::make_unique<RemoteStatsFeed>();
    RemoteStatsFeed* remote = feed.get();
    setFeed(std::move(feed), tr("Process at %1").arg(address));
    remote->attach(address, token);
}

bool InspectorWindow::startDemoEngine(int loops, int connections, int churnMs)
{
    clearError();
    setFeed(nullptr, QString());
    demo_ = std::make_unique<DemoEngine>();
    connect(demo_->load(), &DemoLoad::errorOccurred, this, &InspectorWindow::showError);
    if (!demo_->start(loops, connections, churnMs)) {
        showError(tr("The demo engine could not start: %1").arg(demo_->errorString()));
        demo_.reset();
        source_ = tr("No source: attach to a process or start the demo engine");
        updateStatus();
        return false;
    }
    auto feed = std::make_unique<LocalStatsFeed>();
    feed->setServer(demo_->server());
    const QStringList urls = demo_->server()->boundUrls();
    setFeed(std::move(feed), tr("Demo engine on %1 (%n loop(s))", nullptr, loops).arg(urls.value(0)));
    return true;
}

bool InspectorWindow::openRecording(const QString& path)
{
    QString error;
    std::optional<Recording> recording = readRecordingFile(path, &error);
    if (!recording) {
        showError(error);
        return false;
    }
    clearError();
    setFeed(nullptr, QString());
    demo_.reset();
    auto feed = std::make_unique<RecordingFeed>();
    RecordingFeed* player = feed.get();
    const QString from = recording->source.isEmpty() ? QString() : QStringLiteral(" — ") + recording->source;
    setFeed(std::move(feed), tr("Recording %1").arg(QFileInfo(path).fileName()) + from);
    player->setRecording(std::move(*recording), path); // after setFeed: the views see every snapshot
    return true;
}

void InspectorWindow::setPaused(bool paused)
{
    if (pauseAction_->isChecked() != paused)
        pauseAction_->setChecked(paused); // toggled() comes back here
    pauseAction_->setText(paused ? tr("Resume") : tr("Pause"));
    if (feed_)
        feed_->setPaused(paused);
    updateStatus();
}

void InspectorWindow::showError(const QString& message)
{
    errorBanner_->setText(message);
    errorBanner_->show();
    statusBar()->showMessage(message, 10000);
    updateStatus();
}

void InspectorWindow::clearError()
{
    errorBanner_->clear();
    errorBanner_->hide();
}

QString InspectorWindow::errorText() const
{
    return errorBanner_->isVisibleTo(this) ? errorBanner_->text() : QString();
}

QString InspectorWindow::sourceText() const { return sourceLabel_->text(); }

void InspectorWindow::onSnapshot()
{
    const qint64 now = clock_.elapsed();
    arrivals_.push_back(now);
    while (!arrivals_.empty() && arrivals_.front() < now - 3000)
        arrivals_.pop_front();
    updateStatus();
}

void InspectorWindow::updateStatus()
{
    QString source = source_;
    if (feed_ && !feed_->isActive())
        source += QStringLiteral(" — ") + tr("not connected");
    if (feed_ && feed_->isPaused())
        source += QStringLiteral(" — ") + tr("paused");
    sourceLabel_->setText(source);

    const qint64 now = clock_.elapsed();
    while (!arrivals_.empty() && arrivals_.front() < now - 3000)
        arrivals_.pop_front();
    const double rate = static_cast<double>(arrivals_.size()) / 3.0;
    rateLabel_->setText(tr("%1 snapshots/s").arg(rate, 0, 'f', 1));
    // Datagrams: those the source's Qt bridge dropped while its Qt thread was behind (deliveryLimit).
    droppedLabel_->setText(tr("Dropped: %1 events, %2 decisions, %3 datagrams")
                               .arg(panel_->eventModel()->dropped())
                               .arg(panel_->decisionModel()->dropped())
                               .arg(feed_ ? feed_->droppedDatagrams() : 0));
}

void InspectorWindow::promptAttach()
{
    AttachDialog dialog(this);
    dialog.setAddress(lastAddress_);
    if (dialog.exec() == QDialog::Accepted)
        attachRemote(dialog.address(), dialog.token());
}

void InspectorWindow::promptExport(bool json)
{
    const QString path = json ? QFileDialog::getSaveFileName(this, tr("Export JSON"),
                             QStringLiteral("qgnet-snapshot.json"), tr("JSON files (*.json)"))
                              : QFileDialog::getSaveFileName(this, tr("Export CSV"), QStringLiteral("qgnet-table.csv"),
                                  tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = json ? panel_->exportJson(path, &error) : panel_->exportCsv(path, &error);
    if (ok)
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    else
        showError(error);
}

} // namespace qgnet::inspector
