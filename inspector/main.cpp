// SPDX-License-Identifier: Apache-2.0
// qgnet-inspector: live view of a qgnet engine, in another process (--attach) or in this one (--demo).
#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QTabWidget>

#include "inspector_panel.h"
#include "inspector_window.h"
#include "qgnet_translations.h"
#include "screenshot.h"
#include "qgnet/version.h"

using qgnet::inspector::InspectorPanel;
using qgnet::inspector::InspectorWindow;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("qgnet-inspector"));
    QApplication::setApplicationVersion(QStringLiteral(QGNET_VERSION_STRING));
    qgnet::installTranslations(app, qgnet::languageArgument(QApplication::arguments()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Live view of the event loops, connections and "
                                                                     "balancing of a qgnet engine."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption attach(QStringLiteral("attach"),
        QApplication::translate("main", "Attach to the inspector endpoint at ADDRESS (tcp://host:port or unix:/path)."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption token(QStringLiteral("token"),
        QApplication::translate("main", "Token for --attach."), QStringLiteral("TOKEN"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QApplication::translate("main", "Start the in-process demo engine (echo server with a small load)."));
    const QCommandLineOption loops(QStringLiteral("loops"),
        QApplication::translate("main", "Event loops of the demo engine (default 4)."), QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QApplication::translate("main", "Load connections of the demo engine (default 16)."), QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption tab(QStringLiteral("tab"),
        QApplication::translate("main", "Tab to show first: loops, connections, balancing, buffers, charts or events."),
        QStringLiteral("NAME"));
    const QCommandLineOption lang(QStringLiteral("lang"),
        QApplication::translate("main", "User interface language, e.g. zh_CN or en (default: the system's)."),
        QStringLiteral("LANG"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a PNG of the window to FILE and exit."), QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"),
        QApplication::translate("main", "Seconds to run before --screenshot (default 3)."), QStringLiteral("SECONDS"),
        QStringLiteral("3"));
    parser.addOptions({attach, token, demo, loops, connections, tab, lang, screenshot, after});
    parser.process(app);

    InspectorWindow window;
    if (parser.isSet(attach)) {
        window.attachRemote(parser.value(attach), parser.value(token));
    } else if (parser.isSet(demo)) {
        window.startDemoEngine(parser.value(loops).toInt(), parser.value(connections).toInt());
    }
    if (parser.isSet(tab)) {
        const QStringList names = {QStringLiteral("loops"), QStringLiteral("connections"), QStringLiteral("balancing"),
            QStringLiteral("buffers"), QStringLiteral("charts"), QStringLiteral("events")};
        const auto index = names.indexOf(parser.value(tab).toLower());
        if (index < 0) {
            std::fprintf(stderr, "%s\n", qPrintable(QApplication::translate("main", "Unknown tab: %1").arg(parser.value(tab))));
            return 2;
        }
        window.panel()->tabs()->setCurrentIndex(static_cast<int>(index));
    }
    window.show();
    if (parser.isSet(screenshot))
        qgnet::inspector::scheduleScreenshot(&window, parser.value(screenshot), parser.value(after).toDouble());
    return QApplication::exec();
}
