// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-qt-echo: the idiomatic Qt echo server. QCoreApplication event
// loop, QTcpServer, and per socket readyRead -> readAll() -> write(). Qt's own
// buffering and write scheduling are part of what is being measured.

#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>

#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include "server_cli.h"

namespace {

// SIGINT/SIGTERM are blocked and read from a signalfd watched by the event
// loop, so quitting happens on the loop thread without an async handler.
int block_signals_into_fd()
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0)
        return -1;
    return signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
}

void serve(QTcpSocket* socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

int main(int argc, char** argv)
{
    qgnet_bench::ServerCli cli = qgnet_bench::parse_server_cli(argc, argv);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();

    // Before QCoreApplication: any thread Qt starts inherits the blocked mask.
    int sig_fd = block_signals_into_fd();
    if (sig_fd < 0) {
        std::perror("qgnet-bench-qt-echo: signalfd");
        return 1;
    }

    QCoreApplication app(argc, argv);

    QSocketNotifier sig_notifier(sig_fd, QSocketNotifier::Read);
    QObject::connect(&sig_notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);

    QTcpServer server;
#if QT_VERSION >= QT_VERSION_CHECK(6, 3, 0)
    server.setListenBacklogSize(SOMAXCONN); // the default (50) drops SYNs at 1000 conns
#endif
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket* s = server.nextPendingConnection())
            serve(s);
    });
    if (!server.listen(QHostAddress::LocalHost, static_cast<quint16>(cli.port))) {
        std::fprintf(stderr, "qgnet-bench-qt-echo: listen: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    qgnet_bench::announce_listening(server.serverPort());
    int rc = app.exec();
    close(sig_fd);
    return rc;
}
