// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <random>
#include <vector>

#include <QObject>
#include <QTimer>

#include "qgnet/qt/qt_client.h"

namespace qgnet::inspector {

/// DemoLoad is a small built-in load so the inspector's views move: `connections` QtClient
/// connections to an echo server, each sending a block every tick whose size follows a slow wave
/// (different per connection, so loops show different rates), and, with churn on, one connection
/// closed and redialled now and then (the balancer log and the event log then move too).
/// Lives in the Qt thread; QtClient's loops do the I/O.
class DemoLoad : public QObject {
    Q_OBJECT
public:
    explicit DemoLoad(QObject* parent = nullptr);
    ~DemoLoad() override;

    /// start dials `connections` connections to url ("tcp://127.0.0.1:port") and starts sending.
    bool start(const QString& url, int connections);
    void stop();
    bool isRunning() const { return running_; }

    /// setChurn: close and redial one connection about every `everyMs` (0 turns churn off).
    void setChurn(int everyMs);
    /// setTickInterval: time between two sends of each connection (default 50 ms).
    void setTickInterval(int ms);

    /// openConnections: connected right now. echoedBytes: bytes that came back so far.
    int openConnections() const { return static_cast<int>(open_.size()); }
    qint64 echoedBytes() const { return echoed_; }

Q_SIGNALS:
    void openConnectionsChanged();
    void errorOccurred(const QString& message);

private:
    void tick();
    void churn();
    void dialOne();

    QtClient client_;
    QTimer ticker_;
    QTimer churner_;
    QString url_;
    int target_ = 0;
    int pending_ = 0;
    bool running_ = false;
    qint64 echoed_ = 0;
    quint64 ticks_ = 0;
    std::vector<QtConnection> open_;
    std::mt19937 random_{20261127};
    QByteArray payload_;
};

} // namespace qgnet::inspector
