// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include <QObject>
#include <QString>
#include <QTcpSocket>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace qgnet::inspector {

/// StalledPeers are TCP peers that send a burst and then stop reading, the way a slow consumer
/// does: the echo that the demo server sends back piles up in its outbound buffers, which is what
/// the buffer-occupancy view is for. Plain QTcpSocket, nothing of qgnet. Setting `url` or `count`
/// reconnects them.
class StalledPeers : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count WRITE setCount NOTIFY countChanged)
    Q_PROPERTY(QString url READ url WRITE setUrl NOTIFY urlChanged)
    Q_PROPERTY(int burstBytes READ burstBytes WRITE setBurstBytes NOTIFY burstBytesChanged)
public:
    explicit StalledPeers(QObject* parent = nullptr);
    ~StalledPeers() override;

    int count() const { return count_; }
    void setCount(int count);
    QString url() const { return url_; }
    void setUrl(const QString& url);
    /// burstBytes is what each peer sends in all (default 5 MiB, past the socket buffers of a
    /// loopback connection, so part of the echo has to wait in the server). It goes out in
    /// 64 KiB steps every 100 ms, a rate of the same order as the rest of the demo's traffic.
    int burstBytes() const { return burstBytes_; }
    void setBurstBytes(int bytes);

Q_SIGNALS:
    void countChanged();
    void urlChanged();
    void burstBytesChanged();

private:
    void reconnect();
    void sendStep();
    int count_ = 0;
    int burstBytes_ = 5 << 20;
    QString url_;
    std::vector<std::unique_ptr<QTcpSocket>> peers_;
    qint64 sent_ = 0; // per peer, so far
    QTimer timer_;
};

} // namespace qgnet::inspector
