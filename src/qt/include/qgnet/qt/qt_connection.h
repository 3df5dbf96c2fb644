// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QByteArray>
#include <QHostAddress>
#include <QMetaType>
#include <QObject>
#include <QString>

#include "qgnet/conn_handle.h"

namespace qgnet {

/// QtConnection is a connection as the Qt side sees it: a small copyable value (a Q_GADGET, so QML
/// can read its properties and call its methods) that names one engine connection and can act on it
/// from any thread. write() and close() go through ConnHandle, so they are queued to the
/// connection's loop and are harmless after the connection closed (the loop then drops them; they
/// return false at once only when nothing could be queued: engine stopped, queue full).
class QGNET_QT_EXPORT QtConnection {
    Q_GADGET
    Q_PROPERTY(quint64 id READ id CONSTANT)
    Q_PROPERTY(int loop READ loop CONSTANT)
    Q_PROPERTY(QString protocol READ protocol CONSTANT)
    Q_PROPERTY(QHostAddress peerAddress READ peerAddress CONSTANT)
    Q_PROPERTY(quint16 peerPort READ peerPort CONSTANT)
    Q_PROPERTY(QString peer READ peer CONSTANT)
    Q_PROPERTY(QString local READ local CONSTANT)
    Q_PROPERTY(bool valid READ isValid CONSTANT)
public:
    QtConnection() = default;
    QtConnection(ConnHandle handle, int loop, QString protocol, QHostAddress peerAddress, quint16 peerPort,
        QString peer, QString local);

    /// id is the engine's connection id (ConnHandle::id), unique in the process.
    quint64 id() const noexcept { return handle_.id(); }
    /// loop is the index of the event loop that serves the connection.
    int loop() const noexcept { return loop_; }
    /// protocol is "tcp", "udp" or "unix".
    QString protocol() const { return protocol_; }
    /// peerAddress / peerPort are the remote IP endpoint (null address for Unix-domain peers).
    QHostAddress peerAddress() const { return peerAddress_; }
    quint16 peerPort() const noexcept { return peerPort_; }
    /// peer / local are the endpoints as text ("127.0.0.1:40123", "/tmp/s.sock").
    QString peer() const { return peer_; }
    QString local() const { return local_; }
    /// isValid is false for a default-constructed value.
    bool isValid() const noexcept { return !handle_.isEmpty(); }
    /// handle is the engine handle, for the full asynchronous API.
    const ConnHandle& handle() const noexcept { return handle_; }

    /// write queues data to the connection (ConnHandle::asyncWrite); false when it could not be
    /// queued (engine stopped, queue full). A write queued just after the connection closed is
    /// dropped on the loop, as ConnHandle does.
    Q_INVOKABLE bool write(const QByteArray& data) const;
    /// close closes the connection gracefully (pending output is flushed first); false as write.
    Q_INVOKABLE bool close() const;

private:
    ConnHandle handle_;
    int loop_ = -1;
    QString protocol_;
    QHostAddress peerAddress_;
    quint16 peerPort_ = 0;
    QString peer_;
    QString local_;
};

} // namespace qgnet

Q_DECLARE_METATYPE(qgnet::QtConnection)
