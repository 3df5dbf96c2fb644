// SPDX-License-Identifier: Apache-2.0
#include "stalled_peers.h"

#include <QUrl>

namespace qgnet::inspector {

StalledPeers::StalledPeers(QObject* parent) : QObject(parent)
{
    timer_.setInterval(100);
    connect(&timer_, &QTimer::timeout, this, &StalledPeers::sendStep);
}

StalledPeers::~StalledPeers() = default;

void StalledPeers::setCount(int count)
{
    if (count == count_)
        return;
    count_ = qMax(0, count);
    reconnect();
    Q_EMIT countChanged();
}

void StalledPeers::setUrl(const QString& url)
{
    if (url == url_)
        return;
    url_ = url;
    reconnect();
    Q_EMIT urlChanged();
}

void StalledPeers::setBurstBytes(int bytes)
{
    if (bytes == burstBytes_)
        return;
    burstBytes_ = qMax(0, bytes);
    Q_EMIT burstBytesChanged();
}

void StalledPeers::reconnect()
{
    timer_.stop();
    peers_.clear();
    sent_ = 0;
    const QUrl url(url_);
    if (count_ == 0 || url.host().isEmpty() || url.port() <= 0)
        return;
    for (int i = 0; i < count_; ++i) {
        auto peer = std::make_unique<QTcpSocket>();
        // A one-byte read buffer: once it holds a byte, Qt stops reading the socket, the kernel's
        // receive window fills and the server's writes to this peer back up.
        peer->setReadBufferSize(1);
        peer->connectToHost(url.host(), static_cast<quint16>(url.port()));
        peers_.push_back(std::move(peer));
    }
    timer_.start();
}

void StalledPeers::sendStep()
{
    constexpr qint64 step = 64 << 10;
    const QByteArray chunk(static_cast<int>(qMin<qint64>(step, burstBytes_ - sent_)), 's');
    if (chunk.isEmpty()) {
        timer_.stop();
        return;
    }
    for (const auto& peer : peers_) {
        if (peer->state() == QAbstractSocket::ConnectedState)
            peer->write(chunk);
    }
    sent_ += chunk.size();
}

} // namespace qgnet::inspector
