// SPDX-License-Identifier: Apache-2.0
// qgnet-demo: a Qt application embedding a qgnet server (echo + HTTP status page), an optional
// built-in load and the inspector's views; --inspect lets qgnet-inspector attach from outside.
#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QRandomGenerator>
#include <QTabWidget>

#include "demo_load.h"
#include "demo_server.h"
#include "demo_window.h"
#include "inspector_panel.h"
#include "qgnet_translations.h"
#include "screenshot.h"
#include "qgnet/version.h"

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "qgnet-demo: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("qgnet-demo"));
    QApplication::setApplicationVersion(QStringLiteral(QGNET_VERSION_STRING));
    qgnet::installTranslations(app, qgnet::languageArgument(QApplication::arguments()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "A Qt application with an embedded qgnet server: "
                                                                     "an echo service, an HTTP status page, a built-in "
                                                                     "load and the inspector's views."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
        QApplication::translate("main", "Echo listener (default tcp://127.0.0.1:9000)."), QStringLiteral("URL"),
        QStringLiteral("tcp://127.0.0.1:9000"));
    const QCommandLineOption http(QStringLiteral("http"),
        QApplication::translate("main", "HTTP status page listener (default tcp://127.0.0.1:9080)."), QStringLiteral("URL"),
        QStringLiteral("tcp://127.0.0.1:9080"));
    const QCommandLineOption loops(QStringLiteral("loops"),
        QApplication::translate("main", "Event loops (default 4)."), QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption load(QStringLiteral("load"),
        QApplication::translate("main", "Connections of the built-in load generator, 0 for none (default 16)."),
        QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption backend(QStringLiteral("backend"),
        QApplication::translate("main", "I/O backend of the server's loops: epoll or io_uring (default epoll)."),
        QStringLiteral("NAME"), QStringLiteral("epoll"));
    const QCommandLineOption inspect(QStringLiteral("inspect"),
        QApplication::translate("main", "Serve statistics to qgnet-inspector at ADDRESS (tcp://127.0.0.1:port or unix:/path)."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption token(QStringLiteral("token"),
        QApplication::translate("main", "Token an inspector must present, at least 16 bytes (default with --inspect: a random one, printed)."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption tab(QStringLiteral("tab"),
        QApplication::translate("main", "Inspector tab to show first: loops, connections, balancing, buffers, charts or events."),
        QStringLiteral("NAME"));
    const QCommandLineOption lang(QStringLiteral("lang"),
        QApplication::translate("main", "User interface language, e.g. zh_CN or en (default: the system's)."),
        QStringLiteral("LANG"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a PNG of the window to FILE and exit."), QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"),
        QApplication::translate("main", "Seconds to run before --screenshot (default 3)."), QStringLiteral("SECONDS"),
        QStringLiteral("3"));
    parser.addOptions({listen, http, loops, load, backend, inspect, token, tab, lang, screenshot, after});
    parser.process(app);

    bool ok = false;
    const int loopCount = parser.value(loops).toInt(&ok);
    if (!ok || loopCount < 1)
        return fail(QApplication::translate("main", "--loops needs a positive number"));
    const int loadConnections = parser.value(load).toInt(&ok);
    if (!ok || loadConnections < 0)
        return fail(QApplication::translate("main", "--load needs a number, 0 or more"));
    const QString backendName = parser.value(backend);
    if (backendName != QLatin1String("epoll") && backendName != QLatin1String("io_uring"))
        return fail(QApplication::translate("main", "--backend must be epoll or io_uring"));
    // Without --token the demo makes one (too long to guess) and prints it, so that nobody is
    // tempted to pass a short one in argv.
    QString inspectorToken = parser.value(token);
    const bool madeToken = parser.isSet(inspect) && inspectorToken.isEmpty();
    if (madeToken) {
        quint32 random[6];
        QRandomGenerator::system()->fillRange(random);
        inspectorToken = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(random), sizeof random)
                                                 .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }

    qgnet::demo::DemoServer server;
    const auto ioBackend = backendName == QLatin1String("io_uring") ? qgnet::QtServer::IoUring : qgnet::QtServer::Epoll;
    if (!server.start(parser.value(listen), parser.value(http), loopCount, ioBackend))
        return fail(QApplication::translate("main", "cannot start the server: %1").arg(server.errorString()));
    if (parser.isSet(inspect) && !server.listenInspector(parser.value(inspect), inspectorToken))
        return fail(QApplication::translate("main", "cannot serve the inspector: %1").arg(server.errorString()));
    std::printf("%s\n", qPrintable(QApplication::translate("main", "echo on %1, status page on %2").arg(server.echoUrl(), server.httpUrl())));
    if (server.endpoint())
        std::printf("%s\n", qPrintable(QApplication::translate("main", "inspector endpoint on %1").arg(server.endpoint()->address())));
    if (madeToken)
        std::printf("%s\n", qPrintable(QApplication::translate("main", "inspector token: %1").arg(inspectorToken)));
    std::fflush(stdout);

    qgnet::inspector::DemoLoad loadGenerator;
    qgnet::demo::DemoWindow window(&server, &loadGenerator);
    window.setLoadConnections(loadConnections);
    if (parser.isSet(tab)) {
        const QStringList names = {QStringLiteral("loops"), QStringLiteral("connections"), QStringLiteral("balancing"),
            QStringLiteral("buffers"), QStringLiteral("charts"), QStringLiteral("events")};
        const auto index = names.indexOf(parser.value(tab).toLower());
        if (index < 0)
            return fail(QApplication::translate("main", "Unknown tab: %1").arg(parser.value(tab)));
        window.panel()->tabs()->setCurrentIndex(static_cast<int>(index));
    }
    window.show();
    if (parser.isSet(screenshot))
        qgnet::inspector::scheduleScreenshot(&window, parser.value(screenshot), parser.value(after).toDouble());
    const int rc = QApplication::exec();
    loadGenerator.stop();
    server.stop();
    return rc;
}
