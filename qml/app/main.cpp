// SPDX-License-Identifier: Apache-2.0
// qgnet-inspector-quick: the QML inspector. The views come from the QGnet.Inspector module and the
// data from the QGnet module's models, both loaded through the QML import path (the build tree's
// <builddir>/qml, or the installed <prefix>/<libdir>/qt6/qml next to this program, or the paths in
// QML_IMPORT_PATH / QML2_IMPORT_PATH).

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace {

struct Arguments {
    QString attach;
    QString token;
    QString serve;
    QString screenshot;
    double after = 3.0;
    int loops = 4;
    int tab = 0;
    QString language;
};

// parseArguments reads the command line; it exits with a message for anything it cannot use.
Arguments parseArguments(const QGuiApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Inspect a qgnet engine: an in-process demo engine, or another process through its inspector endpoint."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption attach("attach", QCoreApplication::translate("main", "Attach to the inspector endpoint at ADDRESS (unix:/path or tcp://host:port)."), "ADDRESS");
    const QCommandLineOption token("token", QCoreApplication::translate("main", "The endpoint's access token."), "TOKEN");
    const QCommandLineOption serve("serve", QCoreApplication::translate("main", "Serve the demo engine's statistics at ADDRESS (with --token)."), "ADDRESS");
    const QCommandLineOption loops("loops", QCoreApplication::translate("main", "Event loops of the demo engine (default 4)."), "N", "4");
    const QCommandLineOption tab("tab", QCoreApplication::translate("main", "Tab to open: 0 overview, 1 connections, 2 load balancing, 3 events."), "N", "0");
    const QCommandLineOption screenshot("screenshot", QCoreApplication::translate("main", "Save a PNG of the window to FILE and quit."), "FILE");
    const QCommandLineOption after("after", QCoreApplication::translate("main", "Seconds to wait before the screenshot (default 3)."), "SECONDS", "3");
    const QCommandLineOption language("lang", QCoreApplication::translate("main", "User interface language, e.g. zh_CN (default: the system's)."), "LOCALE");
    parser.addOptions({attach, token, serve, loops, tab, screenshot, after, language});
    parser.process(app);

    Arguments args;
    args.attach = parser.value(attach);
    args.token = parser.value(token);
    args.serve = parser.value(serve);
    args.screenshot = parser.value(screenshot);
    args.language = parser.value(language);
    bool ok = true;
    args.after = parser.value(after).toDouble(&ok);
    if (!ok || args.after < 0) {
        std::fprintf(stderr, "qgnet-inspector-quick: --after needs a number of seconds >= 0\n");
        std::exit(2);
    }
    args.loops = parser.value(loops).toInt(&ok);
    if (!ok || args.loops < 1 || args.loops > 256) {
        std::fprintf(stderr, "qgnet-inspector-quick: --loops needs a number from 1 to 256\n");
        std::exit(2);
    }
    args.tab = parser.value(tab).toInt(&ok);
    if (!ok || args.tab < 0 || args.tab > 3) {
        std::fprintf(stderr, "qgnet-inspector-quick: --tab needs 0, 1, 2 or 3\n");
        std::exit(2);
    }
    if ((!args.attach.isEmpty() || !args.serve.isEmpty()) && args.token.isEmpty()) {
        std::fprintf(stderr, "qgnet-inspector-quick: --attach and --serve need --token\n");
        std::exit(2);
    }
    return args;
}

// installTranslations loads the shared qgnet translations (embedded under :/i18n) and Qt's own.
void installTranslations(QGuiApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto* qgnet = new QTranslator(&app);
    if (qgnet->load(locale, "qgnet", "_", ":/i18n"))
        QCoreApplication::installTranslator(qgnet);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char* argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("qgnet-inspector-quick");
    QGuiApplication::setOrganizationName("qgnet");
    QGuiApplication::setApplicationVersion(QStringLiteral(QGNET_VERSION));
    const Arguments args = parseArguments(app);
    installTranslations(app, args.language);

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
