// SPDX-License-Identifier: Apache-2.0
// qgnet-inspector-quick: the QML inspector. The views come from the QGnet.Inspector module and the
// data from the QGnet module's models, both loaded through the QML import path (the build tree's
// <builddir>/qml, or the installed <prefix>/<libdir>/qt6/qml next to this program, or the paths in
// QML_IMPORT_PATH / QML2_IMPORT_PATH).

#include <algorithm>
#include <cstdio>

#include <QCommandLineOption>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>

#include "app_command_line.h"
#include "qgnet_translations.h"
#include "quit_on_signal.h"

int main(int argc, char* argv[])
{
    // The command line first, without a QGuiApplication: --help, --version and bad usage need no
    // display. The options of the Widgets inspector, plus --serve.
    qgnet::app::AppCommandLine
        commandLine({.name = QStringLiteral("qgnet-inspector-quick"),
                        .version = QStringLiteral(QGNET_VERSION),
                        .description = QT_TRANSLATE_NOOP("main",
                            "Live view of the event loops, connections and balancing of a qgnet engine."),
                        .tokenHelp = QT_TRANSLATE_NOOP("main", "Token for --attach."),
                        .loopsHelp = QT_TRANSLATE_NOOP("main", "Event loops of the demo engine (default 4)."),
                        .tabHelp = QT_TRANSLATE_NOOP("main",
                            "Tab to show first: overview, connections, balancing, events, timeline, http."),
                        // The Widgets inspector's tab names map onto this one's tabs.
                        .tabs = {{QStringLiteral("overview"), QStringLiteral("loops"), QStringLiteral("charts")},
                            {QStringLiteral("connections"), QStringLiteral("buffers")}, {QStringLiteral("balancing")},
                            {QStringLiteral("events")}, {QStringLiteral("timeline")}, {QStringLiteral("http")}}},
            argc, argv);
    const QCommandLineOption attach(QStringLiteral("attach"),
        commandLine.translated(
            QT_TRANSLATE_NOOP("main", "Attach to the inspector endpoint at ADDRESS (tcp://host:port or unix:/path).")),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        commandLine.translated(
            QT_TRANSLATE_NOOP("main", "Start the in-process demo engine (echo server with a small load).")));
    const QCommandLineOption serve(QStringLiteral("serve"),
        commandLine.translated(QT_TRANSLATE_NOOP("main",
            "Serve the demo engine's statistics at ADDRESS for other inspectors (with --token).")),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        commandLine.translated(QT_TRANSLATE_NOOP("main", "Most load connections of the demo engine (default 40).")),
        QStringLiteral("N"), QStringLiteral("40"));
    const QCommandLineOption open(QStringLiteral("open"),
        commandLine.translated(QT_TRANSLATE_NOOP("main", "Replay the recording FILE (saved with Save recording).")),
        QStringLiteral("FILE"));
    for (const QCommandLineOption& option : {attach, demo, serve, connections, open})
        commandLine.addOption(option);
    commandLine.addCheck([&] {
        bool ok = false;
        const int count = commandLine.value(connections).toInt(&ok);
        if (!ok || count < 0 || count > 10000)
            return commandLine.translated(QT_TRANSLATE_NOOP("main", "--connections needs a number from 0 to 10000"));
        if ((commandLine.isSet(attach) || commandLine.isSet(serve)) && commandLine.token().isEmpty())
            return commandLine.translated(QT_TRANSLATE_NOOP("main",
                "--attach and --serve need a token (--token-file FILE, QGNET_INSPECTOR_TOKEN or --token)"));
        if (commandLine.isSet(attach) && commandLine.isSet(demo))
            return commandLine.translated(QT_TRANSLATE_NOOP("main", "--attach and --demo exclude each other"));
        return QString();
    });
    if (const auto rc = commandLine.parse())
        return *rc;

    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName("qgnet");
    if (const auto rc = commandLine.parseAgain())
        return *rc;
    qgnet::installTranslations(app, commandLine.language());
    const qgnet::app::QuitOnSignal quitOnSignal;

    // Without a GPU (offscreen, CI, --screenshot on a server) Qt Quick draws in software.
    if (QGuiApplication::platformName() == QLatin1String("offscreen")
        && qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND"))
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle("Fusion");

    QQmlApplicationEngine engine;
    const QDir appDir(QCoreApplication::applicationDirPath());
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    for (const char* relative : {QGNET_QML_BUILD_RELATIVE, QGNET_QML_INSTALL_RELATIVE}) {
        const QString dir = appDir.absoluteFilePath(QString::fromUtf8(relative));
        if (QDir(dir).exists(QStringLiteral("QGnet/qmldir")))
            engine.addImportPath(dir);
    }
    engine.setInitialProperties({
        {"attachAddress", commandLine.value(attach)},
        {"token", commandLine.token()},
        {"serveAddress", commandLine.value(serve)},
        {"demoLoops", commandLine.loops()},
        {"demoConnections", commandLine.value(connections).toInt()},
        {"initialTab", std::max(commandLine.tab(), 0)},
        {"recordingFile", commandLine.value(open)},
    });
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/QGnetInspectorQuick/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (!commandLine.screenshot().isEmpty()) {
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
        QTimer::singleShot(static_cast<int>(commandLine.after() * 1000), &app,
            [window, file = commandLine.screenshot()] {
                const QImage image = window != nullptr ? window->grabWindow() : QImage();
                if (image.isNull() || !image.save(file, "PNG")) {
                    std::fprintf(stderr, "qgnet-inspector-quick: cannot write the screenshot to %s\n",
                        qPrintable(file));
                    QCoreApplication::exit(1);
                    return;
                }
                std::printf("screenshot saved to %s (%dx%d)\n", qPrintable(file), image.width(), image.height());
                QCoreApplication::quit();
            });
    }
    return QGuiApplication::exec();
}
