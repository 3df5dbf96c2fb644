// SPDX-License-Identifier: Apache-2.0
// qgnet-demo: a Qt application embedding a qgnet server (echo + HTTP status page), an optional
// built-in load and the inspector's views; --inspect lets qgnet-inspector attach from outside.
#include <cstdio>

#include <QApplication>
#include <QCommandLineOption>
#include <QRandomGenerator>
#include <QTabWidget>

#include "app_command_line.h"
#include "demo_load.h"
#include "demo_server.h"
#include "demo_window.h"
#include "inspector_panel.h"
#include "qgnet/version.h"
#include "qgnet_translations.h"
#include "quit_on_signal.h"
#include "screenshot.h"

int main(int argc, char** argv)
{
    // The command line first, without a QApplication: --help, --version and bad usage need no display.
    qgnet::app::AppCommandLine commandLine(
        {.name = QStringLiteral("qgnet-demo"),
            .version = QStringLiteral(QGNET_VERSION_STRING),
            .description = QT_TRANSLATE_NOOP("main",
                "A Qt application with an embedded qgnet server: "
                "an echo service, an HTTP status page, a built-in "
                "load and the inspector's views."),
            .tokenHelp = QT_TRANSLATE_NOOP("main",
                "Token an inspector must present, at least 16 bytes (default with --inspect: a random one, printed)."),
            .loopsHelp = QT_TRANSLATE_NOOP("main", "Event loops (default 4)."),
            .tabHelp = QT_TRANSLATE_NOOP("main",
                "Inspector tab to show first: loops, connections, balancing, buffers, charts or events."),
            .tabs = {{QStringLiteral("loops")}, {QStringLiteral("connections")}, {QStringLiteral("balancing")},
                {QStringLiteral("buffers")}, {QStringLiteral("charts")}, {QStringLiteral("events")}}},
        argc, argv);
    const QCommandLineOption listen(QStringLiteral("listen"),
        commandLine.translated(QT_TRANSLATE_NOOP("main", "Echo listener (default tcp://127.0.0.1:9000).")),
        QStringLiteral("URL"), QStringLiteral("tcp://127.0.0.1:9000"));
    const QCommandLineOption http(QStringLiteral("http"),
        commandLine.translated(QT_TRANSLATE_NOOP("main", "HTTP status page listener (default tcp://127.0.0.1:9080).")),
        QStringLiteral("URL"), QStringLiteral("tcp://127.0.0.1:9080"));
    const QCommandLineOption load(QStringLiteral("load"),
        commandLine.translated(
            QT_TRANSLATE_NOOP("main", "Connections of the built-in load generator, 0 for none (default 16).")),
        QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption backend(QStringLiteral("backend"),
        commandLine.translated(
            QT_TRANSLATE_NOOP("main", "I/O backend of the server's loops: epoll or io_uring (default epoll).")),
        QStringLiteral("NAME"), QStringLiteral("epoll"));
    const QCommandLineOption inspect(QStringLiteral("inspect"),
        commandLine.translated(QT_TRANSLATE_NOOP("main",
            "Serve statistics to qgnet-inspector at ADDRESS (tcp://127.0.0.1:port or unix:/path).")),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption allowActions(QStringLiteral("allow-actions"),
        commandLine.translated(QT_TRANSLATE_NOOP("main",
            "Let inspectors (the docked one, and with --inspect attached ones) close connections, pause "
            "accepting and change the balancing policy or water marks, each after a confirmation.")));
    for (const QCommandLineOption& option : {listen, http, load, backend, inspect, allowActions})
        commandLine.addOption(option);
    commandLine.addCheck([&] {
        bool ok = false;
        const int count = commandLine.value(load).toInt(&ok);
        if (!ok || count < 0)
            return commandLine.translated(QT_TRANSLATE_NOOP("main", "--load needs a number, 0 or more"));
        const QString name = commandLine.value(backend);
        if (name != QLatin1String("epoll") && name != QLatin1String("io_uring"))
            return commandLine.translated(QT_TRANSLATE_NOOP("main", "--backend must be epoll or io_uring"));
        return QString();
    });
    if (const auto rc = commandLine.parse())
        return *rc;

    QApplication app(argc, argv);
    if (const auto rc = commandLine.parseAgain())
        return *rc;
    qgnet::installTranslations(app, commandLine.language());
    const qgnet::app::QuitOnSignal quitOnSignal;

    const int loadConnections = commandLine.value(load).toInt();
    const QString backendName = commandLine.value(backend);
    // Without --token the demo makes one (too long to guess) and prints it, so that nobody is
    // tempted to pass a short one in argv.
    QString inspectorToken = commandLine.token();
    const bool madeToken = commandLine.isSet(inspect) && inspectorToken.isEmpty();
    if (madeToken) {
        quint32 random[6];
        QRandomGenerator::system()->fillRange(random);
        inspectorToken = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char*>(random), sizeof random)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }

    qgnet::demo::DemoServer server;
    server.setActionsAllowed(commandLine.isSet(allowActions));
    const auto ioBackend = backendName == QLatin1String("io_uring") ? qgnet::QtServer::IoUring : qgnet::QtServer::Epoll;
    if (!server.start(commandLine.value(listen), commandLine.value(http), commandLine.loops(), ioBackend))
        return commandLine.usageError(
            QApplication::translate("main", "cannot start the server: %1").arg(server.errorString()));
    if (commandLine.isSet(inspect) && !server.listenInspector(commandLine.value(inspect), inspectorToken))
        return commandLine.usageError(
            QApplication::translate("main", "cannot serve the inspector: %1").arg(server.errorString()));
    std::printf("%s\n",
        qPrintable(
            QApplication::translate("main", "echo on %1, status page on %2").arg(server.echoUrl(), server.httpUrl())));
    if (server.endpoint())
        std::printf("%s\n",
            qPrintable(QApplication::translate("main", "inspector endpoint on %1").arg(server.endpoint()->address())));
    if (madeToken)
        std::printf("%s\n", qPrintable(QApplication::translate("main", "inspector token: %1").arg(inspectorToken)));
    std::fflush(stdout);

    qgnet::inspector::DemoLoad loadGenerator;
    qgnet::demo::DemoWindow window(&server, &loadGenerator);
    window.setLoadConnections(loadConnections);
    if (commandLine.tab() >= 0)
        window.panel()->tabs()->setCurrentIndex(commandLine.tab());
    window.show();
    if (!commandLine.screenshot().isEmpty())
        qgnet::inspector::scheduleScreenshot(&window, commandLine.screenshot(), commandLine.after());
    const int rc = QApplication::exec();
    loadGenerator.stop();
    server.stop();
    return rc;
}
