// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

#include "demo_load.h"
#include "qgnet/qt/qt_server.h"

namespace qgnet::inspector {

/// DemoEngine is the inspector's built-in subject: an echo QtServer on a loopback port (echoing on
/// the loop threads, nothing crosses to Qt) and a DemoLoad driving it, so every view has something
/// to show without another process.
class DemoEngine : public QObject {
    Q_OBJECT
public:
    explicit DemoEngine(QObject* parent = nullptr);
    ~DemoEngine() override;

    /// start listens on tcp://127.0.0.1:0 with `loops` loops and starts `connections` load
    /// connections (churning every churnMs, 0 for none). False with errorString() on failure.
    bool start(int loops, int connections, int churnMs);
    void stop();
    QString errorString() const { return error_; }

    QtServer* server() { return &server_; }
    DemoLoad* load() { return &load_; }

private:
    QtServer server_;
    DemoLoad load_;
    QString error_;
};

} // namespace qgnet::inspector
