// SPDX-License-Identifier: Apache-2.0
#include "raw_peer.h"

#include <QUrl>

RawPeer::RawPeer(QObject* parent) : QObject(parent)
{
    connect(&socket_, &QTcpSocket::connected, this, &RawPeer::connectedChanged);
    connect(&socket_, &QTcpSocket::disconnected, this, [this] {
        closedByPeer_ = !closing_;
        Q_EMIT connectedChanged();
    });
    connect(&socket_, &QTcpSocket::readyRead, this, [this] {
        if (stalled_) { // leave it in the (one-byte) read buffer: the socket stops reading
            if (!waiting_) {
                waiting_ = true;
                Q_EMIT receivedChanged();
            }
            return;
        }
        received_ += socket_.readAll();
        Q_EMIT receivedChanged();
    });
}

void RawPeer::setStalled(bool on)
{
    stalled_ = on;
    socket_.setReadBufferSize(on ? 1 : 0);
}

void RawPeer::connectTo(const QString& url)
{
    const QUrl parsed(url);
    socket_.connectToHost(parsed.host(), static_cast<quint16>(parsed.port()));
}

void RawPeer::write(const QString& text) { socket_.write(text.toUtf8()); }

void RawPeer::writeBytes(int count) { socket_.write(QByteArray(count, 'x')); }

void RawPeer::close()
{
    closing_ = true;
    socket_.disconnectFromHost();
}

void RawPeer::abort()
{
    closing_ = true;
    socket_.abort();
    Q_EMIT connectedChanged();
}
