// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QGroupBox>

class QLabel;
class QTableWidget;
class QTimer;

namespace qgnet {
class QtHttpServer;
}

namespace qgnet::demo {

/// HttpRoutesView shows what a QtHttpServer has served: one row per route (method, pattern, where it
/// runs, requests so far) and the number of open WebSocket sessions. It reads the server's counters
/// (atomics, cheap) twice a second; the numbers come from the server itself, not from the engine's
/// snapshots, so the view needs the server in this process.
class HttpRoutesView : public QGroupBox {
    Q_OBJECT
public:
    explicit HttpRoutesView(QtHttpServer* server, QWidget* parent = nullptr);

    /// refresh reads the counters now (the timer calls it).
    void refresh();
    QTableWidget* table() const { return table_; }
    QLabel* sessionsLabel() const { return sessions_; }

private:
    QtHttpServer* server_;
    QTableWidget* table_;
    QLabel* sessions_;
    QTimer* timer_;
};

} // namespace qgnet::demo
