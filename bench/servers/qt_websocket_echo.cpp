// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-qt-websocket-echo: the idiomatic Qt WebSocket echo server for
// bench/run-http-bench.sh. QCoreApplication, QWebSocketServer (non-secure
// mode, any path), and per socket binaryMessageReceived -> sendBinaryMessage
// (text likewise). QtWebSockets' handshake, framing and unmasking are what is
// being measured, against qgnet-http's /ws.

#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QWebSocket>
#include <QWebSocketServer>

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdio>

#include "server_cli.h"

namespace {

// SIGINT/SIGTERM are blocked and read from a signalfd watched by the event
// loop, so quitting happens on the loop thread without an async handler.
int blockSignalsIntoFd()
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0)
        return -1;
    return signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
}

void serve(QWebSocket* socket)
{
    QObject::connect(socket, &QWebSocket::binaryMessageReceived, socket,
        [socket](const QByteArray& message) { socket->sendBinaryMessage(message); });
    QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
        [socket](const QString& message) { socket->sendTextMessage(message); });
    QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

int main(int argc, char** argv)
{
    const qgnet_bench::ServerCli cli = qgnet_bench::parse_server_cli(argc, argv);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();

    // Before QCoreApplication: any thread Qt starts inherits the blocked mask.
    const int sigFd = blockSignalsIntoFd();
    if (sigFd < 0) {
        std::perror("qgnet-bench-qt-websocket-echo: signalfd");
        return 1;
    }

    QCoreApplication app(argc, argv);
    QSocketNotifier sigNotifier(sigFd, QSocketNotifier::Read);
    QObject::connect(&sigNotifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);

    QWebSocketServer server(QStringLiteral("qgnet-bench"), QWebSocketServer::NonSecureMode);
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&server] {
        while (QWebSocket* s = server.nextPendingConnection())
            serve(s);
    });
    if (!server.listen(QHostAddress::LocalHost, static_cast<quint16>(cli.port))) {
        std::fprintf(stderr, "qgnet-bench-qt-websocket-echo: listen: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    qgnet_bench::announce_listening(server.serverPort());
    const int rc = app.exec();
    close(sigFd);
    return rc;
}
