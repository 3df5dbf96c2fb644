// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <memory>

#include <QByteArray>
#include <QObject>
#include <QString>

#include "qgnet/qt/qt_connection.h"
#include "qgnet/qt/qt_server.h"

namespace qgnet {

namespace qtdetail {
class ClientBridge;
}

/// QtClient dials connections on its own qgnet::Client loops and reports them through signals, with
/// the same batching, ordering and threading rules as QtServer (received data is always delivered).
class QGNET_QT_EXPORT QtClient : public QObject {
    Q_OBJECT
    Q_PROPERTY(int loops READ loops WRITE setLoops NOTIFY loopsChanged)
    Q_PROPERTY(qgnet::QtServer::IoBackend backend READ backend WRITE setBackend NOTIFY backendChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
public:
    explicit QtClient(QObject* parent = nullptr);
    ~QtClient() override; ///< Stops the client's loops (no signals) and joins them.

    /// loops is the number of client event loops (Options::numEventLoop; 0 means 1). Applies at start.
    int loops() const;
    void setLoops(int loops);
    /// backend is the loops' I/O backend. Applies at start.
    QtServer::IoBackend backend() const;
    void setBackend(QtServer::IoBackend backend);
    /// isRunning: the loops run (after start() or the first dial()).
    bool isRunning() const;

public Q_SLOTS:
    /// start starts the client's loops (dial starts them on demand too); false + errorOccurred on failure.
    bool start();
    /// stop closes every connection and stops the loops.
    void stop();
    /// dial connects to url ("tcp://host:port", "udp://…", "unix:///path") without blocking;
    /// connected or dialFailed follows. Returns a request number that both signals carry.
    int dial(const QString& url, int timeoutMs = 5000);

Q_SIGNALS:
    /// connected: dial number `request` succeeded; connection can write at once.
    void connected(int request, const qgnet::QtConnection& connection);
    /// dialFailed: dial number `request` failed (refused, timed out, bad URL...), in words.
    void dialFailed(int request, const QString& error);
    /// dataReceived: bytes from a dialled connection, in order (with backpressure as QtServer).
    void dataReceived(const qgnet::QtConnection& connection, const QByteArray& data);
    /// disconnected: the connection closed; reason is empty for a clean close by the peer.
    void disconnected(quint64 connectionId, const QString& reason);
    /// errorOccurred: the client could not start.
    void errorOccurred(const QString& message);
    void runningChanged();
    void loopsChanged();
    void backendChanged();

private:
    std::unique_ptr<qtdetail::ClientBridge> d_;
};

} // namespace qgnet
