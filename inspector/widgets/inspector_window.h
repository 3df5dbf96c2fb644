// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <memory>

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

class QAction;
class QLabel;

namespace qgnet {
class StatsFeed;
}

namespace qgnet::inspector {

class DemoEngine;
class InspectorPanel;
class RecordingBar;

/// InspectorWindow is qgnet-inspector's main window: the InspectorPanel's tabs, a toolbar (pause and
/// resume, CSV and JSON export, attach to a process, start the in-process demo engine), a status bar
/// (the source, snapshots per second, what the engine's logs dropped) and an error banner above the
/// tabs that says why a source failed (a refused token, a lost connection).
class InspectorWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit InspectorWindow(QWidget* parent = nullptr);
    ~InspectorWindow() override;

    /// attachRemote reads the process behind address (its InspectorEndpoint) with token. Errors
    /// show in the banner; nothing blocks.
    void attachRemote(const QString& address, const QString& token);
    /// startDemoEngine runs an echo engine with `loops` loops and a built-in load of `connections`
    /// connections in this process and inspects it. False (and the banner says why) on failure.
    bool startDemoEngine(int loops = 4, int connections = 16, int churnMs = 400);
    /// openRecording replays the recording file at path (RecordingFeed) instead of a live source.
    /// False (and the banner says why) when it cannot be read; the source shown before stays.
    bool openRecording(const QString& path);

    InspectorPanel* panel() const { return panel_; }
    RecordingBar* recordingBar() const { return recordingBar_; }
    StatsFeed* feed() const { return feed_.get(); }
    DemoEngine* demoEngine() const { return demo_.get(); }
    QAction* pauseAction() const { return pauseAction_; }
    QAction* exportCsvAction() const { return exportCsvAction_; }
    QAction* exportJsonAction() const { return exportJsonAction_; }
    QAction* attachAction() const { return attachAction_; }
    QAction* demoAction() const { return demoAction_; }
    /// errorText is what the error banner shows (empty when hidden).
    QString errorText() const;
    /// sourceText is the status bar's description of the source.
    QString sourceText() const;

public Q_SLOTS:
    void setPaused(bool paused);
    void showError(const QString& message);
    void clearError();

private:
    void setFeed(std::unique_ptr<StatsFeed> feed, const QString& source);
    void stopSource();
    void onSnapshot();
    void updateStatus();
    void promptAttach();
    void promptExport(bool json);

    InspectorPanel* panel_;
    RecordingBar* recordingBar_;
    QLabel* errorBanner_;
    QLabel* sourceLabel_;
    QLabel* rateLabel_;
    QLabel* droppedLabel_;
    QAction* pauseAction_;
    QAction* exportCsvAction_;
    QAction* exportJsonAction_;
    QAction* attachAction_;
    QAction* demoAction_;
    std::unique_ptr<DemoEngine> demo_;
    std::unique_ptr<StatsFeed> feed_;
    QString source_;
    QString lastAddress_;
    std::deque<qint64> arrivals_;
    QElapsedTimer clock_;
    QTimer statusTimer_;
};

} // namespace qgnet::inspector
