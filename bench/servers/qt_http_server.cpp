// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-qt-http: the idiomatic Qt HTTP server for the HTTP benchmark
// (bench/run-http-bench.sh). QCoreApplication, QHttpServer with one route,
// GET /plaintext -> "Hello, World!" as text/plain, as qgnet-http and the
// runner's nginx answer it. QHttpServer's own parsing, routing and response
// writing are what is being measured.

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QSocketNotifier>

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

} // namespace

int main(int argc, char** argv)
{
    const qgnet_bench::ServerCli cli = qgnet_bench::parse_server_cli(argc, argv);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();

    // Before QCoreApplication: any thread Qt starts inherits the blocked mask.
    const int sigFd = blockSignalsIntoFd();
    if (sigFd < 0) {
        std::perror("qgnet-bench-qt-http: signalfd");
        return 1;
    }

    QCoreApplication app(argc, argv);
    QSocketNotifier sigNotifier(sigFd, QSocketNotifier::Read);
    QObject::connect(&sigNotifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);

    QHttpServer server;
    server.route("/plaintext", QHttpServerRequest::Method::Get,
        [] { return QHttpServerResponse("text/plain", QByteArrayLiteral("Hello, World!")); });
    // Qt 6.4's QHttpServer listens through an internal QTcpServer with the default backlog of 50;
    // 100 connections opened at once still get in, as the kernel's SYN queue absorbs the rest.
    const quint16 port = server.listen(QHostAddress::LocalHost, static_cast<quint16>(cli.port));
    if (port == 0) {
        std::fprintf(stderr, "qgnet-bench-qt-http: cannot listen on port %u\n", cli.port);
        return 1;
    }
    qgnet_bench::announce_listening(port);
    const int rc = app.exec();
    close(sigFd);
    return rc;
}
