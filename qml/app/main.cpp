// SPDX-License-Identifier: Apache-2.0
// qgnet-inspector-quick: the QML inspector. The views come from the QGnet.Inspector module and the
// data from the QGnet module's models, both loaded through the QML import path (the build tree's
// <builddir>/qml, or the installed <prefix>/<libdir>/qt6/qml next to this program, or the paths in
// QML_IMPORT_PATH / QML2_IMPORT_PATH).

#include <cstdio>

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>

#include "qgnet_translations.h"

namespace {

struct Arguments {
    QString attach;
    QString token;
    QString serve;
    QString screenshot;
    double after = 3.0;
    int loops = 4;
    int connections = 40;
    int tab = 0;
};

[[noreturn]] void usageError(const QString& message)
{
    std::fprintf(stderr, "qgnet-inspector-quick: %s\n", qPrintable(message));
    std::exit(2);
}

// parseArguments reads the command line (the options of the Widgets inspector, plus --serve); it
// exits with a message for anything it cannot use.
Arguments parseArguments(const QGuiApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Live view of the event loops, connections and balancing of a qgnet engine."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption attach(QStringLiteral("attach"),
        QCoreApplication::translate("main", "Attach to the inspector endpoint at ADDRESS (tcp://host:port or unix:/path)."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption token(QStringLiteral("token"),
        QCoreApplication::translate("main", "Token for --attach."), QStringLiteral("TOKEN"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QCoreApplication::translate("main", "Start the in-process demo engine (echo server with a small load)."));
    const QCommandLineOption serve(QStringLiteral("serve"),
        QCoreApplication::translate("main", "Serve the demo engine's statistics at ADDRESS for other inspectors (with --token)."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption loops(QStringLiteral("loops"),
        QCoreApplication::translate("main", "Event loops of the demo engine (default 4)."), QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QCoreApplication::translate("main", "Most load connections of the demo engine (default 40)."), QStringLiteral("N"),
        QStringLiteral("40"));
    const QCommandLineOption tab(QStringLiteral("tab"),
        QCoreApplication::translate("main", "Tab to show first: overview, connections, balancing or events."),
        QStringLiteral("NAME"));
    const QCommandLineOption lang(QStringLiteral("lang"),
        QCoreApplication::translate("main", "User interface language, e.g. zh_CN or en (default: the system's)."),
        QStringLiteral("LANG"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the window to FILE and exit."), QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"),
        QCoreApplication::translate("main", "Seconds to run before --screenshot (default 3)."), QStringLiteral("SECONDS"),
        QStringLiteral("3"));
    parser.addOptions({attach, token, demo, serve, loops, connections, tab, lang, screenshot, after});
    parser.process(app);

    Arguments args;
    args.attach = parser.value(attach);
    args.token = parser.value(token);
    args.serve = parser.value(serve);
    args.screenshot = parser.value(screenshot);
    bool ok = true;
    args.after = parser.value(after).toDouble(&ok);
    if (!ok || args.after < 0)
        usageError(QCoreApplication::translate("main", "--after needs a number of seconds, 0 or more"));
    args.loops = parser.value(loops).toInt(&ok);
    if (!ok || args.loops < 1 || args.loops > 256)
        usageError(QCoreApplication::translate("main", "--loops needs a number from 1 to 256"));
    args.connections = parser.value(connections).toInt(&ok);
    if (!ok || args.connections < 0 || args.connections > 10000)
        usageError(QCoreApplication::translate("main", "--connections needs a number from 0 to 10000"));
    if (parser.isSet(tab)) {
        // The Widgets inspector's tab names map onto this one's four tabs.
        const QString name = parser.value(tab).toLower();
        const QStringList names[] = {{"overview", "loops", "charts"}, {"connections", "buffers"}, {"balancing"}, {"events"}};
        args.tab = -1;
        for (int i = 0; i < 4; ++i) {
            if (names[i].contains(name))
                args.tab = i;
        }
        if (args.tab < 0)
            usageError(QCoreApplication::translate("main", "Unknown tab: %1").arg(parser.value(tab)));
    }
    if ((!args.attach.isEmpty() || !args.serve.isEmpty()) && args.token.isEmpty())
        usageError(QCoreApplication::translate("main", "--attach and --serve need --token"));
    if (!args.attach.isEmpty() && parser.isSet(demo))
        usageError(QCoreApplication::translate("main", "--attach and --demo exclude each other"));
    return args;
}

} // namespace

int main(int argc, char* argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("qgnet-inspector-quick");
    QGuiApplication::setOrganizationName("qgnet");
    QGuiApplication::setApplicationVersion(QStringLiteral(QGNET_VERSION));
    // Before the parser, so that --help is translated too.
    qgnet::installTranslations(app, qgnet::languageArgument(QGuiApplication::arguments()));
    const Arguments args = parseArguments(app);

    // Without a GPU (offscreen, CI, --screenshot on a server) Qt Quick draws in software.
    if (QGuiApplication::platformName() == QLatin1String("offscreen") && qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND"))
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
        {"attachAddress", args.attach},
        {"token", args.token},
        {"serveAddress", args.serve},
        {"demoLoops", args.loops},
        {"demoConnections", args.connections},
        {"initialTab", args.tab},
    });
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/QGnetInspectorQuick/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (!args.screenshot.isEmpty()) {
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
        QTimer::singleShot(static_cast<int>(args.after * 1000), &app, [window, file = args.screenshot] {
            const QImage image = window != nullptr ? window->grabWindow() : QImage();
            if (image.isNull() || !image.save(file, "PNG")) {
                std::fprintf(stderr, "qgnet-inspector-quick: cannot write the screenshot to %s\n", qPrintable(file));
                QCoreApplication::exit(1);
                return;
            }
            std::printf("screenshot saved to %s (%dx%d)\n", qPrintable(file), image.width(), image.height());
            QCoreApplication::quit();
        });
    }
    return QGuiApplication::exec();
}
