// SPDX-License-Identifier: Apache-2.0
// Built against an installed QGnet::Qt: a QtServer echoes through the Qt thread to a QTcpSocket.
#include <QCoreApplication>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <cstdio>

#include <qgnet/qt/qt_server.h>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setDeliverData(true);
    QObject::connect(&server, &qgnet::QtServer::dataReceived, &server,
        [](const qgnet::QtConnection& c, const QByteArray& data) { c.write(data); });
    if (!server.start()) {
        std::fprintf(stderr, "qt-consumer: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QUrl url(server.boundUrls().value(0));
    QTcpSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] { socket.write("hello qt"); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] {
        received += socket.readAll();
        if (received.size() >= 8)
            app.exit(received == "hello qt" ? 0 : 1);
    });
    QTimer::singleShot(10000, &app, [&] { app.exit(1); });
    socket.connectToHost(url.host(), static_cast<quint16>(url.port()));
    const int rc = app.exec();
    server.stop();
    std::printf("qt-consumer: %s\n", rc == 0 ? "echo ok" : "failed");
    return rc;
}
