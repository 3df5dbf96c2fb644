// SPDX-License-Identifier: Apache-2.0
#include "stalled_peers.h"

#include <QUrl>

namespace qgnet::inspector {

StalledPeers::StalledPeers(QObject* parent) : QObject(parent) {}

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
    peers_.clear();
    const QUrl url(url_);
    if (count_ == 0 || url.host().isEmpty() || url.port() <= 0)
        return;
    for (int i = 0; i < count_; ++i) {
        auto peer = std::make_unique<QTcpSocket>();
        // A one-byte read buffer: once it holds a byte, Qt stops reading the socket, the kernel's
        // receive window fills and the server's writes to this peer back up.
        peer->setReadBufferSize(1);
        const QByteArray burst(burstBytes_, 's');
        QObject::connect(peer.get(), &QTcpSocket::connected, peer.get(), [p = peer.get(), burst] { p->write(burst); });
        peer->connectToHost(url.host(), static_cast<quint16>(url.port()));
        peers_.push_back(std::move(peer));
    }
}

} // namespace qgnet::inspector
