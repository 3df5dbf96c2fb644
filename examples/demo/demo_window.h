// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMainWindow>

class QAction;
class QCheckBox;
class QDockWidget;
class QLabel;
class QSpinBox;

namespace qgnet::inspector {
class DemoLoad;
class InspectorPanel;
} // namespace qgnet::inspector

namespace qgnet::demo {

class DemoServer;
class HttpRoutesView;

/// DemoWindow is qgnet-demo's window: what the embedded server offers (echo and status page URLs,
/// the inspector endpoint, open connections, the status page's requests per route) and the built-in
/// load's controls in the centre, and
/// the inspector's views (the same InspectorPanel as qgnet-inspector) in a dock.
class DemoWindow : public QMainWindow {
    Q_OBJECT
public:
    DemoWindow(DemoServer* server, inspector::DemoLoad* load, QWidget* parent = nullptr);

    inspector::InspectorPanel* panel() const { return panel_; }
    QDockWidget* inspectorDock() const { return dock_; }
    QAction* pauseAction() const { return pauseAction_; }
    /// routesView shows the status page's per-route request counts and WebSocket sessions.
    HttpRoutesView* routesView() const { return routesView_; }

    /// setLoadConnections sets the built-in load (0 stops it).
    void setLoadConnections(int connections);
    /// showMessage puts a message in the window's log line (errors included).
    void showMessage(const QString& message);

private:
    void updateServerInfo();
    void applyLoad();

    DemoServer* server_;
    inspector::DemoLoad* load_;
    inspector::InspectorPanel* panel_;
    QDockWidget* dock_;
    QAction* pauseAction_;
    QLabel* echoLabel_;
    QLabel* httpLabel_;
    QLabel* endpointLabel_;
    QLabel* connectionsLabel_;
    QLabel* loadLabel_;
    QLabel* messageLabel_;
    QCheckBox* loadBox_;
    QSpinBox* loadSpin_;
    HttpRoutesView* routesView_;
};

} // namespace qgnet::demo
