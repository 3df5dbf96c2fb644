// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTcpSocket>

/// RawPeer is a plain QTcpSocket for the QML tests: a peer that knows nothing of qgnet, so what
/// the QML Server reports can be checked against what really crossed the socket. It collects what
/// it receives as text. With `stalled`, it stops reading after the first byte, so the server's
/// output to it backs up (buffer-occupancy checks).
class RawPeer : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool connected READ isConnected NOTIFY connectedChanged)
    Q_PROPERTY(QString received READ received NOTIFY receivedChanged)
    Q_PROPERTY(int bytesReceived READ bytesReceived NOTIFY receivedChanged)
    Q_PROPERTY(int localPort READ localPort NOTIFY connectedChanged)
    Q_PROPERTY(bool closedByPeer READ closedByPeer NOTIFY connectedChanged)
    Q_PROPERTY(bool stalled READ stalled WRITE setStalled)
    /// waiting: a stalled peer has input it leaves unread (so that abort() resets for sure).
    Q_PROPERTY(bool waiting READ waiting NOTIFY receivedChanged)
public:
    explicit RawPeer(QObject* parent = nullptr);

    bool isConnected() const { return socket_.state() == QAbstractSocket::ConnectedState; }
    QString received() const { return QString::fromUtf8(received_); }
    int bytesReceived() const { return static_cast<int>(received_.size()); }
    int localPort() const { return socket_.localPort(); }
    bool closedByPeer() const { return closedByPeer_; }
    bool stalled() const { return stalled_; }
    bool waiting() const { return waiting_; }
    void setStalled(bool on);

    /// connectTo connects to "tcp://host:port" (what Server.boundUrls gives).
    Q_INVOKABLE void connectTo(const QString& url);
    /// write sends text as UTF-8.
    Q_INVOKABLE void write(const QString& text);
    /// writeBytes sends count bytes of filler.
    Q_INVOKABLE void writeBytes(int count);
    /// close closes gracefully (FIN).
    Q_INVOKABLE void close();
    /// abort resets the connection (RST), dropping whatever is unsent or unread.
    Q_INVOKABLE void abort();

Q_SIGNALS:
    void connectedChanged();
    void receivedChanged();

private:
    QTcpSocket socket_;
    QByteArray received_;
    bool closedByPeer_ = false;
    bool closing_ = false;
    bool stalled_ = false;
    bool waiting_ = false;
};
