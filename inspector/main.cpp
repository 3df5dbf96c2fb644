// SPDX-License-Identifier: Apache-2.0
// qgnet-inspector: live view of a qgnet engine, in another process (--attach) or in this one (--demo).
#include <QApplication>
#include <QCommandLineOption>
#include <QTabWidget>

#include "app_command_line.h"
#include "inspector_panel.h"
#include "inspector_window.h"
#include "qgnet/version.h"
#include "qgnet_translations.h"
#include "quit_on_signal.h"
#include "screenshot.h"

using qgnet::inspector::InspectorPanel;
using qgnet::inspector::InspectorWindow;

int main(int argc, char** argv)
{
    // The command line first, without a QApplication: --help, --version and bad usage need no display.
    qgnet::app::AppCommandLine commandLine(
        {.name = QStringLiteral("qgnet-inspector"),
            .version = QStringLiteral(QGNET_VERSION_STRING),
            .description = QT_TRANSLATE_NOOP("main",
                "Live view of the event loops, connections and balancing of a qgnet engine."),
            .tokenHelp = QT_TRANSLATE_NOOP("main", "Token for --attach."),
            .loopsHelp = QT_TRANSLATE_NOOP("main", "Event loops of the demo engine (default 4)."),
            .tabHelp = QT_TRANSLATE_NOOP("main",
                "Tab to show first: loops, connections, balancing, buffers, charts or events."),
            .tabs = {{QStringLiteral("loops")}, {QStringLiteral("connections")}, {QStringLiteral("balancing")},
                {QStringLiteral("buffers")}, {QStringLiteral("charts")}, {QStringLiteral("events")}}},
        argc, argv);
    const QCommandLineOption attach(QStringLiteral("attach"),
        commandLine.translated(
            QT_TRANSLATE_NOOP("main", "Attach to the inspector endpoint at ADDRESS (tcp://host:port or unix:/path).")),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        commandLine.translated(
            QT_TRANSLATE_NOOP("main", "Start the in-process demo engine (echo server with a small load).")));
    const QCommandLineOption connections(QStringLiteral("connections"),
        commandLine.translated(QT_TRANSLATE_NOOP("main", "Load connections of the demo engine (default 16).")),
        QStringLiteral("N"), QStringLiteral("16"));
    const QCommandLineOption open(QStringLiteral("open"),
        commandLine.translated(
            QT_TRANSLATE_NOOP("main", "Replay the recording FILE (saved with File > Save recording).")),
        QStringLiteral("FILE"));
    commandLine.addOption(attach);
    commandLine.addOption(open);
    commandLine.addOption(demo);
    commandLine.addOption(connections);
    if (const auto rc = commandLine.parse())
        return *rc;

    QApplication app(argc, argv);
    if (const auto rc = commandLine.parseAgain())
        return *rc;
    qgnet::installTranslations(app, commandLine.language());
    const qgnet::app::QuitOnSignal quitOnSignal;

    InspectorWindow window;
    if (commandLine.isSet(open)) {
        window.openRecording(commandLine.value(open));
    } else if (commandLine.isSet(attach)) {
        window.attachRemote(commandLine.value(attach), commandLine.token());
    } else if (commandLine.isSet(demo)) {
        window.startDemoEngine(commandLine.loops(), commandLine.value(connections).toInt());
    }
    if (commandLine.tab() >= 0)
        window.panel()->tabs()->setCurrentIndex(commandLine.tab());
    window.show();
    if (!commandLine.screenshot().isEmpty())
        qgnet::inspector::scheduleScreenshot(&window, commandLine.screenshot(), commandLine.after());
    return QApplication::exec();
}
