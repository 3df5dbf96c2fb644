// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include "qgnet/conn_handle.h"

namespace qgnet {

/// QtWebSocket names one WebSocket session of a QtHttpServer on the Qt side: a small copyable value
/// that its signals carry. sendText, sendBinary and close may be called from any thread; each goes
/// to the connection's loop and is written there in call order (from one thread), after whatever the
/// loop is writing. They return false when the engine has refused the operation (stopped, or the
/// loop's queue is full); on a session that has ended meanwhile they do nothing on the loop, since a
/// message to a peer that is going away is lost in any case.
class QGNET_QT_EXPORT QtWebSocket {
public:
    QtWebSocket() = default; ///< invalid: every send returns false
    QtWebSocket(ConnHandle handle, QString path) : handle_(std::move(handle)), path_(std::move(path)) {}

    bool isValid() const noexcept { return !handle_.isEmpty(); }
    /// id is the connection's id, unique in the process: the key to keep a session by.
    quint64 id() const noexcept { return handle_.id(); }
    /// path is the WebSocket route it was opened on.
    QString path() const { return path_; }

    /// sendText / sendBinary send one message (any thread).
    bool sendText(const QString& text) const;
    bool sendBinary(const QByteArray& data) const;
    /// close starts the close handshake with code and reason (any thread).
    bool close(int code = 1000, const QString& reason = {}) const;

    friend bool operator==(const QtWebSocket& a, const QtWebSocket& b) noexcept { return a.id() == b.id(); }

private:
    ConnHandle handle_;
    QString path_;
};

} // namespace qgnet

Q_DECLARE_METATYPE(qgnet::QtWebSocket)
