// SPDX-License-Identifier: Apache-2.0
// qgnet-inspector and qgnet-demo as programs: screenshots under live load, --lang, and the demo's
// inspector endpoint attached from an inspector window in this process (the real two-process case).
// With qgnet-inspector-quick: the shared command line (--help, --version and usage errors without a
// display) and a clean exit on SIGTERM and SIGINT.
#include <algorithm>
#include <array>
#include <memory>

#include <signal.h>

#include <QFile>
#include <QHash>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "inspector_panel.h"
#include "inspector_window.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/remote_stats_feed.h"
#include "qgnet/qt/stats_feed.h"
#include "qgnet/version.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using qgnet::inspector::InspectorWindow;

namespace {

constexpr int kTimeout = 30000;

QStringList loopbackServers()
{
    return {QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("--http"),
        QStringLiteral("tcp://127.0.0.1:0")};
}

// Every GUI program, for the command-line tests.
void addPrograms()
{
    QTest::addColumn<QString>("program");
    QTest::newRow("inspector") << QStringLiteral(QGNET_INSPECTOR_PATH);
    QTest::newRow("demo") << QStringLiteral(QGNET_DEMO_PATH);
#ifdef QGNET_QUICK_PATH
    QTest::newRow("inspector-quick") << QStringLiteral(QGNET_QUICK_PATH);
#endif
}

// noDisplay is an environment in which no Qt platform plugin could start: no QT_QPA_PLATFORM, no
// Wayland, and an X display that cannot exist.
QProcessEnvironment noDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("DISPLAY"), QStringLiteral("no-such-host.invalid:99"));
    return env;
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runWithoutDisplay(const QString& program, const QStringList& arguments,
    const QProcessEnvironment& environment = noDisplay())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run run;
    if (!process.waitForFinished(kTimeout) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

namespace {

struct ImageContent {
    qsizetype distinctColours = 0;
    int busyQuadrants = 0;    ///< Quadrants holding more than one colour.
    qint64 nonBackground = 0; ///< Pixels that differ from the most common colour.
    qint64 pixels = 0;
};

ImageContent analyse(const QImage& original)
{
    const QImage image = original.convertToFormat(QImage::Format_RGB32);
    ImageContent out;
    QHash<QRgb, qint64> counts;
    std::array<QSet<QRgb>, 4> quadrant;
    const int w = image.width();
    const int h = image.height();
    for (int y = 0; y < h; ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < w; ++x) {
            ++counts[line[x]];
            QSet<QRgb>& q = quadrant[std::size_t((y >= h / 2 ? 2 : 0) + (x >= w / 2 ? 1 : 0))];
            if (q.size() < 2)
                q.insert(line[x]);
        }
    }
    qint64 background = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        background = std::max(background, it.value());
    out.distinctColours = counts.size();
    out.pixels = qint64(w) * h;
    out.nonBackground = out.pixels - background;
    for (const QSet<QRgb>& q : quadrant)
        out.busyQuadrants += q.size() > 1 ? 1 : 0;
    return out;
}

} // namespace

class TestApps : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    // No descriptor, thread or qgnet object may outlive a test function.
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void screenshot_data();
    void screenshot();
    void helpIsTranslated();
    void demoIsInspectableFromOutside();
    void demoMakesItsOwnToken();
    void demoAllowsActionsOnlyWithTheFlag_data();
    void demoAllowsActionsOnlyWithTheFlag();
    void helpWithoutDisplay_data() { addPrograms(); }
    void helpWithoutDisplay();
    void badUsageWithoutDisplay_data() { addPrograms(); }
    void badUsageWithoutDisplay();
    void qtOptionsStillWork();
    void tokenSourcesWithoutDisplay_data() { addPrograms(); }
    void tokenSourcesWithoutDisplay();
    void demoReadsTokenFromFileOrEnvironment_data();
    void demoReadsTokenFromFileOrEnvironment();
    void demoQuitsOnSignal_data();
    void demoQuitsOnSignal();
};

void TestApps::screenshot_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("inspector") << QStringLiteral(QGNET_INSPECTOR_PATH) << QStringList{QStringLiteral("--demo")};
    QTest::newRow("inspector zh_CN charts")
        << QStringLiteral(QGNET_INSPECTOR_PATH)
        << QStringList{QStringLiteral("--demo"), QStringLiteral("--lang"), QStringLiteral("zh_CN"),
               QStringLiteral("--tab"), QStringLiteral("charts")};
    QTest::newRow("demo") << QStringLiteral(QGNET_DEMO_PATH) << loopbackServers();
}

void TestApps::screenshot()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program,
        arguments << QStringLiteral("--screenshot") << png << QStringLiteral("--after") << QStringLiteral("1.5"));
    QVERIFY2(process.waitForFinished(kTimeout), qPrintable(program));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    // The picture must show a rendered window, not just have its size: a blank or single-colour grab
    // (taken before the first paint, or of a window whose widgets failed) has one colour, and a
    // window with text, tables and charts has hundreds (anti-aliased glyphs alone give dozens).
    const ImageContent content = analyse(image);
    qInfo("%lld distinct colours, %d of 4 quadrants with content, %lld of %lld pixels not background",
        qint64(content.distinctColours), content.busyQuadrants, content.nonBackground, content.pixels);
    QVERIFY2(content.distinctColours >= 256,
        qPrintable(QStringLiteral("%1 distinct colours").arg(content.distinctColours)));
    // Content all over the window, not only in one corner: at least 3 of its 4 quadrants hold more
    // than one colour, and at least 5% of the pixels differ from the most common (background) colour.
    // Measured: about 2000 colours, 4 busy quadrants and 18-51% non-background pixels in each case.
    QVERIFY2(content.busyQuadrants >= 3,
        qPrintable(QStringLiteral("%1 of 4 quadrants uniform").arg(4 - content.busyQuadrants)));
    QVERIFY2(content.nonBackground * 20 >= content.pixels,
        qPrintable(QStringLiteral("%1 of %2 pixels differ from the background")
                       .arg(content.nonBackground)
                       .arg(content.pixels)));
}

void TestApps::helpIsTranslated()
{
    QProcess process;
    process.start(QStringLiteral(QGNET_INSPECTOR_PATH),
        {QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(kTimeout));
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(help.contains(QStringLiteral("事件循环")), qPrintable(help));
    QVERIFY(help.contains(QStringLiteral("--attach")));
}

void TestApps::demoAllowsActionsOnlyWithTheFlag_data()
{
    QTest::addColumn<bool>("allow");
    QTest::newRow("default") << false;
    QTest::newRow("--allow-actions") << true;
}

// qgnet-demo --inspect lets an attached inspector run actions only with --allow-actions; without
// it an action is answered "actions-disabled".
void TestApps::demoAllowsActionsOnlyWithTheFlag()
{
    QFETCH(bool, allow);
    QProcess demo;
    demo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList arguments = loopbackServers()
        << QStringLiteral("--load") << QStringLiteral("0") << QStringLiteral("--inspect")
        << QStringLiteral("tcp://127.0.0.1:0") << QStringLiteral("--token")
        << QStringLiteral("let-me-in-with-this-token");
    if (allow)
        arguments << QStringLiteral("--allow-actions");
    demo.start(QStringLiteral(QGNET_DEMO_PATH), arguments);
    QVERIFY(demo.waitForStarted(kTimeout));
    QString address;
    const QRegularExpression line(QStringLiteral("inspector endpoint on (\\S+)"));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            out += demo.readAllStandardOutput();
            const auto m = line.match(QString::fromUtf8(out));
            address = m.hasMatch() ? m.captured(1) : QString();
            return !address.isEmpty();
        }(),
        kTimeout);
    qgnet::RemoteStatsFeed feed;
    QSignalSpy finished(&feed, &qgnet::StatsFeed::actionFinished);
    feed.attach(address, QStringLiteral("let-me-in-with-this-token"));
    QTRY_VERIFY_WITH_TIMEOUT(feed.isActive(), kTimeout);
    QCOMPARE(feed.actionsAvailable(), allow);
    feed.pauseAccepting();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
    QCOMPARE(finished.at(0).at(1).toBool(), allow);
    if (!allow)
        QVERIFY(finished.at(0).at(2).toString().startsWith(QStringLiteral("actions-disabled")));
    feed.detach();
    demo.terminate();
    QVERIFY(demo.waitForFinished(kTimeout));
}

void TestApps::demoIsInspectableFromOutside()
{
    QProcess demo;
    demo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    demo.start(QStringLiteral(QGNET_DEMO_PATH),
        loopbackServers() << QStringLiteral("--load") << QStringLiteral("5") << QStringLiteral("--inspect")
                          << QStringLiteral("tcp://127.0.0.1:0") << QStringLiteral("--token")
                          << QStringLiteral("let-me-in-with-this-token"));
    QVERIFY(demo.waitForStarted(kTimeout));
    // The demo prints the bound endpoint address.
    QString address;
    const QRegularExpression line(QStringLiteral("inspector endpoint on (\\S+)"));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            out += demo.readAllStandardOutput();
            const auto m = line.match(QString::fromUtf8(out));
            address = m.hasMatch() ? m.captured(1) : QString();
            return !address.isEmpty();
        }(),
        kTimeout);

    // Not shown: painting would start Qt's image worker threads, and under TSan no thread may start
    // after the fork of a child process.
    auto window = std::make_unique<InspectorWindow>();
    window->attachRemote(address, QStringLiteral("not-the-token"));
    QTRY_VERIFY_WITH_TIMEOUT(!window->errorText().isEmpty(), kTimeout);
    QCOMPARE(window->panel()->connectionModel()->rowCount(), 0);

    window->attachRemote(address, QStringLiteral("let-me-in-with-this-token"));
    QTRY_VERIFY_WITH_TIMEOUT(window->feed()->isActive(), kTimeout);
    // The built-in load keeps 5 echo connections open (churn redials, so wait for a full house).
    QTRY_COMPARE_WITH_TIMEOUT(window->panel()->connectionModel()->rowCount(), 5, kTimeout);
    QCOMPARE(window->panel()->loopModel()->rowCount(), 4);
    QVERIFY(window->errorText().isEmpty());
    window.reset();

    demo.terminate();
    QVERIFY(demo.waitForFinished(kTimeout));
}

// --inspect without --token: the demo makes a random token of at least 16 bytes and prints it, and
// that token attaches. A short --token is refused with a message, exit code 2.
void TestApps::demoMakesItsOwnToken()
{
    QProcess shortToken;
    shortToken.start(QStringLiteral(QGNET_DEMO_PATH),
        loopbackServers() << QStringLiteral("--inspect") << QStringLiteral("tcp://127.0.0.1:0")
                          << QStringLiteral("--token") << QStringLiteral("demo"));
    QVERIFY(shortToken.waitForFinished(kTimeout));
    QCOMPARE(shortToken.exitCode(), 2);
    const QString why = QString::fromUtf8(shortToken.readAllStandardError());
    QVERIFY2(why.contains(QStringLiteral("16")), qPrintable(why));

    QProcess demo;
    demo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    demo.start(QStringLiteral(QGNET_DEMO_PATH),
        loopbackServers() << QStringLiteral("--load") << QStringLiteral("2") << QStringLiteral("--inspect")
                          << QStringLiteral("tcp://127.0.0.1:0"));
    QVERIFY(demo.waitForStarted(kTimeout));
    const QRegularExpression addressLine(QStringLiteral("inspector endpoint on (\\S+)"));
    const QRegularExpression tokenLine(QStringLiteral("inspector token: (\\S+)"));
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            out += QString::fromUtf8(demo.readAllStandardOutput());
            return addressLine.match(out).hasMatch() && tokenLine.match(out).hasMatch();
        }(),
        kTimeout);
    const QString address = addressLine.match(out).captured(1);
    const QString token = tokenLine.match(out).captured(1);
    QVERIFY2(token.toUtf8().size() >= 16, qPrintable(token));
    auto window = std::make_unique<InspectorWindow>();
    window->attachRemote(address, token);
    QTRY_VERIFY_WITH_TIMEOUT(window->feed()->isActive(), kTimeout);
    QVERIFY(window->errorText().isEmpty());
    window.reset();
    demo.terminate();
    QVERIFY(demo.waitForFinished(kTimeout));
}

// --help and --version are answered before the application object exists, so they need no display.
void TestApps::helpWithoutDisplay()
{
    QFETCH(QString, program);
    const Run help = runWithoutDisplay(program, {QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(QStringLiteral("Usage:")) && help.out.contains(QStringLiteral("--screenshot"))
            && help.out.contains(QStringLiteral("--lang")),
        qPrintable(help.out + help.err));
    const Run version = runWithoutDisplay(program, {QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.contains(QStringLiteral(QGNET_VERSION_STRING)), qPrintable(version.out + version.err));
}

// A bad value of a shared option is refused the same way by every program: a message, exit code 2,
// and no display needed.
void TestApps::badUsageWithoutDisplay()
{
    QFETCH(QString, program);
    const QList<QStringList> cases = {{QStringLiteral("--loops"), QStringLiteral("0")},
        {QStringLiteral("--loops"), QStringLiteral("many")}, {QStringLiteral("--tab"), QStringLiteral("nowhere")},
        {QStringLiteral("--after"), QStringLiteral("-1")}, {QStringLiteral("--lang")}};
    for (const QStringList& arguments : cases) {
        const Run run = runWithoutDisplay(program, arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
        QVERIFY2(run.err.contains(arguments.constFirst().mid(2)), qPrintable(run.err));
    }
}

// Qt's own options are known only to the application object: an argument line with them is parsed
// again once it exists, and still checked; --help-all lists them.
void TestApps::qtOptionsStillWork()
{
    QProcess badLoops;
    badLoops.start(QStringLiteral(QGNET_INSPECTOR_PATH),
        {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--loops"), QStringLiteral("0")});
    QVERIFY(badLoops.waitForFinished(kTimeout));
    QCOMPARE(badLoops.exitStatus(), QProcess::NormalExit);
    QCOMPARE(badLoops.exitCode(), 2);
    QVERIFY(badLoops.readAllStandardError().contains("--loops"));

    QProcess unknown;
    unknown.start(QStringLiteral(QGNET_INSPECTOR_PATH), {QStringLiteral("--no-such-option")});
    QVERIFY(unknown.waitForFinished(kTimeout));
    QCOMPARE(unknown.exitStatus(), QProcess::NormalExit);
    QCOMPARE(unknown.exitCode(), 2);
    QVERIFY(unknown.readAllStandardError().contains("no-such-option"));

    QProcess helpAll;
    helpAll.start(QStringLiteral(QGNET_INSPECTOR_PATH), {QStringLiteral("--help-all")});
    QVERIFY(helpAll.waitForFinished(kTimeout));
    QCOMPARE(helpAll.exitStatus(), QProcess::NormalExit);
    QCOMPARE(helpAll.exitCode(), 0);
    const QString text = QString::fromUtf8(helpAll.readAllStandardOutput());
    QVERIFY2(text.contains(QStringLiteral("platform")) && text.contains(QStringLiteral("--screenshot")),
        qPrintable(text));
}

// Every program that takes --token also takes --token-file FILE and QGNET_INSPECTOR_TOKEN, read
// and checked (at least 16 bytes) before the application object exists. A token in argv still works
// but is warned about: every user of the machine can read it in ps or /proc/PID/cmdline.
void TestApps::tokenSourcesWithoutDisplay()
{
    QFETCH(QString, program);
    QTemporaryDir dir;
    const QString shortFile = dir.filePath(QStringLiteral("short"));
    {
        QFile f(shortFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("tiny\n");
    }
    const QString missing = dir.filePath(QStringLiteral("missing"));

    const Run noFile = runWithoutDisplay(program, {QStringLiteral("--token-file"), missing});
    QVERIFY2(noFile.exitCode == 2 && noFile.err.contains(missing), qPrintable(noFile.err));

    const Run shortFromFile = runWithoutDisplay(program, {QStringLiteral("--token-file"), shortFile});
    QVERIFY2(shortFromFile.exitCode == 2 && shortFromFile.err.contains(QStringLiteral("16")),
        qPrintable(shortFromFile.err));

    QProcessEnvironment environment = noDisplay();
    environment.insert(QStringLiteral("QGNET_INSPECTOR_TOKEN"), QStringLiteral("tiny"));
    const Run shortFromEnvironment = runWithoutDisplay(program, {QStringLiteral("--loops"), QStringLiteral("2")},
        environment);
    QVERIFY2(shortFromEnvironment.exitCode == 2 && shortFromEnvironment.err.contains(QStringLiteral("16"))
            && shortFromEnvironment.err.contains(QStringLiteral("QGNET_INSPECTOR_TOKEN")),
        qPrintable(shortFromEnvironment.err));

    const Run both = runWithoutDisplay(program,
        {QStringLiteral("--token"), QStringLiteral("0123456789abcdef-argv"), QStringLiteral("--token-file"),
            shortFile});
    QVERIFY2(both.exitCode == 2 && both.err.contains(QStringLiteral("--token-file")), qPrintable(both.err));

    // In argv: a warning that names the safer ways, then the usual checks (here: a bad --loops).
    const Run inArgv = runWithoutDisplay(program,
        {QStringLiteral("--token"), QStringLiteral("0123456789abcdef-argv"), QStringLiteral("--loops"),
            QStringLiteral("0")});
    QVERIFY2(inArgv.exitCode == 2 && inArgv.err.contains(QStringLiteral("--loops")), qPrintable(inArgv.err));
    QVERIFY2(inArgv.err.contains(QStringLiteral("warning")) && inArgv.err.contains(QStringLiteral("--token-file"))
            && inArgv.err.contains(QStringLiteral("QGNET_INSPECTOR_TOKEN")),
        qPrintable(inArgv.err));
    // From a file or the environment: no warning.
    const QString goodFile = dir.filePath(QStringLiteral("good"));
    {
        QFile f(goodFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0123456789abcdef-from-a-file\n");
    }
    const Run fromFile = runWithoutDisplay(program,
        {QStringLiteral("--token-file"), goodFile, QStringLiteral("--loops"), QStringLiteral("0")});
    QVERIFY2(fromFile.exitCode == 2 && !fromFile.err.contains(QStringLiteral("warning")), qPrintable(fromFile.err));
}

void TestApps::demoReadsTokenFromFileOrEnvironment_data()
{
    QTest::addColumn<bool>("fromFile");
    QTest::newRow("--token-file") << true;
    QTest::newRow("QGNET_INSPECTOR_TOKEN") << false;
}

// The token the demo's endpoint wants comes from --token-file (its first line) or from
// QGNET_INSPECTOR_TOKEN: that token attaches, and the demo neither prints it nor warns.
void TestApps::demoReadsTokenFromFileOrEnvironment()
{
    QFETCH(bool, fromFile);
    const QString token = QStringLiteral("token-kept-out-of-argv-0123");
    QTemporaryDir dir;
    QStringList arguments = loopbackServers() << QStringLiteral("--load") << QStringLiteral("1")
                                              << QStringLiteral("--inspect") << QStringLiteral("tcp://127.0.0.1:0");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (fromFile) {
        const QString file = dir.filePath(QStringLiteral("token"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(token.toUtf8() + "\n");
        f.close();
        arguments << QStringLiteral("--token-file") << file;
    } else {
        environment.insert(QStringLiteral("QGNET_INSPECTOR_TOKEN"), token);
    }
    QProcess demo;
    demo.setProcessEnvironment(environment);
    demo.start(QStringLiteral(QGNET_DEMO_PATH), arguments);
    QVERIFY(demo.waitForStarted(kTimeout));
    const QRegularExpression addressLine(QStringLiteral("inspector endpoint on (\\S+)"));
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            out += QString::fromUtf8(demo.readAllStandardOutput());
            return addressLine.match(out).hasMatch();
        }(),
        kTimeout);
    const QString address = addressLine.match(out).captured(1);
    auto window = std::make_unique<InspectorWindow>();
    window->attachRemote(address, token);
    QTRY_VERIFY_WITH_TIMEOUT(window->feed()->isActive(), kTimeout);
    QVERIFY(window->errorText().isEmpty());
    window.reset();
    demo.terminate();
    QVERIFY(demo.waitForFinished(kTimeout));
    out += QString::fromUtf8(demo.readAllStandardOutput());
    const QString err = QString::fromUtf8(demo.readAllStandardError());
    QVERIFY2(!out.contains(token) && !out.contains(QStringLiteral("inspector token:")), qPrintable(out));
    QVERIFY2(!err.contains(QStringLiteral("warning: --token")), qPrintable(err));
}

void TestApps::demoQuitsOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

// SIGTERM and SIGINT end the event loop like closing the window: the demo stops its load and its
// server and exits with 0 (not killed by the signal).
void TestApps::demoQuitsOnSignal()
{
    QFETCH(int, signalNumber);
    QProcess demo;
    demo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    demo.start(QStringLiteral(QGNET_DEMO_PATH), loopbackServers() << QStringLiteral("--load") << QStringLiteral("2"));
    QVERIFY(demo.waitForStarted(kTimeout));
    // The demo prints its addresses once its signal handling is in place.
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            out += demo.readAllStandardOutput();
            return out.contains("echo on ");
        }(),
        kTimeout);
    QCOMPARE(::kill(static_cast<pid_t>(demo.processId()), signalNumber), 0);
    QVERIFY(demo.waitForFinished(kTimeout));
    QCOMPARE(demo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(demo.exitCode(), 0);
}

QGNET_GUI_TEST_MAIN(TestApps)
#include "tst_apps.moc"
