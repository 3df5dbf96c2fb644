// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QSslCipher>
#include <QSslSocket>
#include <QString>

#include <qgnet/qt/qt_server.h>

/// TlsStallServer is a fixture for the GUI and QML tests of the TLS details and the stall log: a QtServer
/// (property `server`, for a LocalStatsFeed) on one loop with TLS (a run-time test PKI, ALPN
/// "qgnet-test/1") and Options::stallThreshold of 10 ms, whose handler echoes and busy-waits 60 ms
/// on a message "stall"; and a QSslSocket client that connects by the name "localhost" (SNI),
/// offering that ALPN protocol. Qt thread. (The QML Server type exposes no TLS options, hence C++.)
class TlsStallServer : public QObject {
    Q_OBJECT
    Q_PROPERTY(qgnet::QtServer* server READ server CONSTANT)
    Q_PROPERTY(bool encrypted READ encrypted NOTIFY clientChanged)
    Q_PROPERTY(QString received READ received NOTIFY clientChanged)
    Q_PROPERTY(QString cipher READ cipher NOTIFY clientChanged)
public:
    explicit TlsStallServer(QObject* parent = nullptr);
    ~TlsStallServer() override;

    qgnet::QtServer* server() { return &server_; }
    bool encrypted() const { return socket_.isEncrypted(); }
    QString received() const { return QString::fromUtf8(received_); }
    /// cipher is the cipher suite the client negotiated (OpenSSL's name).
    QString cipher() const { return socket_.sessionCipher().name(); }

    /// start starts the server; false with a warning on failure.
    Q_INVOKABLE bool start();
    /// connectClient opens the TLS client connection.
    Q_INVOKABLE void connectClient();
    /// send writes text to the server.
    Q_INVOKABLE void send(const QString& text);
    /// stop closes the client and stops the server.
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void clientChanged();

private:
    qgnet::QtServer server_;
    QSslSocket socket_;
    QByteArray received_;
    QByteArray caCert_;
};
