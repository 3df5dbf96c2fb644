// SPDX-License-Identifier: Apache-2.0
#pragma once

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
class QtClient : public QObject {
    Q_OBJECT
    Q_PROPERTY(int loops READ loops WRITE setLoops NOTIFY loopsChanged)
    Q_PROPERTY(qgnet::QtServer::IoBackend backend READ backend WRITE setBackend NOTIFY backendChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
public:
    explicit QtClient(QObject* parent = nullptr);
    ~QtClient() override;

    int loops() const;
    void setLoops(int loops);
    QtServer::IoBackend backend() const;
    void setBackend(QtServer::IoBackend backend);
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
    void connected(int request, const qgnet::QtConnection& connection);
    void dialFailed(int request, const QString& error);
    void dataReceived(const qgnet::QtConnection& connection, const QByteArray& data);
    void disconnected(quint64 connectionId, const QString& reason);
    void errorOccurred(const QString& message);
    void runningChanged();
    void loopsChanged();
    void backendChanged();

private:
    std::unique_ptr<qtdetail::ClientBridge> d_;
};

} // namespace qgnet
